/**
 * A sequence entry that is not a mapping (a scalar or a nested sequence): the engine stops with
 * "Unexpected element type". Null entries are skipped by the engine and by the parser (falco-language.md §1.1).
 */
import { ITEM_KINDS } from '../../../../syntax/itemKeys';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { checkedItems } from './shared';

const codes = defineCodes([
  {
    code: 'invalid-item',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: 'An entry of the rules sequence is not a mapping.',
    fix: 'Write every entry as a mapping, such as `- rule: Name` with its keys indented below it, and remove stray text.',
    example: `- list: shell_binaries
  items: [bash, sh]
- macro   # the colon is missing: "- macro: name"
`,
  },
]);

export const invalidItemCheck: Check = {
  name: 'invalid-item',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      // An alias entry is resolved by yaml-cpp to the anchored node; we cannot tell its shape here.
      if (item.kind !== 'invalid' || item.node.kind === 'alias') continue;
      const node = item.node;
      let hint = 'Each entry must be a mapping such as `- rule: …`, `- macro: …` or `- list: …`.';
      if (node.kind === 'scalar' && (ITEM_KINDS as readonly string[]).includes(node.value.trim())) {
        hint = `Did you forget the colon after \`${node.value.trim()}\`?`;
      }
      const shape = node.kind === 'seq' ? 'a sequence' : 'a single value';
      context.report({
        code: 'invalid-item',
        severity: 'error',
        span: node.span,
        message: `This entry is ${shape}, not a mapping ('Unexpected element type'). ${hint}`,
      });
    }
  },
};
