/**
 * Constants the engine cannot read as a value of the field's type (falco-language.md §6.2, engine-verified.md):
 * numbers (`notanumber is not a valid number`; `1.5` and `0x10` are refused too, out-of-range numbers are not),
 * booleans other than true/false, IPv4 and IPv6 addresses, networks without a valid `/prefix`, ports, hex strings
 * for `bcontains`, `evt.type` values that name no event, and `regex` patterns RE2 refuses.
 * Lists are textual substitutions: a word naming a list is checked item by item, and an undefined name stays a
 * literal word and is checked as such (`evt.type in (typo_list)` → unknown event type). A list name used where
 * one value is expected (`proc.name = my_list`) must have exactly one item. A word naming a list of an upstream
 * rules file that the configuration loads but the workspace lacks (`assumedUpstream`) stands for items we do not
 * know: it is not checked.
 */
import { checkOperator } from '../../../../semantic/typecheck/operators';
import { describeType, isCheckableType } from '../../../../semantic/typecheck/types';
import { regexProblem } from '../../../../semantic/typecheck/regex';
import { checkConstant } from '../../../../semantic/typecheck/values';
import type { EmbeddedCondition } from '../../../../syntax/rulesFile';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { changeToFixes } from '../../fixes/didYouMean';
import { suggest } from '../../suggest';
import { assumedUpstreamFile } from '../references/upstreamNotFound';
import { describeValue, looksLikeListName, rhsConstants, type RhsValue } from './rhsConstants';
import { type ItemScope, leftOperand, scopedSeverity, UNKNOWN_FILTER_SKIPPED } from './shared';
import { conditionTargets, forEachCheck, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'invalid-value',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A value is not valid for the field type: not a number, not a boolean, not an IP address or network, not a port, not an event type, not a hex string.',
    fix: "Write a value of the field's type: a whole decimal number, `true`/`false`, an address, a network with `/prefix`, a known event name; check that a list name is spelled right.",
    quickFix: 'Changes a misspelled word to each of the closest list names and, for `evt.type`, event names (up to three).',
    example: `- macro: root_user
  condition: user.uid = root   # user.uid is a number: user.uid = 0
`,
  },
]);

/**
 * For a literal word that may be a misspelled or missing list: which list it may mean, or that no list has this
 * name. `other` is a did-you-mean of another kind (an event name) that takes precedence over the plain remark.
 */
function undefinedListHint(value: RhsValue, scope: ItemScope, other = ''): string {
  if (!value.literalWord) return other;
  const guess = suggest(value.value, scope.lists.listNames(), 1);
  if (guess.length > 0) return ` No list named \`${value.value}\` is defined, so Falco reads it as a literal word. Did you mean the list \`${guess[0]}\`?`;
  if (other) return other;
  return looksLikeListName(value.value) ? ` No list named \`${value.value}\` is defined, so Falco reads it as a literal word.` : '';
}

function eventTypeMessage(value: RhsValue, context: CheckContext, scope: ItemScope): string {
  const guess = suggest(value.value, context.catalogs.events.eventNames(), 1);
  const other = guess.length > 0 ? ` Did you mean \`${guess[0]}\`?` : '';
  return `${describeValue(value)} is not an event type ('unknown event type ${value.value}').${undefinedListHint(value, scope, other)}`;
}

/**
 * Quick fixes of a value written in the condition (not pasted from a list): the closest list names for a bare
 * word, first, as the message suggests them, then for `evt.type` the closest event names.
 */
function valueFixes(context: CheckContext, condition: EmbeddedCondition, value: RhsValue, scope: ItemScope, eventType: boolean): DiagnosticFix[] | undefined {
  if (value.list) return undefined;
  const lists = value.literalWord ? suggest(value.value, scope.lists.listNames(), 3) : [];
  const events = eventType ? suggest(value.value, context.catalogs.events.eventNames(), 3) : [];
  if (lists.length === 0 && events.length === 0) return undefined;
  const fixes = changeToFixes(context.file.syntax.text, sourceSpan(condition, value.span), value.value, [...lists, ...events]);
  return fixes.length > 0 ? fixes : undefined;
}

/**
 * A loaded plugin of the syscall source whose name prefixes the value (`krsi_open`): plugins may declare
 * asynchronous events that `evt.type` accepts, and the catalog does not list their names.
 */
function asyncEventPlugin(value: string, context: CheckContext): string | undefined {
  const plugins = context.options.plugins;
  return context.catalogs.fields.data.providers.find(
    (provider) =>
      provider.kind === 'plugin' &&
      provider.extractSources.includes('syscall') &&
      value.startsWith(`${provider.name}_`) &&
      (plugins === undefined || plugins.includes(provider.name)),
  )?.name;
}

/**
 * A word the engine would replace with the items of an assumed upstream list: written in the condition, or an
 * item of a workspace list (expanded one level, as the engine does).
 */
function isAssumedList(context: CheckContext, value: RhsValue): boolean {
  if (value.quoted || value.nestedList || !(value.literalWord || value.list)) return false;
  return assumedUpstreamFile(context, 'list', value.value) !== undefined;
}

export const invalidValueCheck: Check = {
  name: 'invalid-value',
  codes: [...codes, UNKNOWN_FILTER_SKIPPED],
  itemLocal: true,
  run(context) {
    for (const target of conditionTargets(context)) {
      const { condition, scope } = target;
      forEachCheck(target, (check) => {
        const constants = rhsConstants(check, scope.lists);
        if (!constants) return;
        const report = (local: RhsValue['span'], message: string, severity: 'error' | 'warning', code = 'invalid-value', fixes?: DiagnosticFix[]) => {
          const span = sourceSpan(condition, local);
          if (span) context.report({ code, severity: code === UNKNOWN_FILTER_SKIPPED ? 'warning' : scopedSeverity(scope, severity), span, message, ...(fixes ? { fixes } : {}) });
        };
        for (const use of constants.scalarLists) {
          if (use.count === 1) continue;
          const fix = check.operator.name === 'in' || check.operator.name === 'intersects' || check.operator.name === 'pmatch' || check.operator.modifier
            ? `write \`(${use.name})\` in parentheses`
            : `use \`in (${use.name})\``;
          report(
            use.span,
            use.count === 0
              ? `The list \`${use.name}\` is empty: Falco pastes its items in place of the name, leaving no value here. ${fix[0]!.toUpperCase()}${fix.slice(1)}.`
              : `The list \`${use.name}\` has ${use.count} items: Falco pastes them, separated by commas, in place of the name, which does not parse where one value is expected. ${fix[0]!.toUpperCase()}${fix.slice(1)}.`,
            use.count === 0 ? 'warning' : 'error',
          );
        }
        const operator = check.operator.name;
        if (operator === 'exists') return;
        const left = leftOperand(scope, check);
        if (!left.type || !isCheckableType(left.type) || !checkOperator(operator, left.type).ok) return;
        const isEventType = check.left.kind === 'field' && left.field?.name === 'evt.type' && !check.left.arg;
        for (const value of constants.values) {
          if (isAssumedList(context, value)) continue;
          if (isEventType) {
            if (context.catalogs.events.isKnownEventType(value.value)) continue;
            const plugin = asyncEventPlugin(value.value, context);
            if (plugin) {
              report(
                value.span,
                `${describeValue(value)} is not a known event type; it may be an asynchronous event of the \`${plugin}\` plugin, whose event names the catalog does not list. Falco refuses it if the plugin does not declare it ('unknown event type').`,
                'warning',
              );
              continue;
            }
            const message = eventTypeMessage(value, context, scope);
            const fixes = valueFixes(context, condition, value, scope, true);
            if (scope.skipUnknown) report(value.span, `${message} With \`skip-if-unknown-filter: true\`, Falco skips this rule instead of failing.`, 'warning', UNKNOWN_FILTER_SKIPPED, fixes);
            else report(value.span, message, 'error', 'invalid-value', fixes);
            continue;
          }
          if (operator === 'regex') {
            const regex = regexProblem(value.value);
            if (regex) report(value.span, `${describeValue(value)} is not a valid regular expression for Falco ('invalid regex pattern'): ${regex}.`, 'error');
            continue;
          }
          const problem = checkConstant(left.type, value.value, operator);
          if (!problem) continue;
          const subject = left.field ? ` for \`${left.field.name}\` (${describeType(left.type)})` : ` for this ${describeType(left.type)} operand`;
          const message = `${describeValue(value)} is not ${problem.expected}${subject} ('${problem.engine}')${problem.hint ? `: ${problem.hint}` : ''}.${undefinedListHint(value, scope)}`;
          report(value.span, message, 'error', 'invalid-value', valueFixes(context, condition, value, scope, false));
        }
      });
    }
  },
};
