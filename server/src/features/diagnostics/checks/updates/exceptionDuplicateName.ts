/**
 * Two exceptions with the same name in one item (falco-language.md §3.1): the engine warns
 * ('Multiple definitions of exception … in the same rule', `LOAD_EXCEPTION_NAME_NOT_UNIQUE`, 0.38+).
 * Range: the repeated name; related: the first one. Fix: another name for the repeated one, to type over.
 */
import { placeholder } from '../../../codeActions/snippets';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { uniqueName } from '../../fixes/exceptions/names';
import { contentSpan, exceptionMode, exceptionsOf, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-duplicate-name',
    severity: 'warning',
    engineCode: 'LOAD_EXCEPTION_NAME_NOT_UNIQUE',
    summary: 'Two exceptions of the same item have the same name.',
    fix: 'Rename one of the exceptions, or merge their values.',
    example: '  exceptions:\n    - name: known\n      fields: proc.name\n      values: [a]\n    - name: known\n      fields: proc.pname\n      values: [b]\n',
    quickFix: 'Renames the repeated exception to a unique name to type over.',
  },
]);

export const exceptionDuplicateNameCheck: Check = {
  name: 'exception-duplicate-name',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (exceptionMode(item) === null) continue;
      const seen = new Map<string, ExceptionEntry>();
      const entries = exceptionsOf(item)?.entries ?? [];
      const taken = entries.flatMap((entry) => (entry.name !== null ? [entry.name] : []));
      for (const entry of entries) {
        if (entry.name === null || !entry.nameNode) continue;
        const first = seen.get(entry.name);
        if (!first) {
          seen.set(entry.name, entry);
          continue;
        }
        const span = contentSpan(entry.nameNode);
        const renamed = uniqueName(entry.name, taken);
        taken.push(renamed);
        context.report({
          code: 'exception-duplicate-name',
          message: `Exception '${entry.name}' is defined twice in this rule. Give it another name, or merge its values into the first one.`,
          span,
          severity: 'warning',
          related: [{ uri: context.file.uri, span: contentSpan(first.nameNode!), message: `first exception named '${entry.name}'` }],
          fixes: [{ title: `Rename to '${renamed}'`, changes: [{ span, newText: placeholder(1, renamed), snippet: true }], preferred: true }],
        });
      }
    }
  },
};
