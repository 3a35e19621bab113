/**
 * Every exception needs a non-empty `name` (falco-language.md §3.1): without it the engine stops with
 * 'Item has no mapping for key 'name'' (`LOAD_ERR_YAML_VALIDATE`). Range: the entry's first key (or a key
 * that looks like a misspelled `name`), or the empty name.
 */
import { EXCEPTION_KEYS } from '../../../../syntax/itemKeys';
import type { YMap, YPair } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
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
  },
]);

/** An unknown key of the entry that is probably a misspelling of `key`. */
export function misspelledKey(map: YMap, key: string): YPair | undefined {
  return map.pairs.find((pair) => !EXCEPTION_KEYS.includes(pair.keyText) && suggest(pair.keyText, [key], 1).length > 0);
}

export const exceptionMissingNameCheck: Check = {
  name: 'exception-missing-name',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (exceptionMode(item) === null) continue;
      for (const entry of exceptionsOf(item)?.entries ?? []) {
        const map = entry.map;
        if (!map || map.pairs.length === 0) continue;
        if (!entry.namePair) {
          const typo = misspelledKey(map, 'name');
          const target = typo ?? map.pairs[0]!;
          const hint = typo ? ` ('${typo.keyText}' looks like a misspelling of 'name')` : '';
          context.report({
            code: 'exception-missing-name',
            message: `This exception has no 'name'${hint}. Add 'name:' with a name that is unique in the rule.`,
            span: target.keySpan,
            severity: 'error',
          });
          continue;
        }
        const value = entry.namePair.value;
        if (entry.nameNode) continue;
        const problem = !value || (value.kind === 'scalar' && (value.isNull || value.value === '')) ? 'is empty' : 'must be a string';
        const span = value && value.span.end > value.span.start ? value.span : entry.namePair.keySpan;
        context.report({
          code: 'exception-missing-name',
          message: `The exception's 'name' ${problem}. Give it a name that is unique in the rule.`,
          span,
          severity: 'error',
        });
      }
    }
  },
};
