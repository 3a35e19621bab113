/**
 * Keys of an exception other than name/fields/comps/values are ignored by the engine without a word (the JSON
 * schema forbids them), so a misspelled `values` silently disables the exception. Our own warning, with a
 * did-you-mean; `condition:` gets an explanation of how exceptions are written (falco-language.md §3.1).
 */
import { EXCEPTION_KEYS } from '../../../../syntax/itemKeys';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { suggest } from '../../suggest';
import { exceptionsView, requiresFields } from './updateFacts';

/** Other words people use for the exception keys. */
const ALIASES: Readonly<Record<string, string>> = {
  op: 'comps',
  ops: 'comps',
  operator: 'comps',
  operators: 'comps',
  comp: 'comps',
  comparisons: 'comps',
  field: 'fields',
  value: 'values',
};

const codes = defineCodes([
  {
    code: 'exception-unknown-key',
    severity: 'warning',
    engineCode: null,
    summary: 'An exception has a key other than name, fields, comps and values; the engine ignores it.',
    fix: 'Rename the key to `name`, `fields`, `comps` or `values`, or remove it.',
    example: '  exceptions:\n    - name: known_tools\n      fields: [proc.name]\n      value: [[my-tool]]   # ignored: no values\n',
  },
]);

export const exceptionUnknownKeyCheck: Check = {
  name: 'exception-unknown-key',
  codes,
  run(context) {
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
            context.report({
              code: 'exception-unknown-key',
              message:
                "Exceptions are not conditions: 'condition' is ignored here. Describe what to exclude with 'fields' (e.g. [proc.name, fd.name]), " +
                "optional 'comps' (e.g. [=, startswith]) and 'values' (e.g. [[my-tool, /tmp/]]), or add 'and not …' to the rule's condition instead.",
              span: pair.keySpan,
              severity: 'warning',
            });
            continue;
          }
          const candidate = ALIASES[key.toLowerCase()] ?? suggest(key, EXCEPTION_KEYS, 1)[0];
          // A misspelled required key is reported as missing (an error) at this key by the missing-key checks.
          if (candidate === 'name' && !entry.namePair) continue;
          if (candidate === 'fields' && !entry.fieldsPair && requiresFields(role)) continue;
          let hint = candidate && !entry.map.pairs.some((other) => other.keyText === candidate) ? ` Did you mean \`${candidate}\`?` : '';
          if (hint !== '' && candidate === 'values') hint += ' Without values this exception excludes nothing.';
          if (hint !== '' && candidate === 'comps') hint += " Meanwhile the default operators apply ('=' for each listed field, 'in' for a single field).";
          context.report({
            code: 'exception-unknown-key',
            message: `Unknown exception key '${key}': the engine ignores it. Exceptions have only 'name', 'fields', 'comps' and 'values'.${hint}`,
            span: pair.keySpan,
            severity: 'warning',
          });
        }
      }
    }
  },
};
