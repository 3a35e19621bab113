/**
 * Technique tags naming an ATT&CK technique that MITRE revoked (merged into another one) or deprecated.
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { replaceSpan } from '../../fixes/sequenceEdits';
import { taggedRules } from './shared';

const codes = defineCodes([
  {
    code: 'deprecated-attack-technique',
    severity: 'warning',
    engineCode: null,
    summary: 'A technique tag names an ATT&CK technique that has been revoked or deprecated.',
    fix: 'Tag the technique that replaced it (the message names it), or a current technique that fits the rule.',
    example: `- rule: Archive created
  desc: d
  condition: evt.type = execve and proc.name = tar
  output: "archive by %proc.name"
  priority: NOTICE
  tags: [mitre_collection, T1002]   # revoked: now T1560
`,
  },
]);

export const deprecatedAttackTechniqueCheck: Check = {
  name: 'deprecated-attack-technique',
  codes,
  itemLocal: true,
  run(context) {
    const attack = context.catalogs.attack;
    for (const { tags } of taggedRules(context.file.syntax, context.items, attack)) {
      for (const entry of tags.entries) {
        const tag = entry.tag;
        if (tag.kind !== 'technique' || !tag.technique) continue;
        const technique = tag.technique;
        if (!technique.revoked && !technique.deprecated) continue;
        const replacement = technique.revokedBy ? attack.technique(technique.revokedBy) : undefined;
        const what = technique.revoked ? 'revoked' : 'deprecated';
        const message = technique.revokedBy
          ? `\`${tag.id}\` (${technique.name}) is ${what} in ATT&CK ${attack.version}: it became \`${technique.revokedBy}\`${replacement ? ` (${replacement.name})` : ''}. Tag \`${technique.revokedBy}\` instead.`
          : `\`${tag.id}\` (${technique.name}) is ${what} in ATT&CK ${attack.version} and has no replacement. Tag a current technique that fits the rule, or drop it.`;
        const fixes = technique.revokedBy ? [{ title: `Replace with ${technique.revokedBy}${replacement ? ` (${replacement.name})` : ''}`, changes: [replaceSpan(entry.span, technique.revokedBy)], preferred: true }] : [];
        context.report({ code: 'deprecated-attack-technique', severity: 'warning', span: entry.span, message, tags: ['deprecated'], fixes });
      }
    }
  },
};
