/**
 * Exception values are pasted into the generated condition with almost no escaping (falco-language.md §3.3):
 * a value with a blank is wrapped in double quotes (unless it already starts with a quote), a value for
 * in/intersects/pmatch is wrapped in parentheses, and nothing else is escaped. A value with a comma,
 * parenthesis, `=` or quote can therefore break the condition or change its meaning. Our own warning: the
 * generated clause is parsed as the engine would build it.
 */
import { parseCondition } from '../../../../syntax/condition/parser';
import type { YNode, YScalar } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { contentSpan, exceptionsView, isValidatedRole, readComp, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-unsafe-value',
    severity: 'warning',
    engineCode: null,
    summary: 'An exception value contains characters that break, or change the meaning of, the condition the engine builds from it.',
    fix: 'Avoid commas, parentheses, `=` and quotes in values, or quote the value yourself.',
    example: '    - name: known\n      fields: [proc.name]\n      values: [["a,b"]]   # becomes proc.name = a,b\n',
  },
]);

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

function checkValue(context: CheckContext, scalar: YScalar, field: string, comp: string, clause: string, takesList: boolean, expected: number): void {
  const parsed = parseCondition(`proc.name ${comp} ${clause}`);
  const shown = `${field} ${comp} ${clause}`;
  if (parsed.problems.length > 0) {
    context.report({
      code: 'exception-unsafe-value',
      message: `The engine pastes this value into its condition as '${shown}', which does not parse (${parsed.problems[0]!.message}). Avoid commas, parentheses, '=' and quotes in exception values, or quote the value yourself.`,
      span: contentSpan(scalar),
      severity: 'warning',
    });
    return;
  }
  const ast = parsed.ast;
  if (takesList && expected > 0 && ast && ast.kind === 'check' && ast.right && ast.right.kind === 'list' && ast.right.items.length !== expected) {
    context.report({
      code: 'exception-unsafe-value',
      message: `The engine pastes this value into its condition as '${shown}', which is a list of ${ast.right.items.length} values, not ${expected}. Write the values as separate items.`,
      span: contentSpan(scalar),
      severity: 'warning',
    });
  }
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
      checkValue(context, value, fieldText(fields), comp.text, `(${quoteIfBlank(value.value)})`, true, 1);
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
      if (!comp.known || comp.base === 'exists') return;
      const scalars = element.kind === 'seq' ? element.items.filter((item): item is YScalar => item !== null && item.kind === 'scalar') : element.kind === 'scalar' ? [element] : [];
      const target = scalars.find((scalar) => risky.test(scalar.value));
      if (!target) return;
      const clause = render(element, comp.takesList);
      if (clause === null) return;
      // A scalar that starts with '(' is pasted as a list on purpose.
      const expected = element.kind === 'seq' ? element.items.length : element.kind === 'scalar' && element.value.startsWith('(') ? -1 : 1;
      checkValue(context, target, fieldText(fields.items[index]), comp.text, clause, comp.takesList || element.kind === 'seq', expected);
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
