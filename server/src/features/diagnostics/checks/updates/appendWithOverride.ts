/**
 * `append: true` and a non-empty `override` in the same item: the engine refuses the item
 * (`LOAD_ERR_YAML_VALIDATE`, 'cannot be used together'); the append belongs under `override` (§2.3). The quick
 * fix removes `append: true`.
 */
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { removeAppendFix } from '../../fixes/migrateAppend';
import { isNamedKind } from './updateFacts';

const codes = defineCodes([
  {
    code: 'append-with-override',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: "An item has both 'append: true' and an 'override' mapping.",
    fix: 'Remove `append: true`; the `override:` entries already say what is appended.',
    example: '- list: shell_binaries\n  items: [fish]\n  append: true\n  override:\n    items: append\n',
    quickFix: 'Removes the `append: true` line.',
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
      const fix = removeAppendFix(context.file.syntax.text, item, pair);
      context.report({
        fixes: fix ? [fix] : [],
        code: 'append-with-override',
        message:
          "'append: true' and 'override' cannot be used together. Remove 'append: true' and list the appended keys under 'override' (e.g. 'condition: append').",
        span: pair.span,
        severity: 'error',
      });
    }
  },
};
