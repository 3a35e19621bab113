/**
 * Keys that are not valid for the item's kind: the engine warns "Unknown key … The key will be ignored" (0.44+).
 * The kind is decided by the first kind key in the engine's order, so the kind key of another kind in the same
 * item (`macro:` next to `required_engine_version:`) is itself an unknown key (falco-language.md §1.2, §1.4–§1.8).
 */
import { ITEM_KEYS, ITEM_KINDS, type ItemKind } from '../../../../syntax/itemKeys';
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { renameKeyFixes } from '../../fixes/didYouMean';
import { suggest } from '../../suggest';
import { checkedItems, missingRequiredKeys, misspelledKey } from './shared';

const codes = defineCodes([
  {
    code: 'unknown-key',
    severity: 'warning',
    engineCode: 'LOAD_UNKNOWN_KEY',
    summary: 'A key is not valid for the item kind, so Falco ignores it.',
    fix: 'Correct the spelling of the key (the message suggests the closest one) or remove it; keep notes in YAML comments.',
    quickFix: 'Renames the key to each of the closest keys of the item kind that the item does not already have.',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: NOTICE
  tag: [shell]   # tags
`,
  },
]);

function explain(item: RulesItem, kind: ItemKind, key: string): string {
  if ((ITEM_KINDS as readonly string[]).includes(key)) {
    const decidedBy = item.kindPair?.keyText ?? kind;
    return ` The item is read as a \`${kind}\` item because of its \`${decidedBy}\` key, so \`${key}\` and the keys that go with it are ignored; split it into two items.`;
  }
  const found = suggest(key, ITEM_KEYS[kind], 1);
  if (found.length > 0) return ` Did you mean \`${found[0]}\`?`;
  const owners = ITEM_KINDS.filter((other) => other !== kind && ITEM_KEYS[other].includes(key));
  if (owners.length > 0) return ` \`${key}\` belongs to ${owners.map((owner) => `\`${owner}\``).join(' and ')} items.`;
  return '';
}

export const unknownKeyCheck: Check = {
  name: 'unknown-key',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      const map = item.map;
      const kind = item.kind;
      if (!map || kind === 'unknown' || kind === 'invalid') continue;
      const valid = ITEM_KEYS[kind];
      // A misspelling of a missing required key is reported as the missing key, an error.
      const typos = new Set(missingRequiredKeys(item).map((key) => misspelledKey(item, key)));
      for (const pair of map.pairs) {
        if (!pair.key || pair.key.kind !== 'scalar' || valid.includes(pair.keyText) || typos.has(pair)) continue;
        const label = kind === 'rule' || kind === 'macro' || kind === 'list' ? `a ${kind}` : `a \`${kind}\` item`;
        // A rename into a key the item already has would only trade this warning for a duplicate key.
        const suggestions = (ITEM_KINDS as readonly string[]).includes(pair.keyText) ? [] : suggest(pair.keyText, valid, 3).filter((key) => !getPair(map, key));
        context.report({
          code: 'unknown-key',
          severity: 'warning',
          span: pair.keySpan,
          message: `\`${pair.keyText}\` is not a key of ${label}; Falco ignores it ('Unknown key').${explain(item, kind, pair.keyText)}`,
          fixes: renameKeyFixes(context.file.syntax.text, pair.keySpan, pair.keyText, suggestions),
        });
      }
    }
  },
};
