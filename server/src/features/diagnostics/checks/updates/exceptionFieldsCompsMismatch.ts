/**
 * With a list of fields, `comps` must be a list of the same length (falco-language.md §3.2): the engine stops
 * with 'Fields and comps lists must have equal length' (`LOAD_ERR_VALIDATE`). Range: the comps value. Fixes: add
 * `=` (the default operator, to type over) for the fields without one, drop the extra operators, or write a
 * single operator as a list with one copy per field.
 */
import { placeholder } from '../../../codeActions/snippets';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { keepFirstItems, appendItems } from '../../fixes/exceptions/seqEdits';
import { flowScalar } from '../../fixes/exceptions/yamlText';
import { replaceSpan } from '../../fixes/sequenceEdits';
import { exceptionsView, isValidatedRole } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-fields-comps-mismatch',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "An exception's list of fields and list of comps have different lengths.",
    fix: 'Give exactly one operator per field, or drop `comps` to use `=` for every field.',
    example: '    - name: known\n      fields: [proc.name, fd.name]\n      comps: [=]\n      values: [[my-tool, /tmp/x]]\n',
    quickFix: "Adds `=` for the fields without an operator, removes the extra operators, or repeats a single operator once per field.",
  },
]);

export const exceptionFieldsCompsMismatchCheck: Check = {
  name: 'exception-fields-comps-mismatch',
  codes,
  run(context) {
    const text = context.file.syntax.text;
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        if (entry.form !== 'list' || !isValidatedRole(view.roleOf(entry))) continue;
        const fields = entry.fieldsPair!.value;
        const comps = entry.compsPair?.value;
        if (!fields || fields.kind !== 'seq' || !comps) continue;
        const count = fields.items.length;
        if (comps.kind === 'seq') {
          // An empty list makes the engine use the defaults (exception-unknown-comp says so).
          if (comps.items.length === count || comps.items.length === 0) continue;
          const missing = count - comps.items.length;
          const fixes: DiagnosticFix[] = [];
          if (missing > 0) {
            const pad = appendItems(text, comps, Array.from({ length: missing }, (_, index) => placeholder(index + 1, '=')), true);
            if (pad) fixes.push({ title: `Add '=' for the last ${missing === 1 ? 'field' : `${missing} fields`}`, changes: [pad], preferred: true });
          } else if (count > 0) {
            const trim = keepFirstItems(text, comps, count);
            if (trim) fixes.push({ title: `Remove the last ${-missing === 1 ? 'comp' : `${-missing} comps`}`, changes: [trim] });
          }
          context.report({
            code: 'exception-fields-comps-mismatch',
            message: `This exception has ${count} field${count === 1 ? '' : 's'} but ${comps.items.length} comp${comps.items.length === 1 ? '' : 's'} ('must have equal length'). Give one operator per field.`,
            span: comps.span,
            severity: 'error',
            fixes,
          });
        } else if (comps.kind === 'scalar' && !comps.isNull && comps.value !== '') {
          const list = `[${Array.from({ length: Math.max(count, 1) }, () => flowScalar(comps.value.trim())).join(', ')}]`;
          context.report({
            code: 'exception-fields-comps-mismatch',
            message: `'fields' is a list, so 'comps' must be a list with one operator per field (e.g. ${list}).`,
            span: comps.span,
            severity: 'error',
            fixes: [{ title: `Write comps as ${list}`, changes: [replaceSpan(comps.span, list)], preferred: count <= 1 }],
          });
        }
      }
    }
  },
};
