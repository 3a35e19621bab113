/**
 * Where the new exception text goes: into a rule item's `exceptions:` (appended in the sequence's style, or a new
 * `exceptions:` key after the item's last key), as new values of an exception already written, or as a new
 * `override: {exceptions: append}` item at the end of a file. Each returns one minimal insertion; the rest of the
 * file (comments, quoting, indentation) is untouched.
 */
import type { RulesItem } from '../../syntax/rulesFile';
import { getPair, type YNode } from '../../syntax/yaml/tree';
import type { TextChange } from '../diagnostics/diagnostic';
import type { ExceptionEntry } from '../diagnostics/checks/updates/updateFacts';
import { blockEntry, columnOf, contentEnd, dashColumn, flowEntry, lineEnd, overrideItem, valueLines, withEol, type ExceptionDraft, type FileStyle } from './layout';
import { flowScalar, flowSequence } from './valueText';

export interface Insertion {
  readonly change: TextChange;
  /** Index in `change.newText` where the new exception (or the first new value) starts. */
  readonly focus: number;
}

export type Placement = Insertion | { readonly error: string };

function insertAt(offset: number, newText: string, focus: number, style: FileStyle): Insertion {
  const converted = withEol(newText, style);
  return { change: { span: { start: offset, end: offset }, newText: converted }, focus: withEol(newText.slice(0, focus), style).length };
}

function nonNull(items: readonly (YNode | null)[]): YNode[] {
  return items.filter((item): item is YNode => item !== null);
}

/** Appends `parts` (flow text) to a flow sequence, inside its brackets. */
function appendToFlow(text: string, seq: YNode & { kind: 'seq' }, parts: readonly string[], style: FileStyle): Insertion | undefined {
  const close = seq.span.end - 1;
  if (text[close] !== ']') return undefined;
  const items = nonNull(seq.items);
  if (items.length === 0) return insertAt(close, parts.join(', '), 0, style);
  return insertAt(items[items.length - 1]!.span.end, `, ${parts.join(', ')}`, 2, style);
}

/** Adds the exception to the `exceptions:` of a rule item (a definition or an override item). */
export function addToRuleItem(text: string, item: RulesItem, draft: ExceptionDraft, style: FileStyle): Placement {
  const map = item.map;
  if (!map || map.flow || map.pairs.length === 0) return { error: `The item of rule '${item.name ?? ''}' is written as a flow mapping; add the exception by hand or choose an override.` };
  const pair = getPair(map, 'exceptions');
  if (!pair) {
    const keyColumn = columnOf(text, map.pairs[0]!.keySpan.start);
    const last = map.pairs[map.pairs.length - 1]!;
    const at = lineEnd(text, contentEnd(text, last.span.end));
    return insertAt(at, `\n${' '.repeat(keyColumn)}exceptions:\n${blockEntry(draft, keyColumn + style.sequenceOffset, style)}`, 1 + keyColumn + 'exceptions:\n'.length, style);
  }
  const value = pair.value;
  const keyColumn = columnOf(text, pair.keySpan.start);
  if (value && value.kind === 'seq') {
    if (value.flow) return appendToFlow(text, value, [flowEntry(draft)], style) ?? { error: `The exceptions of rule '${item.name ?? ''}' could not be read.` };
    const items = nonNull(value.items);
    const dash = dashColumn(text, value);
    if (items.length === 0 || dash === undefined) return { error: `The exceptions of rule '${item.name ?? ''}' could not be read.` };
    const entry = items.find((node) => node.kind === 'map' && !node.flow && node.pairs.length > 0);
    const gap = entry && entry.kind === 'map' ? columnOf(text, entry.pairs[0]!.keySpan.start) - dash : 0;
    const entryStyle = gap > 0 ? { ...style, entryGap: gap } : style;
    const at = lineEnd(text, contentEnd(text, items[items.length - 1]!.span.end));
    return insertAt(at, `\n${blockEntry(draft, dash, entryStyle)}`, 1, style);
  }
  if (!value || (value.kind === 'scalar' && value.isNull)) {
    const block = blockEntry(draft, keyColumn + style.sequenceOffset, style);
    if (!value || value.span.end === value.span.start) {
      return insertAt(lineEnd(text, pair.keySpan.end), `\n${block}`, 1, style);
    }
    const rest = text.slice(value.span.end, lineEnd(text, value.span.end));
    if (/^\s*$/.test(rest)) {
      const colon = text.indexOf(':', pair.keySpan.end);
      const span = { start: colon + 1, end: value.span.end };
      return { change: { span, newText: withEol(`\n${block}`, style) }, focus: withEol('\n', style).length };
    }
    return { change: { span: { ...value.span }, newText: `[${flowEntry(draft)}]` }, focus: 0 };
  }
  return { error: `The exceptions of rule '${item.name ?? ''}' are not a sequence; correct them first.` };
}

/** Appends value tuples to an exception already written; undefined when its `values` cannot take them. */
export function addValuesToEntry(text: string, entry: ExceptionEntry, tuples: readonly (readonly string[])[], style: FileStyle): Insertion | undefined {
  const values = entry.valuesPair?.value;
  if (!values || values.kind !== 'seq') return undefined;
  if (values.flow) return appendToFlow(text, values, tuples.map((tuple) => flowSequence(tuple.map(flowScalar))), style);
  const items = nonNull(values.items);
  const dash = dashColumn(text, values);
  if (items.length === 0 || dash === undefined) return undefined;
  const at = lineEnd(text, contentEnd(text, items[items.length - 1]!.span.end));
  return insertAt(at, `\n${valueLines(tuples, dash).join('\n')}`, 1, style);
}

/** A new override item at the end of the file, after a blank line. */
export function appendOverrideItem(text: string, rule: string, draft: ExceptionDraft, style: FileStyle): Insertion {
  const end = text.length;
  const separator = end === 0 || /\n[ \t]*\r?\n$/.test(text) || /^\s*$/.test(text) ? '' : /\n$/.test(text) ? '\n' : '\n\n';
  return insertAt(end, `${separator}${overrideItem(rule, draft, style)}`, separator.length, style);
}
