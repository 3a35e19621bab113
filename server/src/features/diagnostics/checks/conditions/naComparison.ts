/**
 * A `ka.*` or `jevt.*` field compared with the literal `<NA>` using `=`, `==`, `!=`, `in`, `intersects` or
 * `pmatch`: the engine warns (LOAD_UNSAFE_NA_CHECK, falco-language.md §6.5) because these plugin fields have no
 * `<NA>` value: a missing value is not the text `<NA>`. `exists` is the reliable test. The word may come from a
 * list, as lists are pasted before the check.
 */
import type { Check } from '../../check';
import type { ConditionNode } from '../../../../syntax/condition/ast';
import { walkCondition } from '../../../../syntax/condition/ast';
import { defineCodes } from '../../codes';
import { rhsConstants } from './rhsConstants';
import { scopedSeverity } from './shared';
import { conditionTargets, forEachCheck, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'na-comparison',
    severity: 'warning',
    engineCode: 'LOAD_UNSAFE_NA_CHECK',
    summary: 'A `ka.*`/`jevt.*` field is compared with `<NA>`, which these fields never hold: use `exists` instead.',
    fix: 'Test presence with `exists` (`not ka.target.subresource exists`) instead of comparing with `<NA>`.',
    example: `- macro: no_subresource
  condition: ka.target.subresource = <NA>
`,
  },
]);

const EQUALITY = new Set(['=', '==', '!=', 'in', 'intersects', 'pmatch']);
const NA = '<NA>';

/** The first `ka.*`/`jevt.*` field of an operand, written as in the condition (`jevt.value[/user]`). */
function firstUnsafeField(node: ConditionNode): string | undefined {
  let found: string | undefined;
  walkCondition(node, (child) => {
    if (found) return false;
    if (child.kind === 'field') {
      if (child.name.startsWith('ka.') || child.name.startsWith('jevt.')) found = child.arg ? `${child.name}[${child.arg.raw}]` : child.name;
      return false;
    }
    return undefined;
  });
  return found;
}

export const naComparisonCheck: Check = {
  name: 'na-comparison',
  codes,
  itemLocal: true,
  run(context) {
    for (const target of conditionTargets(context)) {
      const { condition, scope } = target;
      forEachCheck(target, (check) => {
        if (!EQUALITY.has(check.operator.text)) return;
        const field = firstUnsafeField(check.left);
        if (!field) return;
        const constants = rhsConstants(check, scope.lists);
        if (!constants || !constants.values.some((value) => value.value === NA)) return;
        const span = sourceSpan(condition, check.span);
        if (!span) return;
        const negated = check.operator.name === '!=';
        context.report({
          code: 'na-comparison',
          severity: scopedSeverity(scope, 'warning'),
          span,
          message: `\`${field}\` never holds the text '<NA>': when the value is missing the comparison does not behave as expected ('LOAD_UNSAFE_NA_CHECK'). Test presence with \`${negated ? `${field} exists` : `not ${field} exists`}\` instead.`,
        });
      });
    }
  },
};
