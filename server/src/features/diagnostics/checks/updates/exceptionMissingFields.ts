/**
 * Exceptions that the engine reads as complete definitions need `fields` (falco-language.md §3.1, §3.4): those
 * of a full rule definition ('Item has no mapping for key 'fields''), those of `exceptions: replace` (the entries
 * are re-read as definitions), and new names added by an append ('must have fields property'). An empty list
 * of fields is refused too. Range: a key that looks like a misspelled `fields`, else the entry's first key.
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { misspelledKey } from './exceptionMissingName';
import { exceptionsView, requiresFields } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-missing-fields',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: "An exception that must be complete (rule definition, replace, new name in an append) has no 'fields'.",
    fix: 'Add `fields:` with the field, or list of fields, the values are compared with.',
    example: '  exceptions:\n    - name: known_tools\n      field: [proc.name]   # misspelled\n      values: [[my-tool]]\n',
  },
]);

export const exceptionMissingFieldsCheck: Check = {
  name: 'exception-missing-fields',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        const map = entry.map;
        if (!map || map.pairs.length === 0) continue;
        const role = view.roleOf(entry);
        if (!requiresFields(role)) continue;
        const why =
          role === 'replace'
            ? " 'exceptions: replace' reads each exception as a full definition."
            : role === 'append-new'
              ? ` '${entry.name}' is a new exception for this rule, so it needs 'fields' and 'values'.`
              : '';
        const fields = entry.fieldsPair?.value;
        if (!entry.fieldsPair) {
          const typo = misspelledKey(map, 'fields');
          const target = typo ?? map.pairs[0]!;
          const hint = typo ? ` ('${typo.keyText}' looks like a misspelling of 'fields')` : '';
          context.report({
            code: 'exception-missing-fields',
            message: `This exception has no 'fields'${hint}.${why} Add 'fields:' with the field (or list of fields) its values are compared with.`,
            span: target.keySpan,
            severity: 'error',
          });
        } else if (!fields || (fields.kind === 'scalar' && fields.isNull) || (fields.kind === 'seq' && fields.items.length === 0)) {
          context.report({
            code: 'exception-missing-fields',
            message: `The exception's 'fields' is empty.${why} Give the field (or list of fields) its values are compared with.`,
            span: fields && fields.span.end > fields.span.start ? fields.span : entry.fieldsPair.keySpan,
            severity: 'error',
          });
        }
      }
    }
  },
};
