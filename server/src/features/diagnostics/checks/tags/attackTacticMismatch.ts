/**
 * A technique tag whose tactics are none of the rule's tactic tags (T1529 "System Shutdown/Reboot" is Impact,
 * tagged `mitre_discovery`). Only rules with at least one valid tactic tag are checked, per item as written.
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { getPair } from '../../../../syntax/yaml/tree';
import type { DiagnosticFix } from '../../diagnostic';
import { appendToSequence } from '../../fixes/sequenceEdits';
import { tagList, taggedRules } from './shared';

const codes = defineCodes([
  {
    code: 'attack-tactic-mismatch',
    severity: 'warning',
    engineCode: null,
    summary: "A technique tag belongs to none of the ATT&CK tactics the rule's tactic tags name.",
    fix: 'Add a tactic tag of the technique (the message lists them), or tag the technique the rule really detects.',
    example: `- rule: Host rebooted
  desc: d
  condition: evt.type = execve and proc.name = reboot
  output: "reboot by %proc.name"
  priority: NOTICE
  tags: [mitre_discovery, T1529]   # T1529 is an Impact technique
`,
  },
]);

export const attackTacticMismatchCheck: Check = {
  name: 'attack-tactic-mismatch',
  codes,
  itemLocal: true,
  run(context) {
    const attack = context.catalogs.attack;
    const text = context.file.syntax.text;
    for (const { item, tags } of taggedRules(context.file.syntax, context.items, attack)) {
      if (tags.tactics.size === 0) continue;
      const sequence = item.map ? getPair(item.map, 'tags')?.value : undefined;
      const ruleTactics = tags.tacticEntries.map((entry) => `\`${entry.value.trim()}\``).join(', ');
      for (const entry of tags.entries) {
        const tag = entry.tag;
        const technique = tag.kind === 'technique' || tag.kind === 'convention' ? tag.technique : undefined;
        if (!technique || technique.revoked || technique.deprecated || technique.tactics.length === 0) continue;
        if (technique.tactics.some((shortname) => tags.tactics.has(shortname))) continue;
        const fitting = attack.tacticsOf(technique);
        const fixes: DiagnosticFix[] = [];
        for (const tactic of fitting) {
          const change = sequence?.kind === 'seq' ? appendToSequence(text, sequence, tactic.tag) : undefined;
          if (change) fixes.push({ title: `Add the tactic tag ${tactic.tag} (${tactic.name})`, changes: [change], preferred: fitting.length === 1 });
        }
        context.report({
          fixes,
          code: 'attack-tactic-mismatch',
          severity: 'warning',
          span: entry.span,
          message: `\`${technique.id}\` (${technique.name}) belongs to ${fitting.map((tactic) => tactic.name).join(', ')}, not to the rule's tactics (${ruleTactics}). Add ${tagList(fitting.map((tactic) => tactic.tag))}, or check the technique.`,
        });
      }
    }
  },
};
