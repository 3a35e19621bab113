/**
 * The shape of a rule's `exceptions` (falco-language.md §3.1): a sequence (null means none) of mappings, whose
 * `values` is a sequence (an empty `values:` too is refused), whose fields are names (not lists, not mappings),
 * whose comps are operators (not mappings), and whose fields and values are never empty strings. The engine
 * rejects anything else while reading the item, or when it builds the condition. Fixes: a mapping written
 * where the sequence belongs becomes its only entry, an empty `-` entry is removed, a bare condition entry is
 * converted (conditionEntry.ts), a nested field list is unwrapped, and `values` gets the sequence it needs.
 */
import type { RulesItem } from '../../../../syntax/rulesFile';
import { EXCEPTION_KEYS } from '../../../../syntax/itemKeys';
import type { YMap, YNode, YPair, YSeq } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { convertEntryCondition } from '../../fixes/exceptions/conditionEntry';
import { setPairValue, shapeOfFields, usedNames, valueEntrySnippet, valuePlaceholders, type ValueShape } from '../../fixes/exceptions/entryEdits';
import { lineEnd, lineStart, nodeEnd } from '../../fixes/exceptions/mapEdits';
import { unwrapSingle, wrapNode } from '../../fixes/exceptions/seqEdits';
import { exceptionFieldJudge } from './exceptionUnknownField';
import { exceptionsView, ruleSource, type ExceptionEntry, type ExceptionsView } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exceptions-shape',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: "A rule's 'exceptions' is not a sequence of mappings, an exception's 'values' is not a sequence, a field is a list, or a field or value is empty.",
    fix: 'Write `exceptions` as a sequence of mappings and `values` as a sequence; write each field as a name; remove empty fields and values.',
    example: '  exceptions:\n    name: known   # a mapping, not a sequence\n',
    quickFix: 'Turns a lone mapping into a one-entry sequence, removes an empty entry, converts a bare condition entry, unwraps a nested field, or wraps `values` into a sequence.',
  },
]);

type Span = { start: number; end: number };

function report(context: CheckContext, message: string, span: Span, fixes: readonly (DiagnosticFix | undefined)[] = []): void {
  context.report({ code: 'exceptions-shape', message, span, severity: 'error', fixes: fixes.filter((fix): fix is DiagnosticFix => fix !== undefined) });
}

function isEmptyScalar(node: YNode | null): boolean {
  return node === null || (node.kind === 'scalar' && (node.isNull || node.value === ''));
}

/** Reports empty scalars (and maps) inside a fields/values node, recursively. */
function checkElements(context: CheckContext, node: YNode | null | undefined, what: string, depth = 0): void {
  if (!node || node.kind !== 'seq' || depth > 4) return;
  for (const element of node.items) {
    if (isEmptyScalar(element)) {
      const span = element ? element.span : node.span;
      report(context, `An exception ${what} must not be empty. Remove it or give it a value.`, span.end > span.start ? span : node.span);
    } else if (element && element.kind === 'map') {
      report(context, `An exception ${what} must be a string or a list of strings, not a mapping.`, element.span);
    } else if (element && element.kind === 'seq') {
      checkElements(context, element, what, depth + 1);
    }
  }
}

/** `exceptions: {name: …}` or a block mapping under the key: make it the only entry of a sequence. */
function sequenceFix(text: string, map: YMap): DiagnosticFix | undefined {
  if (!map.pairs.some((pair) => EXCEPTION_KEYS.includes(pair.keyText))) return undefined;
  const title = 'Make the exception the only entry of a sequence';
  if (map.flow) return { title, changes: wrapNode(text, map), preferred: true };
  const first = map.pairs[0]!.keySpan.start;
  if (!/^[ ]*$/.test(text.slice(lineStart(text, first), first))) return undefined;
  const changes: TextChange[] = [{ span: { start: first, end: first }, newText: '- ' }];
  const end = nodeEnd(text, map);
  for (let line = lineEnd(text, first) + 1; line < end; line = lineEnd(text, line) + 1) {
    if (lineEnd(text, line) > line) changes.push({ span: { start: line, end: line }, newText: '  ' });
  }
  return { title, changes, preferred: true };
}

/** The `-` of an empty block entry, and a fix removing its line (when nothing else is on it). */
function emptyEntry(text: string, node: YNode | null): { dash: Span; fix?: DiagnosticFix } | null {
  if (!node || node.kind !== 'scalar' || !node.isNull || node.span.end > node.span.start) return null;
  let dash = node.span.start - 1;
  while (dash >= 0 && (text[dash] === ' ' || text[dash] === '\t')) dash--;
  if (text[dash] !== '-') return null;
  const start = lineStart(text, dash);
  const rest = text.slice(dash + 1, lineEnd(text, dash));
  const alone = /^[ ]*$/.test(text.slice(start, dash)) && /^\s*(#.*)?$/.test(rest);
  const end = lineEnd(text, dash);
  const fix = alone ? { title: 'Remove the empty entry', changes: [{ span: { start, end: Math.min(text.length, end + 1) }, newText: '' }], preferred: true } : undefined;
  return { dash: { start: dash, end: dash + 1 }, fix };
}

/** The shape the values of an entry must have: from its fields, or those of the exception it appends to. */
function valueShape(view: ExceptionsView, entry: ExceptionEntry): ValueShape | null {
  const own = shapeOfFields(entry.fieldsPair?.value);
  if (own) return own;
  const previous = entry.name !== null ? view.previous?.get(entry.name)?.entry : undefined;
  return shapeOfFields(previous?.fieldsPair?.value);
}

/** `values: x` → `[x]` (plain values) or `[[x, …]]` (tuples, padded with placeholders). */
function wrapValuesFix(text: string, node: YNode, shape: ValueShape | null): DiagnosticFix | undefined {
  if (!shape || node.kind !== 'scalar') return undefined;
  if (shape.form === 'single') return { title: 'Write the value as a sequence', changes: wrapNode(text, node), preferred: true };
  const more = valuePlaceholders(shape.count - 1);
  const [open, close] = wrapNode(text, node, more, more.length > 0);
  const changes = [{ ...open!, newText: '[[' }, { ...close!, newText: `${close!.newText}]` }];
  return { title: 'Write the value as a tuple in a sequence', changes, preferred: true };
}

/** `values:` with nothing: a placeholder entry of the right shape. */
function emptyValuesFix(text: string, pair: YPair, shape: ValueShape | null): DiagnosticFix | undefined {
  if (!shape) return undefined;
  const change = setPairValue(text, pair, `[${valueEntrySnippet(shape)}]`, true);
  return change ? { title: 'Add a value', changes: [change], preferred: true } : undefined;
}

function checkFields(context: CheckContext, fields: YNode | null | undefined): void {
  if (!fields) return;
  if (fields.kind === 'map') report(context, "An exception's 'fields' must be a field name or a list of field names.", fields.span);
  else if (fields.kind === 'scalar' && !fields.isNull && fields.value === '') report(context, "An exception's 'fields' must not be empty.", fields.span);
  else if (fields.kind === 'seq') {
    for (const field of fields.items) {
      if (field?.kind !== 'seq') continue;
      const unwrap = unwrapSingle(context.file.syntax.text, field);
      report(context, 'Each field of an exception must be a field name, not a list: the engine reads it as an empty field.', field.span, [
        unwrap ? { title: 'Write the field without brackets', changes: [unwrap], preferred: true } : undefined,
      ]);
    }
  }
  checkElements(context, fields, 'field');
}

function checkEntry(context: CheckContext, item: RulesItem, view: ExceptionsView, seq: YSeq, entry: ExceptionEntry): void {
  const text = context.file.syntax.text;
  if (!entry.map) {
    // An alias (`- *known`) stands for the node it names, which YAML resolves; we do not follow it.
    if (entry.node?.kind === 'alias') return;
    const empty = emptyEntry(text, entry.node);
    if (empty) {
      report(context, "This exception entry is empty; each exception must be a mapping with 'name', 'fields', 'comps' and 'values'.", empty.dash, [empty.fix]);
      return;
    }
    const span = entry.node ? entry.node.span : seq.span;
    const converted = convertEntryCondition({
      text,
      item,
      entry,
      role: view.roleOf(entry),
      judge: exceptionFieldJudge(context, ruleSource(context, item)),
      taken: usedNames(view.entries, view.previous?.keys()),
      flowParent: seq.flow,
    });
    const hint = converted?.ok ? ' This one is a condition: the quick fix writes it as an exception.' : '';
    report(context, `Each exception must be a mapping with 'name', 'fields', 'comps' and 'values'.${hint}`, span.end > span.start ? span : seq.span, [converted?.ok ? converted.fix : undefined]);
    return;
  }
  checkFields(context, entry.fieldsPair?.value);
  const comps = entry.compsPair?.value;
  if (comps && comps.kind === 'map') report(context, "An exception's 'comps' must be an operator or a list of operators, not a mapping.", comps.span);
  const valuesPair = entry.valuesPair;
  const values = valuesPair?.value;
  if (valuesPair && (!values || (values.kind === 'scalar' && values.isNull))) {
    const span = values && values.span.end > values.span.start ? values.span : valuesPair.keySpan;
    report(context, "An exception's 'values' must be a sequence; an empty 'values:' is refused. Give the values, or remove the key.", span, [emptyValuesFix(text, valuesPair, valueShape(view, entry))]);
  } else if (values && values.kind !== 'seq') {
    report(context, "An exception's 'values' must be a sequence (of tuples when 'fields' is a list, of values otherwise).", values.span, [wrapValuesFix(text, values, valueShape(view, entry))]);
  }
  checkElements(context, values, 'value');
}

export const exceptionsShapeCheck: Check = {
  name: 'exceptions-shape',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      const value = view.pair.value;
      if (!value || (value.kind === 'scalar' && value.isNull)) continue;
      if (value.kind !== 'seq') {
        const fix = value.kind === 'map' ? sequenceFix(context.file.syntax.text, value) : undefined;
        report(context, "'exceptions' must be a sequence of exceptions, each a mapping with 'name', 'fields', 'comps' and 'values'.", value.span, [fix]);
        continue;
      }
      for (const entry of view.entries) checkEntry(context, item, view, value, entry);
    }
  },
};
