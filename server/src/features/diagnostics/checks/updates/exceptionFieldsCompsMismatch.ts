/**
 * With a list of fields, `comps` must be a list of the same length (falco-language.md §3.2): the engine stops
 * with 'Fields and comps lists must have equal length' (`LOAD_ERR_VALIDATE`). Range: the comps value.
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { exceptionsView, isValidatedRole } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-fields-comps-mismatch',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "An exception's list of fields and list of comps have different lengths.",
    fix: 'Give exactly one operator per field, or drop `comps` to use `=` for every field.',
    example: '    - name: known\n      fields: [proc.name, fd.name]\n      comps: [=]\n      values: [[my-tool, /tmp/x]]\n',
  },
]);

export const exceptionFieldsCompsMismatchCheck: Check = {
  name: 'exception-fields-comps-mismatch',
  codes,
  run(context) {
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
          if (comps.items.length === count) continue;
          context.report({
            code: 'exception-fields-comps-mismatch',
            message: `This exception has ${count} field${count === 1 ? '' : 's'} but ${comps.items.length} comp${comps.items.length === 1 ? '' : 's'} ('must have equal length'). Give one operator per field.`,
            span: comps.span,
            severity: 'error',
          });
        } else if (comps.kind === 'scalar' && !comps.isNull && comps.value !== '') {
          context.report({
            code: 'exception-fields-comps-mismatch',
            message: `'fields' is a list, so 'comps' must be a list with one operator per field (e.g. [${Array.from({ length: Math.max(count, 1) }, () => comps.value.trim()).join(', ')}]).`,
            span: comps.span,
            severity: 'error',
          });
        }
      }
    }
  },
};
