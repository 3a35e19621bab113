/**
 * `append: true` is deprecated since Falco 0.37 (`LOAD_DEPRECATED_ITEM`): `override:` names each key with its
 * operation. The message gives the `override` entries that do the same (falco-language.md §2.2); the quick
 * fixes write them (fixes/migrateAppend.ts).
 */
import { getPair } from '../../../../syntax/yaml/tree';
import type { RulesItem } from '../../../../syntax/rulesFile';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { migrateAppendFixes } from '../../fixes/migrateAppend';
import { isNamedKind } from './updateFacts';

const codes = defineCodes([
  {
    code: 'deprecated-append',
    severity: 'warning',
    engineCode: 'LOAD_DEPRECATED_ITEM',
    summary: "An item uses the legacy 'append: true' key instead of 'override'.",
    fix: 'Remove `append: true` and add an `override:` mapping that names each appended key, e.g. `override: {condition: append}`.',
    example: '- macro: shell_procs\n  condition: or proc.name = fish\n  append: true\n',
    quickFix:
      'Replaces `append: true` by `override:` with `<key>: append` for each key the legacy append used; for a rule with keys the legacy append ignored, either removes them (same behaviour) or lists them too (tags appended, the others replaced).',
  },
]);

/** Keys a legacy append takes from the item, per kind (a rule append only uses condition and exceptions). */
const APPENDED_KEYS = { list: ['items'], macro: ['condition'], rule: ['condition', 'exceptions'] } as const;
const IGNORED_RULE_KEYS = ['output', 'desc', 'priority', 'tags', 'enabled', 'warn_evttypes', 'skip-if-unknown-filter', 'capture', 'capture_duration'];

function replacement(item: RulesItem & { kind: 'list' | 'macro' | 'rule' }): string {
  const map = item.map!;
  const present = APPENDED_KEYS[item.kind].filter((key) => getPair(map, key));
  const keys = present.length > 0 ? present : [APPENDED_KEYS[item.kind][0]];
  return keys.map((key) => `${key}: append`).join(', ');
}

export const deprecatedAppendCheck: Check = {
  name: 'deprecated-append',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (!item.legacyAppend || !isNamedKind(item)) continue;
      const pair = getPair(item.map, 'append');
      if (!pair) continue;
      let message = `'append: true' is deprecated. Remove it and add 'override: {${replacement(item)}}' instead.`;
      if (item.kind === 'rule') {
        const ignored = IGNORED_RULE_KEYS.filter((key) => getPair(item.map, key));
        if (ignored.length > 0) {
          const list = ignored.map((key) => `'${key}'`).join(', ');
          message += ` A legacy rule append ignores ${list}; with 'override' they can be appended or replaced.`;
        }
      }
      const fixes = migrateAppendFixes(context.file.syntax, item, pair);
      context.report({ code: 'deprecated-append', message, span: pair.span, severity: 'warning', tags: ['deprecated'], fixes });
    }
  },
};
