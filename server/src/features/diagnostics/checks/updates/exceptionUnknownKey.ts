/**
 * Keys of an exception other than name/fields/comps/values are ignored by the engine without a word (the JSON
 * schema forbids them), so a misspelled `values` silently disables the exception. Our own warning, with a
 * did-you-mean and a rename; `condition:` gets an explanation of how exceptions are written (falco-language.md
 * §3.1) and, when the condition is comparisons joined by `and` (or alternatives of the same comparisons joined
 * by `or`), a fix that rewrites it as fields, comps and values; otherwise the message says why it cannot.
 */
import { EXCEPTION_KEYS } from '../../../../syntax/itemKeys';
import type { RulesItem } from '../../../../syntax/rulesFile';
import type { YPair } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { convertEntryCondition } from '../../fixes/exceptions/conditionEntry';
import { usedNames } from '../../fixes/exceptions/entryEdits';
import { removePair, renameKey } from '../../fixes/exceptions/mapEdits';
import { suggest } from '../../suggest';
import { exceptionFieldJudge } from './exceptionUnknownField';
import { exceptionsView, requiresFields, ruleSource, type ExceptionEntry, type ExceptionsView } from './updateFacts';

/** Other words people use for the exception keys. */
const ALIASES: Readonly<Record<string, string>> = {
  op: 'comps',
  ops: 'comps',
  operator: 'comps',
  operators: 'comps',
  comp: 'comps',
  comparisons: 'comps',
  comparison: 'comps',
  field: 'fields',
  value: 'values',
  vals: 'values',
};

const codes = defineCodes([
  {
    code: 'exception-unknown-key',
    severity: 'warning',
    engineCode: null,
    summary: 'An exception has a key other than name, fields, comps and values; the engine ignores it.',
    fix: 'Rename the key to `name`, `fields`, `comps` or `values`, or remove it.',
    example: '  exceptions:\n    - name: known_tools\n      fields: [proc.name]\n      value: [[my-tool]]   # ignored: no values\n',
    quickFix: 'Renames a misspelled key (`value` → `values`), removes a key the engine ignores, or rewrites a `condition` as fields, comps and values.',
  },
]);

const CONDITION_INTRO = "Exceptions are not conditions: 'condition' is ignored here.";
const CONDITION_ADVICE =
  "Describe what to exclude with 'fields' (e.g. [proc.name, fd.name]), optional 'comps' (e.g. [=, startswith]) and 'values' (e.g. [[my-tool, /tmp/]]), or add 'and not …' to the rule's condition instead.";

function reportCondition(context: CheckContext, item: RulesItem, view: ExceptionsView, entry: ExceptionEntry, pair: YPair): void {
  const converted = convertEntryCondition({
    text: context.file.syntax.text,
    item,
    entry,
    role: view.roleOf(entry),
    judge: exceptionFieldJudge(context, ruleSource(context, item)),
    taken: usedNames(view.entries, view.previous?.keys()),
    flowParent: view.pair.value?.kind === 'seq' && view.pair.value.flow,
  });
  let message = `${CONDITION_INTRO} ${CONDITION_ADVICE}`;
  if (converted?.ok) message = `${CONDITION_INTRO} It is a comparison an exception can express: write it as 'fields', 'comps' and 'values' (quick fix).`;
  else if (converted) message = `${CONDITION_INTRO} It cannot be written as fields and values because ${converted.reason}. ${CONDITION_ADVICE}`;
  context.report({ code: 'exception-unknown-key', message, span: pair.keySpan, severity: 'warning', fixes: converted?.ok ? [converted.fix] : [] });
}

export const exceptionUnknownKeyCheck: Check = {
  name: 'exception-unknown-key',
  codes,
  run(context) {
    const text = context.file.syntax.text;
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        if (!entry.map) continue;
        const role = view.roleOf(entry);
        for (const pair of entry.map.pairs) {
          const key = pair.keyText;
          if (EXCEPTION_KEYS.includes(key)) continue;
          if (key === 'condition') {
            reportCondition(context, item, view, entry, pair);
            continue;
          }
          const candidate = ALIASES[key.toLowerCase()] ?? suggest(key, EXCEPTION_KEYS, 1)[0];
          // A misspelled required key is reported as missing (an error) at this key by the missing-key checks.
          if (candidate === 'name' && !entry.namePair) continue;
          if (candidate === 'fields' && !entry.fieldsPair && requiresFields(role)) continue;
          const rename = candidate !== undefined && !entry.map.pairs.some((other) => other.keyText === candidate);
          let hint = rename ? ` Did you mean \`${candidate}\`?` : '';
          if (hint !== '' && candidate === 'values') hint += ' Without values this exception excludes nothing.';
          if (hint !== '' && candidate === 'comps') hint += " Meanwhile the default operators apply ('=' for each listed field, 'in' for a single field).";
          const fixes: DiagnosticFix[] = [];
          if (rename) fixes.push({ title: `Rename key '${key}' to '${candidate}'`, changes: [renameKey(pair, candidate)], preferred: true });
          else {
            const removal = removePair(text, entry.map, pair);
            if (removal) fixes.push({ title: `Remove the ignored key '${key}'`, changes: [removal] });
          }
          context.report({
            code: 'exception-unknown-key',
            message: `Unknown exception key '${key}': the engine ignores it. Exceptions have only 'name', 'fields', 'comps' and 'values'.${hint}`,
            span: pair.keySpan,
            severity: 'warning',
            fixes,
          });
        }
      }
    }
  },
};
