/**
 * The YAML text of a new exception (or of new values), laid out like the file it goes into: the indentation of
 * block sequences under their key, the gap between a `-` and the keys of its mapping, the column of item keys and
 * the line breaks are measured from the file.
 */
import type { RulesFileSyntax } from '../../syntax/rulesFile';
import type { YMap, YNode, YSeq } from '../../syntax/yaml/tree';
import { blockScalar, flowScalar, flowSequence } from './valueText';
import { columnOf, lineContentEnd as lineEnd, lineStart } from '../../syntax/lines';

export { columnOf, lineEnd, lineStart };

export interface FileStyle {
  /** Column of a block sequence's `-` minus the column of its key (`tags:\n  - a` → 2, `tags:\n- a` → 0). */
  readonly sequenceOffset: number;
  /** Column of the first key of a mapping in a sequence minus the column of its `-` (`- name:` → 2). */
  readonly entryGap: number;
  /** Column of the keys of top-level items (`- rule: …` → 2). */
  readonly itemKeyColumn: number;
  readonly eol: string;
}

/** A new exception, or new values of an existing one (then without fields). */
export interface ExceptionDraft {
  readonly name: string;
  /** Fields of a new exception (compared with `=`); absent when values are appended to an existing one. */
  readonly fields?: readonly string[];
  /** Value tuples, each value as the condition must hold it (see conditionValue). */
  readonly tuples: readonly (readonly string[])[];
}

/** The offset after the last non-blank character at or before `end` (block scalars may end after blank lines). */
export function contentEnd(text: string, end: number): number {
  let position = end;
  while (position > 0 && ' \t\r\n'.includes(text[position - 1]!)) position--;
  return position;
}

/** Column of the `-` of a block sequence, from its first entry; undefined when it cannot be read. */
export function dashColumn(text: string, seq: YSeq): number | undefined {
  const first = seq.items.find((item): item is YNode => item !== null);
  if (!first) return undefined;
  const start = lineStart(text, first.span.start);
  const dash = text.lastIndexOf('-', first.span.start - 1);
  if (dash < start || !/^[ ]*$/.test(text.slice(start, dash))) return undefined;
  return dash - start;
}

function* blockSequences(map: YMap, depth: number): Generator<{ keyStart: number; seq: YSeq; key: string }> {
  if (depth > 4) return;
  for (const pair of map.pairs) {
    const value = pair.value;
    if (!value) continue;
    if (value.kind === 'seq' && !value.flow) yield { keyStart: pair.keySpan.start, seq: value, key: pair.keyText };
    if (value.kind === 'map' && !value.flow) yield* blockSequences(value, depth + 1);
    if (value.kind === 'seq') {
      for (const entry of value.items) if (entry && entry.kind === 'map' && !entry.flow) yield* blockSequences(entry, depth + 1);
    }
  }
}

/** Measures the style of a rules file (defaults: two-space steps, `\n`). */
export function measureStyle(syntax: RulesFileSyntax): FileStyle {
  const text = syntax.text;
  let sequenceOffset: number | undefined;
  let exceptionsOffset: number | undefined;
  let entryGap: number | undefined;
  let itemKeyColumn: number | undefined;
  for (const item of syntax.items) {
    const map = item.map;
    if (!map || map.flow || map.pairs.length === 0) continue;
    itemKeyColumn ??= columnOf(text, map.pairs[0]!.keySpan.start);
    for (const { keyStart, seq, key } of blockSequences(map, 0)) {
      const dash = dashColumn(text, seq);
      if (dash === undefined) continue;
      const offset = dash - columnOf(text, keyStart);
      if (offset < 0) continue;
      sequenceOffset ??= offset;
      if (key === 'exceptions') {
        exceptionsOffset ??= offset;
        const entry = seq.items.find((node): node is YMap => node !== null && node.kind === 'map' && !node.flow && node.pairs.length > 0);
        if (entry && entryGap === undefined) {
          const gap = columnOf(text, entry.pairs[0]!.keySpan.start) - dash;
          if (gap > 0) entryGap = gap;
        }
      }
    }
    if (exceptionsOffset !== undefined && entryGap !== undefined) break;
  }
  return {
    sequenceOffset: exceptionsOffset ?? sequenceOffset ?? 2,
    entryGap: entryGap ?? 2,
    itemKeyColumn: itemKeyColumn ?? 2,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

function tupleText(tuple: readonly string[]): string {
  return flowSequence(tuple.map(flowScalar));
}

/** The lines of one exception entry in block style, its `-` at `dash` (joined with `\n`, no final break). */
export function blockEntry(draft: ExceptionDraft, dash: number, style: FileStyle): string {
  const keys = ' '.repeat(dash + style.entryGap);
  const lines = [`${' '.repeat(dash)}-${' '.repeat(style.entryGap - 1)}name: ${blockScalar(draft.name)}`];
  if (draft.fields) {
    lines.push(`${keys}fields: ${flowSequence(draft.fields.map(flowScalar))}`);
    lines.push(`${keys}comps: ${flowSequence(draft.fields.map(() => '='))}`);
  }
  lines.push(`${keys}values:`);
  lines.push(...valueLines(draft.tuples, dash + style.entryGap + style.sequenceOffset));
  return lines.join('\n');
}

/** Block sequence entries `- [a, b]` at column `dash`. */
export function valueLines(tuples: readonly (readonly string[])[], dash: number): string[] {
  return tuples.map((tuple) => `${' '.repeat(dash)}- ${tupleText(tuple)}`);
}

/** One exception entry as a flow mapping. */
export function flowEntry(draft: ExceptionDraft): string {
  const parts = [`name: ${flowScalar(draft.name)}`];
  if (draft.fields) {
    parts.push(`fields: ${flowSequence(draft.fields.map(flowScalar))}`);
    parts.push(`comps: ${flowSequence(draft.fields.map(() => '='))}`);
  }
  parts.push(`values: ${flowSequence(draft.tuples.map(tupleText))}`);
  return `{${parts.join(', ')}}`;
}

/** A new `override: {exceptions: append}` item for the rule (joined with `\n`, ending with a line break). */
export function overrideItem(rule: string, draft: ExceptionDraft, style: FileStyle): string {
  const keys = ' '.repeat(style.itemKeyColumn);
  return [
    `-${' '.repeat(Math.max(1, style.itemKeyColumn - 1))}rule: ${blockScalar(rule)}`,
    `${keys}exceptions:`,
    blockEntry(draft, style.itemKeyColumn + style.sequenceOffset, style),
    `${keys}override:`,
    `${keys}  exceptions: append`,
    '',
  ].join('\n');
}

/** The text with the file's line breaks. */
export function withEol(text: string, style: FileStyle): string {
  return style.eol === '\n' ? text : text.replace(/\n/g, style.eol);
}
