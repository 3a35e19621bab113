/**
 * Operators a field's type does not accept (falco-language.md §6.1): `contains` on a number, `bcontains` on a
 * string, `<` on an IP address, `=` on a list field, … The engine refuses them at load with "'<op>' operator not
 * supported for … filters". A modifier (`startswith anyof`) follows its base operator; `exists` is always fine;
 * `evt.around` only takes `=`.
 */
import { checkOperator } from '../../../../semantic/typecheck/operators';
import { describeType, isCheckableType } from '../../../../semantic/typecheck/types';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { leftOperand, scopedSeverity } from './shared';
import { conditionTargets, forEachCheck, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'operator-type-mismatch',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A comparison operator is not allowed for the type of its field (e.g. `contains` on a number, `bcontains` on a string, `=` on a list field).',
    fix: "Use an operator the field's type accepts (the message lists them); compare list fields with `in` or `intersects`.",
    example: `- macro: privileged_port
  condition: fd.sport contains 22   # numbers take =, !=, <, <=, >, >=, in, intersects
`,
  },
]);

export const operatorTypeMismatchCheck: Check = {
  name: 'operator-type-mismatch',
  codes,
  itemLocal: true,
  run(context) {
    for (const target of conditionTargets(context)) {
      const { condition, scope } = target;
      forEachCheck(target, (check) => {
        const operator = check.operator.name;
        if (operator === 'exists') return;
        const left = leftOperand(scope, check);
        if (!left.type || !isCheckableType(left.type)) return;
        const span = sourceSpan(condition, check.operator.nameSpan);
        if (!span) return;
        const subject = left.field ? `\`${left.field.name}\` (${describeType(left.type)})` : `this operand (${describeType(left.type)})`;
        const verdict = checkOperator(operator, left.type);
        if (!verdict.ok) {
          const listHint = left.type.isList ? ' A list field is compared with `in` or `intersects`.' : '';
          const allowed = verdict.allowed.length > 0 ? ` Use one of: ${verdict.allowed.map((op) => `\`${op}\``).join(', ')}.` : '';
          context.report({
            code: 'operator-type-mismatch',
            severity: scopedSeverity(scope, 'error'),
            span,
            message: `The operator \`${operator}\` cannot compare ${subject}: ${verdict.reason}.${listHint}${allowed}`,
          });
          return;
        }
        if (left.field?.name === 'evt.around' && check.left.kind === 'field' && operator !== '=' && operator !== '==') {
          context.report({
            code: 'operator-type-mismatch',
            severity: scopedSeverity(scope, 'error'),
            span,
            message: "`evt.around` only supports the `=` operator ('evt.around supports only '=' comparison operator').",
          });
        }
      });
    }
  },
};
