/**
 * Required keys that are absent: a full rule definition needs condition, output, desc and priority (the engine
 * reports the first missing one in that order), a rule with none of them is the legacy item that needs
 * `enabled`, a macro needs `condition`, a list needs `items`, a plugin requirement needs `name` and `version`
 * (falco-language.md §1.5–§1.8). When an unknown key looks like a misspelling of the missing one, the diagnostic
 * goes on that key; otherwise on the item's name.
 */
import type { RulesItem } from '../../../../syntax/rulesFile';
import type { Span } from '../../../../syntax/span';
import { getPair, type YMap } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { renameKeyFixes } from '../../fixes/didYouMean';
import { addMissingKeysFix } from '../../fixes/requiredKeys';
import { checkedItems, itemLabel, itemNameSpan, missingRequiredKeys, misspelledKey, nonNullScalar } from './shared';

const codes = defineCodes([
  {
    code: 'missing-required-key',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: 'An item lacks a key it must have (rule condition/output/desc/priority, macro condition, list items, plugin name/version).',
    fix: 'Add the key the message names; when the key is present but misspelled, correct its spelling.',
    quickFix: 'Renames a misspelled key; otherwise adds every missing key of the item at once, with placeholders to fill in.',
    example: `- rule: Shell spawned   # no output
  desc: A shell was started
  condition: evt.type = execve and proc.name = bash
  priority: NOTICE
`,
  },
]);

function report(context: CheckContext, span: Span, message: string, fixes?: readonly DiagnosticFix[]): void {
  context.report({ code: 'missing-required-key', severity: 'error', span, message, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
}

function explain(item: RulesItem, key: string, missing: readonly string[]): string {
  if (item.kind === 'macro') return '';
  if (item.kind === 'list') return ' Use `items: []` for an empty list.';
  if (key === 'enabled') {
    return ' It has none of condition, output, desc or priority, so Falco reads it as the legacy item that only sets `enabled`. Add the missing keys for a definition, or use `override` to change an existing rule.';
  }
  const all = missing.length > 1 ? ` (missing: ${missing.map((name) => `\`${name}\``).join(', ')})` : '';
  return ` A rule definition needs condition, output, desc and priority${all}.`;
}

function checkItem(context: CheckContext, item: RulesItem): void {
  const missing = missingRequiredKeys(item);
  if (missing.length === 0) return;
  const text = context.file.syntax.text;
  const typos = new Map(missing.map((key) => [key, misspelledKey(item, key)]));
  // One fix adds every key that is not there under another spelling (`enabled` is left alone: the item may as
  // well be meant as a definition).
  const absent = missing.filter((key) => !typos.get(key) && key !== 'enabled');
  const add = absent.length > 0 ? addMissingKeysFix(text, item, absent) : undefined;
  // The diagnostics of absent keys share a span: the fix goes on the first, so it is offered once.
  let offered = false;
  for (const key of missing) {
    const typo = typos.get(key);
    const hint = typo ? ` Is \`${typo.keyText}\` a misspelling of \`${key}\`?` : '';
    let fixes: DiagnosticFix[] = [];
    if (typo) fixes = renameKeyFixes(text, typo.keySpan, typo.keyText, [key]);
    else if (add && key !== 'enabled' && !offered) {
      fixes = [add];
      offered = true;
    }
    report(context, typo ? typo.keySpan : itemNameSpan(item), `The ${itemLabel(item)} has no \`${key}\` key ('Item has no mapping for key').${explain(item, key, missing)}${hint}`, fixes);
  }
}

function checkPluginEntry(context: CheckContext, entry: YMap, what: string): void {
  const name = getPair(entry, 'name');
  if (!name) {
    report(context, entry.pairs[0]?.keySpan ?? entry.span, `This ${what} has no \`name\` key ('Item has no mapping for key'). Give the plugin name and its minimum version.`);
    return;
  }
  if (!getPair(entry, 'version')) {
    const nameValue = nonNullScalar(name.value);
    const label = nameValue ? ` for plugin \`${nameValue.value}\`` : '';
    report(context, nameValue?.span ?? name.keySpan, `This ${what}${label} has no \`version\` key ('Item has no mapping for key'). Add the minimum plugin version, e.g. \`version: 0.1.0\`.`);
  }
}

function checkPluginRequirements(context: CheckContext, map: YMap): void {
  const value = getPair(map, 'required_plugin_versions')?.value;
  if (!value || value.kind !== 'seq') return;
  for (const entry of value.items) {
    if (!entry || entry.kind !== 'map') continue;
    checkPluginEntry(context, entry, 'plugin requirement');
    const alternatives = getPair(entry, 'alternatives')?.value;
    if (!alternatives || alternatives.kind !== 'seq') continue;
    for (const alternative of alternatives.items) {
      if (alternative && alternative.kind === 'map') checkPluginEntry(context, alternative, 'alternative');
    }
  }
}

export const missingRequiredKeyCheck: Check = {
  name: 'missing-required-key',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      if (!item.map) continue;
      if (item.kind === 'required_plugin_versions') checkPluginRequirements(context, item.map);
      else checkItem(context, item);
    }
  },
};
