/**
 * `regex` with a pattern that has no regular-expression feature besides a leading `^` or `.*` and a trailing `$`
 * or `.*`: the engine warns that `=`, `contains`, `startswith` or `endswith` would do the same, faster
 * (falco-language.md §6.5, LOAD_COMPILE_CONDITION). The message names the operator that fits.
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { describeValue, rhsConstants } from './rhsConstants';
import { scopedSeverity } from './shared';
import { conditionTargets, forEachCheck, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'regex-simpler',
    severity: 'warning',
    engineCode: 'LOAD_COMPILE_CONDITION',
    summary: 'A `regex` pattern is plain text (with at most anchors or a leading/trailing `.*`): a simpler operator does the same.',
    fix: 'Use the operator the message names (`=`, `contains`, `startswith` or `endswith`).',
    example: `- macro: healthz
  condition: ka.uri regex "^/healthz.*"   # ka.uri startswith /healthz
`,
  },
]);

const SPECIAL = '.+*?^$()[]{}|\\';
const OCCURRENCE = '+*?';

/** The engine's test: true when the pattern has no special character besides the allowed anchors and `.*`-like ends. */
export function isLiteralRegex(pattern: string): boolean {
  const length = pattern.length;
  for (let i = 0; i < length; i++) {
    const c = pattern[i]!;
    if ((i === 0 && c === '^') || (i === length - 1 && c === '$')) continue;
    if (((i === 0 && length > 1) || i === length - 2) && c === '.' && OCCURRENCE.includes(pattern[i + 1] ?? '\u0000')) {
      i++;
      continue;
    }
    if (SPECIAL.includes(c)) return false;
  }
  return true;
}

/** The simpler operator and value that match like the pattern (regex is a full match). */
export function simplerForm(pattern: string): { operator: string; value: string } {
  let body = pattern;
  let anyStart = false;
  let anyEnd = false;
  if (body.startsWith('^')) body = body.slice(1);
  else if (/^\.[*+?]/.test(body)) {
    anyStart = true;
    body = body.slice(2);
  }
  if (body.endsWith('$') && !body.endsWith('\\$')) body = body.slice(0, -1);
  else if (/\.[*+?]$/.test(body)) {
    anyEnd = true;
    body = body.slice(0, -2);
  }
  const operator = anyStart && anyEnd ? 'contains' : anyStart ? 'endswith' : anyEnd ? 'startswith' : '=';
  return { operator, value: body };
}

export const regexSimplerCheck: Check = {
  name: 'regex-simpler',
  codes,
  itemLocal: true,
  run(context) {
    for (const target of conditionTargets(context)) {
      const { condition, scope } = target;
      forEachCheck(target, (check) => {
        if (check.operator.name !== 'regex') return;
        const constants = rhsConstants(check, scope.lists);
        if (!constants) return;
        for (const value of constants.values) {
          if (!isLiteralRegex(value.value)) continue;
          const span = sourceSpan(condition, value.span);
          if (!span) continue;
          const { operator, value: text } = simplerForm(value.value);
          context.report({
            code: 'regex-simpler',
            severity: scopedSeverity(scope, 'warning'),
            span,
            message: `The regex ${describeValue(value)} matches plain text: \`${operator} ${/[\s"'(),=]/.test(text) || text === '' ? JSON.stringify(text) : text}\` does the same and is faster ('regex check … may be optimized with simpler operators').`,
          });
        }
      });
    }
  },
};
