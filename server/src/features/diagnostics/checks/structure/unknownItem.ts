/**
 * A mapping without any item-kind key (`- ruel: …`): the engine warns "Unknown top level item" and ignores the
 * whole item (falco-language.md §1.2).
 */
import { ITEM_KINDS } from '../../../../syntax/itemKeys';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { renameKeyFixes } from '../../fixes/didYouMean';
import { suggest } from '../../suggest';
import { checkedItems } from './shared';

const codes = defineCodes([
  {
    code: 'unknown-item',
    severity: 'warning',
    engineCode: 'LOAD_UNKNOWN_ITEM',
    summary: 'An item has none of the keys rule, macro, list, required_engine_version or required_plugin_versions, so Falco ignores it.',
    fix: 'Correct the key that says what the item is: `rule`, `macro`, `list`, `required_engine_version` or `required_plugin_versions`.',
    quickFix: 'Renames the misspelled kind key to each of the closest item kinds (`ruel` to `rule`).',
    example: `- list: shell_binaries
  items: [bash, sh]
- ruel: Shell in container   # rule
  desc: A shell was started in a container
`,
  },
]);

export const unknownItemCheck: Check = {
  name: 'unknown-item',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      if (item.kind !== 'unknown' || !item.map) continue;
      const pairs = item.map.pairs;
      const first = pairs[0];
      let hint = '';
      let fixes: DiagnosticFix[] = [];
      for (const pair of pairs) {
        const found = suggest(pair.keyText, ITEM_KINDS, 3);
        if (pair.keyText !== '' && found.length > 0) {
          hint = ` Did you mean \`${found[0]}\` instead of \`${pair.keyText}\`?`;
          fixes = renameKeyFixes(context.file.syntax.text, pair.keySpan, pair.keyText, found);
          break;
        }
      }
      context.report({
        code: 'unknown-item',
        severity: 'warning',
        span: first ? first.keySpan : item.span,
        message: `This item has no \`rule\`, \`macro\`, \`list\` or \`required_*\` key, so Falco ignores it ('Unknown top level item').${hint}`,
        fixes,
      });
    }
  },
};
