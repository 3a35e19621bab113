/**
 * `append: true` and a non-empty `override` in the same item: the engine refuses the item
 * (`LOAD_ERR_YAML_VALIDATE`, 'cannot be used together'); the append belongs under `override` (§2.3).
 */
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { isNamedKind } from './updateFacts';

const codes = defineCodes([
  {
    code: 'append-with-override',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: "An item has both 'append: true' and an 'override' mapping.",
    fix: 'Remove `append: true`; the `override:` entries already say what is appended.',
    example: '- list: shell_binaries\n  items: [fish]\n  append: true\n  override:\n    items: append\n',
  },
]);

export const appendWithOverrideCheck: Check = {
  name: 'append-with-override',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (!item.legacyAppend || !isNamedKind(item) || !item.override || item.override.pairs.length === 0) continue;
      const pair = getPair(item.map, 'append');
      if (!pair) continue;
      context.report({
        code: 'append-with-override',
        message:
          "'append: true' and 'override' cannot be used together. Remove 'append: true' and list the appended keys under 'override' (e.g. 'condition: append').",
        span: pair.span,
        severity: 'error',
      });
    }
  },
};
