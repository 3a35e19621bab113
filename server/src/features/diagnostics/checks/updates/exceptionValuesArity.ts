/**
 * With a list of N fields, each entry of `values` must be a tuple of N values (falco-language.md §3.3): a tuple
 * of another length, or a bare value, stops the engine with 'Fields and values lists must have equal length'
 * (`LOAD_ERR_VALIDATE`, also after `exceptions: replace`). Values appended to an existing exception are
 * measured against that exception's fields. Fixes: pad a short tuple with placeholders to type over, drop the
 * extra values of a long one, wrap plain values into tuples (padded), or make a list of N plain values one tuple.
 */
import type { YNode, YSeq } from '../../../../syntax/yaml/tree';
import { escapeSnippet } from '../../../codeActions/snippets';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { valuePlaceholders } from '../../fixes/exceptions/entryEdits';
import { nodeEnd } from '../../fixes/exceptions/mapEdits';
import { appendItems, keepFirstItems, wrapNode } from '../../fixes/exceptions/seqEdits';
import { exceptionsView, isValidatedRole, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-values-arity',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "A tuple of an exception's values does not have one value per field.",
    fix: 'Write each entry of `values` as a tuple with one item per field.',
    example: '    - name: known\n      fields: [proc.name, fd.name]\n      values: [my-tool, /tmp/x]   # should be [[my-tool, /tmp/x]]\n',
    quickFix: 'Pads a short tuple with placeholders, removes the extra values of a long one, or wraps plain values into tuples.',
  },
]);

/** Wraps each plain value of `values` into a tuple padded to `count` items (one snippet edit when padding). */
function wrapEachFix(text: string, values: YSeq, count: number, preferred: boolean): DiagnosticFix | undefined {
  const items = values.items.filter((item): item is YNode => item !== null);
  if (items.length === 0 || items.length !== values.items.length || items.some((item) => item.kind !== 'scalar')) return undefined;
  const title = count === 1 ? 'Wrap each value in a tuple' : `Wrap each value in a tuple of ${count}`;
  if (count === 1) return { title, changes: items.flatMap((item) => wrapNode(text, item)), preferred };
  // One snippet edit from the first value to the last, keeping what is between them as written.
  let newText = '';
  let next = 1;
  items.forEach((item, index) => {
    if (index > 0) newText += escapeSnippet(text.slice(nodeEnd(text, items[index - 1]!), item.span.start));
    newText += `[${escapeSnippet(text.slice(item.span.start, nodeEnd(text, item)))}, ${valuePlaceholders(count - 1, next).join(', ')}]`;
    next += count - 1;
  });
  const change: TextChange = { span: { start: items[0]!.span.start, end: nodeEnd(text, items[items.length - 1]!) }, newText, snippet: true };
  return { title, changes: [change], preferred };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function checkValues(context: CheckContext, entry: ExceptionEntry, fields: YNode, inherited: boolean): void {
  const text = context.file.syntax.text;
  const values = entry.valuesPair?.value;
  if (!values || values.kind !== 'seq' || fields.kind !== 'seq') return;
  const count = fields.items.length;
  if (count === 0) return;
  const where = inherited ? ` (the fields of the existing exception '${entry.name}')` : '';
  const example = `[${fields.items.map((field) => (field && field.kind === 'scalar' ? `<${field.value}>` : '…')).join(', ')}]`;
  const scalars = values.items.filter((value) => value !== null && value.kind === 'scalar' && !value.isNull);
  if (values.items.length > 0 && scalars.length === values.items.length) {
    const fixes: DiagnosticFix[] = [];
    const oneTuple = count > 1 && scalars.length === count && values.flow;
    if (oneTuple) fixes.push({ title: 'Make the values one tuple', changes: wrapNode(text, values) });
    const each = wrapEachFix(text, values, count, !oneTuple);
    if (each) fixes.push(each);
    context.report({
      code: 'exception-values-arity',
      message: `'fields' is a list of ${plural(count, 'field')}${where}, so each entry of 'values' must be a tuple like ${example}, not a single value. Write 'values: [${example}]'.`,
      span: values.span,
      severity: 'error',
      fixes,
    });
    return;
  }
  for (const value of values.items) {
    if (!value || (value.kind === 'scalar' && value.isNull)) continue;
    if (value.kind === 'seq') {
      if (value.items.length === count) continue;
      const missing = count - value.items.length;
      const fix = missing > 0 ? appendItems(text, value, valuePlaceholders(missing), true) : keepFirstItems(text, value, count);
      const title = missing > 0 ? `Add ${missing === 1 ? 'a value' : `${missing} values`} to the tuple` : `Remove the last ${-missing === 1 ? 'value' : `${-missing} values`} of the tuple`;
      context.report({
        code: 'exception-values-arity',
        message: `This tuple has ${plural(value.items.length, 'value')} but the exception has ${plural(count, 'field')}${where} ('must have equal length'). Write it as ${example}.`,
        span: value.span,
        severity: 'error',
        fixes: fix ? [{ title, changes: [fix], preferred: missing > 0 }] : [],
      });
    } else if (value.kind === 'scalar') {
      const more = valuePlaceholders(count - 1);
      context.report({
        code: 'exception-values-arity',
        message: `The exception has ${plural(count, 'field')}${where}, so this value must be a tuple like ${example}.`,
        span: value.span,
        severity: 'error',
        fixes: [{ title: count === 1 ? 'Wrap the value in a tuple' : `Wrap the value in a tuple of ${count}`, changes: wrapNode(text, value, more, more.length > 0), preferred: true }],
      });
    }
  }
}

export const exceptionValuesArityCheck: Check = {
  name: 'exception-values-arity',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        const role = view.roleOf(entry);
        if (isValidatedRole(role)) {
          if (entry.form === 'list') checkValues(context, entry, entry.fieldsPair!.value!, false);
        } else if (role === 'append-existing' && entry.name !== null) {
          const previous = view.previous?.get(entry.name)?.entry;
          const fields = previous?.form === 'list' ? previous.fieldsPair?.value : undefined;
          if (fields) checkValues(context, entry, fields, true);
        }
      }
    }
  },
};
