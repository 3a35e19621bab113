/**
 * Exception values are pasted into the generated condition with almost no escaping (falco-language.md §3.3):
 * a value with a blank is wrapped in double quotes (unless it already starts with a quote), a value for
 * in/intersects/pmatch is wrapped in parentheses, and nothing else is escaped. A value with a comma,
 * parenthesis, `=` or quote can therefore break the condition or change its meaning. Our own warning: the
 * generated clause is parsed as the engine would build it. A list value under an operator that compares with
 * one value (`fd.name = (a, b)`) does not parse either. Fixes: quote the value as a condition string (`a,b` →
 * `'"a,b"'`), split a value the engine reads as several into separate items, use `in` for a list value.
 */
import { parseCondition } from '../../../../syntax/condition/parser';
import type { YNode, YScalar, YSeq } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { insertPairsAfter, lineStart, nodeEnd } from '../../fixes/exceptions/mapEdits';
import { unwrapSingle } from '../../fixes/exceptions/seqEdits';
import { conditionQuoted, flowScalar, flowSequence, scalarLike } from '../../fixes/exceptions/yamlText';
import { contentSpan, exceptionsView, isValidatedRole, readComp, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-unsafe-value',
    severity: 'warning',
    engineCode: null,
    summary: 'An exception value contains characters that break, or change the meaning of, the condition the engine builds from it.',
    fix: 'Avoid commas, parentheses, `=` and quotes in values, or quote the value yourself.',
    example: '    - name: known\n      fields: [proc.name]\n      values: [["a,b"]]   # becomes proc.name = a,b\n',
    quickFix: 'Quotes the value for the condition (`a,b` → `\'"a,b"\'`), splits a value the engine reads as several into separate items, or uses `in` for a list value.',
  },
]);

/** How a value the engine reads as several can be split: into a nested list (a tuple item), or into the sequence it is in. */
interface Split {
  readonly mode: 'nest' | 'splice';
  readonly parent: YSeq;
}

function quoteFix(text: string, scalar: YScalar, preferred: boolean): DiagnosticFix {
  const change = { span: { start: scalar.span.start, end: nodeEnd(text, scalar) }, newText: scalarLike(scalar, conditionQuoted(scalar.value)) };
  return { title: 'Quote the value for the condition', changes: [change], preferred };
}

/** Separate items for `a, b`; undefined when the value has quotes or parentheses (no clean split). */
function splitFix(text: string, scalar: YScalar, split: Split): DiagnosticFix | undefined {
  if (/[()"']/.test(scalar.value)) return undefined;
  const parts = scalar.value.split(',').map((part) => part.trim()).filter((part) => part !== '').map(flowScalar);
  if (parts.length < 2) return undefined;
  const span = { start: scalar.span.start, end: nodeEnd(text, scalar) };
  let newText: string;
  if (split.mode === 'nest') newText = flowSequence(parts);
  else if (split.parent.flow) newText = parts.join(', ');
  else {
    const start = lineStart(text, scalar.span.start);
    const prefix = text.slice(start, scalar.span.start);
    if (!/^[ ]*-[ ]+$/.test(prefix)) return undefined;
    newText = parts.join(`\n${prefix.slice(0, prefix.indexOf('-'))}- `);
  }
  return { title: 'Split into separate values', changes: [{ span, newText }] };
}

const risky = /[\s()"',=\\]/;

function quoteIfBlank(value: string): string {
  return /\s/.test(value) && !value.startsWith('"') && !value.startsWith("'") ? `"${value}"` : value;
}

/** The text the engine writes for one tuple item (or one single-form value when `inList`). */
function render(node: YNode, takesList: boolean): string | null {
  if (node.kind === 'seq') {
    const items = node.items.map((item) => (item && item.kind === 'scalar' ? quoteIfBlank(item.value) : null));
    return items.includes(null) ? null : `(${items.join(', ')})`;
  }
  if (node.kind !== 'scalar') return null;
  if (takesList) return node.value.startsWith('(') ? node.value : `(${node.value})`;
  return quoteIfBlank(node.value);
}

function checkValue(context: CheckContext, scalar: YScalar, field: string, comp: string, clause: string, takesList: boolean, expected: number, split: Split | null): void {
  const text = context.file.syntax.text;
  const parsed = parseCondition(`proc.name ${comp} ${clause}`);
  const shown = `${field} ${comp} ${clause}`;
  if (parsed.problems.length > 0) {
    context.report({
      code: 'exception-unsafe-value',
      message: `The engine pastes this value into its condition as '${shown}', which does not parse (${parsed.problems[0]!.message}). Avoid commas, parentheses, '=' and quotes in exception values, or quote the value yourself.`,
      span: contentSpan(scalar),
      severity: 'warning',
      fixes: [quoteFix(text, scalar, true)],
    });
    return;
  }
  const ast = parsed.ast;
  if (takesList && expected > 0 && ast && ast.kind === 'check' && ast.right && ast.right.kind === 'list' && ast.right.items.length !== expected) {
    const separate = split ? splitFix(text, scalar, split) : undefined;
    context.report({
      code: 'exception-unsafe-value',
      message: `The engine pastes this value into its condition as '${shown}', which is a list of ${ast.right.items.length} values, not ${expected}. Write the values as separate items.`,
      span: contentSpan(scalar),
      severity: 'warning',
      fixes: [separate, quoteFix(text, scalar, !separate)].filter((fix): fix is DiagnosticFix => fix !== undefined),
    });
  }
}

/**
 * A list (`[a, b]`) under an operator that compares with one value: the engine writes `f = (a, b)`, which does
 * not parse. Fixes: the item alone for a one-item list, `in` instead of `=`.
 */
function checkListUnderValueComp(context: CheckContext, entry: ExceptionEntry, fieldsEntry: ExceptionEntry, element: YSeq, index: number, field: string, comp: string): void {
  const text = context.file.syntax.text;
  const shown = `${field} ${comp} (${element.items.map((item) => (item && item.kind === 'scalar' ? item.value : '…')).join(', ')})`;
  const fixes: DiagnosticFix[] = [];
  const unwrap = unwrapSingle(text, element);
  if (unwrap) fixes.push({ title: 'Write the value without brackets', changes: [unwrap] });
  if (comp === '=' || comp === '==') {
    const comps = fieldsEntry.compsPair?.value;
    const compNode = comps?.kind === 'seq' ? comps.items[index] : undefined;
    let change: TextChange | undefined;
    if (compNode && compNode.kind === 'scalar' && fieldsEntry === entry) change = { span: { start: compNode.span.start, end: nodeEnd(text, compNode) }, newText: 'in' };
    else if (!fieldsEntry.compsPair && fieldsEntry === entry && entry.map && entry.fieldsPair?.value?.kind === 'seq') {
      const list = entry.fieldsPair.value.items.map((_, position) => (position === index ? 'in' : '='));
      change = insertPairsAfter(text, entry.map, entry.fieldsPair, [`comps: [${list.join(', ')}]`]);
    }
    if (change) fixes.push({ title: `Use 'in' for '${field}'`, changes: [change], preferred: !unwrap });
  }
  context.report({
    code: 'exception-unsafe-value',
    message: `The engine writes this list into its condition as '${shown}', which does not parse: '${comp}' compares with one value. Use 'in' (or another operator that takes a list) for '${field}', or give one value.`,
    span: element.span,
    severity: 'warning',
    fixes,
  });
}

function fieldText(node: YNode | null | undefined): string {
  return node && node.kind === 'scalar' ? node.value : 'field';
}

/** Checks the values of an entry whose fields/comps are `fieldsEntry`'s (itself, or the exception it appends to). */
function checkEntry(context: CheckContext, entry: ExceptionEntry, fieldsEntry: ExceptionEntry): void {
  const values = entry.valuesPair?.value;
  if (!values || values.kind !== 'seq') return;
  const fields = fieldsEntry.fieldsPair?.value;
  const comps = fieldsEntry.compsPair?.value;
  if (fieldsEntry.form === 'single') {
    const compText = comps && comps.kind === 'scalar' && !comps.isNull ? comps.value : 'in';
    const comp = readComp(compText);
    if (!comp.known) return;
    for (const value of values.items) {
      if (!value || value.kind !== 'scalar' || !risky.test(value.value)) continue;
      checkValue(context, value, fieldText(fields), comp.text, `(${quoteIfBlank(value.value)})`, true, 1, { mode: 'splice', parent: values });
    }
    return;
  }
  if (fieldsEntry.form !== 'list' || !fields || fields.kind !== 'seq') return;
  const count = fields.items.length;
  for (const tuple of values.items) {
    if (!tuple || tuple.kind !== 'seq' || tuple.items.length !== count) continue;
    tuple.items.forEach((element, index) => {
      if (!element) return;
      const compNode = comps && comps.kind === 'seq' ? comps.items[index] : undefined;
      const compText = comps ? (compNode && compNode.kind === 'scalar' ? compNode.value : null) : '=';
      if (compText === null) return;
      const comp = readComp(compText);
      if (!comp.known) return;
      if (comp.base === 'exists') {
        context.report({
          code: 'exception-unsafe-value',
          message: `The engine writes '${fieldText(fields.items[index])} exists' followed by this value, which does not parse: 'exists' takes no value, so an exception cannot use it. Use an operator that compares with the value.`,
          span: element.span,
          severity: 'warning',
        });
        return;
      }
      if (element.kind === 'seq' && !comp.takesList) {
        checkListUnderValueComp(context, entry, fieldsEntry, element, index, fieldText(fields.items[index]), comp.text);
        return;
      }
      const scalars = element.kind === 'seq' ? element.items.filter((item): item is YScalar => item !== null && item.kind === 'scalar') : element.kind === 'scalar' ? [element] : [];
      const target = scalars.find((scalar) => risky.test(scalar.value));
      if (!target) return;
      const clause = render(element, comp.takesList);
      if (clause === null) return;
      // A scalar that starts with '(' is pasted as a list on purpose.
      const expected = element.kind === 'seq' ? element.items.length : element.kind === 'scalar' && element.value.startsWith('(') ? -1 : 1;
      const split: Split = element.kind === 'seq' ? { mode: 'splice', parent: element } : { mode: 'nest', parent: tuple };
      checkValue(context, target, fieldText(fields.items[index]), comp.text, clause, comp.takesList || element.kind === 'seq', expected, split);
    });
  }
}

export const exceptionUnsafeValueCheck: Check = {
  name: 'exception-unsafe-value',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        const role = view.roleOf(entry);
        if (isValidatedRole(role)) checkEntry(context, entry, entry);
        else if (role === 'append-existing' && entry.name !== null) {
          const previous = view.previous?.get(entry.name);
          if (previous) checkEntry(context, entry, previous.entry);
        }
      }
    }
  },
};
