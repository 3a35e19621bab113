/**
 * A bare word in `in (…)`, `intersects (…)` or `pmatch (…)` on a string field that names no list but looks like
 * a list name (`shell_binaries`, or a near miss of a defined list): Falco silently compares the field with the
 * word itself, so the check never matches what was meant (falco-language.md §5.1). The engine says nothing: this
 * is our own warning, never an error. On typed fields (event types, numbers, addresses) the literal word is
 * refused by the engine and `invalid-value` reports it. A word naming a list of an upstream rules file that the
 * configuration loads but the workspace lacks (`assumedUpstream`) is assumed to be that list.
 */
import { typeFamily } from '../../../../semantic/typecheck/types';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { changeToFixes } from '../../fixes/didYouMean';
import { suggest } from '../../suggest';
import { assumedUpstreamFile } from '../references/upstreamNotFound';
import { looksLikeListName, rhsConstants } from './rhsConstants';
import { leftOperand } from './shared';
import { conditionTargets, forEachCheck, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'undefined-list',
    severity: 'warning',
    engineCode: null,
    summary: 'A word in `in (…)`/`intersects (…)`/`pmatch (…)` looks like a list name but no such list is defined: Falco compares with the word itself.',
    fix: 'Define the list (or fix its name); quote the word if the literal text is really meant.',
    quickFix: 'Changes the word to each of the closest list names defined before it (up to three).',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name in (shell_binarys)   # shell_binaries
  output: o
  priority: INFO
`,
  },
]);

const LIST_OPERATORS = new Set(['in', 'intersects', 'pmatch']);

export const undefinedListCheck: Check = {
  name: 'undefined-list',
  codes,
  itemLocal: true,
  run(context) {
    for (const target of conditionTargets(context)) {
      const { condition, scope } = target;
      forEachCheck(target, (check) => {
        if (!LIST_OPERATORS.has(check.operator.name) && !check.operator.modifier) return;
        const constants = rhsConstants(check, scope.lists);
        if (!constants) return;
        const words = constants.values.filter((value) => value.literalWord);
        if (words.length === 0) return;
        const left = leftOperand(scope, check);
        if (!left.type || typeFamily(left.type.type) !== 'string') return;
        // Event names are checked by `invalid-value` (many contain underscores).
        if (left.field?.name === 'evt.type') return;
        for (const word of words) {
          if (assumedUpstreamFile(context, 'list', word.value)) continue;
          const guess = word.value.includes('_') ? suggest(word.value, scope.lists.listNames(), 3) : [];
          if (guess.length === 0 && !looksLikeListName(word.value)) continue;
          const span = sourceSpan(condition, word.span);
          if (!span) continue;
          const fix = guess.length > 0 ? ` Did you mean \`${guess[0]}\`?` : ' Define the list, or quote the word if the literal text is meant.';
          context.report({
            code: 'undefined-list',
            severity: 'warning',
            span,
            message: `No list named \`${word.value}\` is defined: Falco compares with the literal text '${word.value}'.${fix}`,
            fixes: changeToFixes(context.file.syntax.text, span, word.value, guess),
          });
        }
      });
    }
  },
};
