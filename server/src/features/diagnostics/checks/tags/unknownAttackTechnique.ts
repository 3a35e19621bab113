/**
 * Tags shaped like an ATT&CK technique or sub-technique ID (`T1059`, `T1059.004`) that the bundled ATT&CK
 * Enterprise release does not have. The engine ignores tags; tools that map rules to ATT&CK do not
 * (falco-language.md §10.2).
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { taggedRules } from './shared';

const codes = defineCodes([
  {
    code: 'unknown-attack-technique',
    severity: 'warning',
    engineCode: null,
    summary: 'A tag is shaped like an ATT&CK technique ID, but ATT&CK Enterprise has no technique with that ID.',
    fix: 'Look the technique up on attack.mitre.org and tag its ID (`T1059`, or `T1059.004` for a sub-technique).',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: NOTICE
  tags: [mitre_execution, T1095.004]   # T1059.004
`,
  },
]);

export const unknownAttackTechniqueCheck: Check = {
  name: 'unknown-attack-technique',
  codes,
  itemLocal: true,
  run(context) {
    const attack = context.catalogs.attack;
    for (const { tags } of taggedRules(context.file.syntax, context.items, attack)) {
      for (const entry of tags.entries) {
        const tag = entry.tag;
        if (tag.kind !== 'technique' || tag.technique) continue;
        const dot = tag.id.indexOf('.');
        const parent = dot > 0 ? attack.technique(tag.id.slice(0, dot)) : undefined;
        const detail = parent
          ? `\`${parent.id}\` (${parent.name}) has no sub-technique \`${tag.id.slice(dot)}\`; tag \`${parent.id}\` or one of its sub-techniques.`
          : 'Check the ID on attack.mitre.org.';
        context.report({
          code: 'unknown-attack-technique',
          severity: 'warning',
          span: entry.span,
          message: `\`${tag.id}\` is not a technique of MITRE ATT&CK Enterprise ${attack.version}. ${detail}`,
        });
      }
    }
  },
};
