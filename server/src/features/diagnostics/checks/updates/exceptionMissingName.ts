/**
 * Every exception needs a non-empty `name` (falco-language.md §3.1): without it the engine stops with
 * 'Item has no mapping for key 'name'' (`LOAD_ERR_YAML_VALIDATE`). Range: the entry's first key (or a key
 * that looks like a misspelled `name`), or the empty name.
 */
import { EXCEPTION_KEYS } from '../../../../syntax/itemKeys';
import type { YMap, YPair } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { placeholder } from '../../../codeActions/snippets';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { addNameFix, proposedName, setPairValue, usedNames, writtenFields } from '../../fixes/exceptions/entryEdits';
import { renameKey } from '../../fixes/exceptions/mapEdits';
import { suggest } from '../../suggest';
import { exceptionMode, exceptionsOf } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-missing-name',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: 'An exception has no name, or an empty one.',
    fix: 'Add a `name:` that is unique in the rule.',
    example: '  exceptions:\n    - fields: [proc.name]\n      values: [[my-tool]]\n',
    quickFix: 'Adds `name:` as the first key with a unique name to type over, or renames a misspelled name key.',
  },
]);

/** An unknown key of the entry that is probably a misspelling of `key`. */
export function misspelledKey(map: YMap, key: string): YPair | undefined {
  return map.pairs.find((pair) => !EXCEPTION_KEYS.includes(pair.keyText) && suggest(pair.keyText, [key], 1).length > 0);
}

/** `- {}`: an exception with nothing in it; the engine first misses its name. */
function reportEmptyMap(context: CheckContext, map: YMap, name: string): void {
  const text = context.file.syntax.text;
  const inside = text.slice(map.span.start, map.span.end);
  const fixes: DiagnosticFix[] = /^\{\s*\}$/.test(inside) ? [{ title: `Add the name '${name}'`, changes: [{ span: map.span, newText: `{name: ${placeholder(1, name)}}`, snippet: true }], preferred: true }] : [];
  context.report({ code: 'exception-missing-name', message: "This exception is empty. Give it a 'name' unique in the rule, its 'fields' and its 'values'.", span: map.span, severity: 'error', fixes });
}

export const exceptionMissingNameCheck: Check = {
  name: 'exception-missing-name',
  codes,
  run(context) {
    const text = context.file.syntax.text;
    for (const item of context.file.syntax.items) {
      if (exceptionMode(item) === null) continue;
      const entries = exceptionsOf(item)?.entries ?? [];
      const taken = usedNames(entries);
      for (const entry of entries) {
        const map = entry.map;
        if (!map) continue;
        if (map.pairs.length === 0) {
          reportEmptyMap(context, map, proposedName(item, [], taken));
          continue;
        }
        const name = proposedName(item, writtenFields(entry.fieldsPair?.value), taken);
        if (!entry.namePair) {
          const typo = misspelledKey(map, 'name');
          const target = typo ?? map.pairs[0]!;
          const hint = typo ? ` ('${typo.keyText}' looks like a misspelling of 'name')` : '';
          const fixes: DiagnosticFix[] = [];
          if (typo) fixes.push({ title: `Rename key '${typo.keyText}' to 'name'`, changes: [renameKey(typo, 'name')], preferred: true });
          const add = addNameFix(text, entry, name, !typo);
          if (add) fixes.push(add);
          context.report({
            code: 'exception-missing-name',
            message: `This exception has no 'name'${hint}. Add 'name:' with a name that is unique in the rule.`,
            span: target.keySpan,
            severity: 'error',
            fixes,
          });
          continue;
        }
        const value = entry.namePair.value;
        if (entry.nameNode) continue;
        const problem = !value || (value.kind === 'scalar' && (value.isNull || value.value === '')) ? 'is empty' : 'must be a string';
        const span = value && value.span.end > value.span.start ? value.span : entry.namePair.keySpan;
        const change = setPairValue(text, entry.namePair, placeholder(1, name), true);
        context.report({
          code: 'exception-missing-name',
          message: `The exception's 'name' ${problem}. Give it a name that is unique in the rule.`,
          span,
          severity: 'error',
          fixes: change ? [{ title: `Name the exception '${name}'`, changes: [change], preferred: true }] : [],
        });
      }
    }
  },
};
