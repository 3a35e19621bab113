/**
 * With a list of N fields, each entry of `values` must be a tuple of N values (falco-language.md §3.3): a tuple
 * of another length, or a bare value, stops the engine with 'Fields and values lists must have equal length'
 * (`LOAD_ERR_VALIDATE`, also after `exceptions: replace`). Values appended to an existing exception are
 * measured against that exception's fields.
 */
import type { YNode } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { exceptionsView, isValidatedRole, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-values-arity',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "A tuple of an exception's values does not have one value per field.",
    fix: 'Write each entry of `values` as a tuple with one item per field.',
    example: '    - name: known\n      fields: [proc.name, fd.name]\n      values: [my-tool, /tmp/x]   # should be [[my-tool, /tmp/x]]\n',
  },
]);

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function checkValues(context: CheckContext, entry: ExceptionEntry, fields: YNode, inherited: boolean): void {
  const values = entry.valuesPair?.value;
  if (!values || values.kind !== 'seq' || fields.kind !== 'seq') return;
  const count = fields.items.length;
  if (count === 0) return;
  const where = inherited ? ` (the fields of the existing exception '${entry.name}')` : '';
  const example = `[${fields.items.map((field) => (field && field.kind === 'scalar' ? `<${field.value}>` : '…')).join(', ')}]`;
  const scalars = values.items.filter((value) => value !== null && value.kind === 'scalar' && !value.isNull);
  if (values.items.length > 0 && scalars.length === values.items.length) {
    context.report({
      code: 'exception-values-arity',
      message: `'fields' is a list of ${plural(count, 'field')}${where}, so each entry of 'values' must be a tuple like ${example}, not a single value. Write 'values: [${example}]'.`,
      span: values.span,
      severity: 'error',
    });
    return;
  }
  for (const value of values.items) {
    if (!value || (value.kind === 'scalar' && value.isNull)) continue;
    if (value.kind === 'seq') {
      if (value.items.length === count) continue;
      context.report({
        code: 'exception-values-arity',
        message: `This tuple has ${plural(value.items.length, 'value')} but the exception has ${plural(count, 'field')}${where} ('must have equal length'). Write it as ${example}.`,
        span: value.span,
        severity: 'error',
      });
    } else if (value.kind === 'scalar') {
      context.report({
        code: 'exception-values-arity',
        message: `The exception has ${plural(count, 'field')}${where}, so this value must be a tuple like ${example}.`,
        span: value.span,
        severity: 'error',
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
