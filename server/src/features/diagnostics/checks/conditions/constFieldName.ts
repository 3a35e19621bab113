/**
 * A constant that is a field name (`proc.name = user.name`) or shaped like a transformer call
 * (`proc.name = tolower(x)`): the engine compares with that text, not with the field's value, and warns
 * (falco-language.md §6.5, LOAD_COMPILE_CONDITION). Comparing two fields needs `val()` on the right-hand side.
 * Like the engine, blanks are ignored when looking for a field name, and list items are checked one by one.
 */
import { TRANSFORMERS, VAL_TRANSFORMER } from '../../../../syntax/condition/lexer';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { describeValue, rhsConstants } from './rhsConstants';
import { resolveInScope, scopedSeverity } from './shared';
import { conditionTargets, forEachCheck, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'const-field-name',
    severity: 'warning',
    engineCode: 'LOAD_COMPILE_CONDITION',
    summary: 'A constant value is a field name or looks like a transformer call: Falco compares with the text itself (use `val()` to compare two fields).',
    fix: 'To compare two fields, write the right-hand side as `val(field)`.',
    example: `- macro: same_user
  condition: proc.name = user.name   # proc.name = val(user.name)
`,
  },
]);

const TRANSFORMER_NAMES = [VAL_TRANSFORMER, ...TRANSFORMERS];

function transformerShaped(text: string): string | undefined {
  return TRANSFORMER_NAMES.find((name) => text.length >= name.length + 2 && text.startsWith(`${name}(`) && text.endsWith(')'));
}

export const constFieldNameCheck: Check = {
  name: 'const-field-name',
  codes,
  itemLocal: true,
  run(context) {
    for (const target of conditionTargets(context)) {
      const { condition, scope } = target;
      forEachCheck(target, (check) => {
        const constants = rhsConstants(check, scope.lists);
        if (!constants) return;
        for (const value of constants.values) {
          const compact = value.value.replace(/[ \t\n\v\f\r]/g, '');
          if (compact === '') continue;
          let message: string | undefined;
          if (/^[A-Za-z]/.test(compact) && compact.includes('.') && resolveInScope(scope, compact).resolution.kind === 'ok') {
            message = `${describeValue(value)} is compared as the literal text '${value.value}', not as the value of the field \`${compact}\` ('may be a valid field misused as a const string value'). To compare with the field, write \`val(${compact})\` as the right-hand side.`;
          } else {
            const transformer = transformerShaped(compact);
            if (transformer) {
              message = `${describeValue(value)} is compared as literal text, not as the result of \`${transformer}()\` ('may be a valid field transformer misused as a const string value'). Remove the quotes so that Falco reads a transformer.`;
            }
          }
          if (!message) continue;
          const span = sourceSpan(condition, value.span);
          if (span) context.report({ code: 'const-field-name', severity: scopedSeverity(scope, 'warning'), span, message });
        }
      });
    }
  },
};
