/**
 * `mitre_<x>` tags where x is no ATT&CK tactic shortname, and `TA####` tags that are no tactic ID. Four
 * `mitre_*` topic tags of the upstream rules get an information only (falco-language.md §10.2).
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { replaceSpan } from '../../fixes/sequenceEdits';
import { suggest } from '../../suggest';
import { tagList, taggedRules, UPSTREAM_TOPIC_TAGS } from './shared';

const codes = defineCodes([
  {
    code: 'unknown-attack-tactic',
    severity: 'warning',
    engineCode: null,
    summary: 'A `mitre_*` tag names no ATT&CK tactic, or a `TA####` tag is no ATT&CK tactic ID.',
    fix: 'Write the tactic as `mitre_` followed by its shortname with underscores (`mitre_privilege_escalation`), or a tactic ID that exists (`TA0004`).',
    example: `- rule: Setuid binary run
  desc: d
  condition: evt.type = execve and proc.name = sudo
  output: "setuid %proc.name"
  priority: NOTICE
  tags: [mitre_privilege_escalaton, T1548.003]   # mitre_privilege_escalation
`,
  },
]);

export const unknownAttackTacticCheck: Check = {
  name: 'unknown-attack-tactic',
  codes,
  itemLocal: true,
  run(context) {
    const attack = context.catalogs.attack;
    const tacticTags = attack.tactics().map((tactic) => tactic.tag);
    for (const { tags } of taggedRules(context.file.syntax, context.items, attack)) {
      for (const entry of tags.entries) {
        const tag = entry.tag;
        if (tag.kind === 'tactic-id' && !tag.tactic) {
          const ids = attack.tactics().map((tactic) => tactic.id);
          context.report({
            code: 'unknown-attack-tactic',
            severity: 'warning',
            span: entry.span,
            message: `\`${tag.id}\` is not a tactic of MITRE ATT&CK Enterprise ${attack.version}. Tactic IDs are ${tagList([...ids].sort())}.`,
          });
        } else if (tag.kind === 'unknown-tactic-tag') {
          const written = entry.value.trim();
          if (UPSTREAM_TOPIC_TAGS.has(written)) {
            context.report({
              code: 'unknown-attack-tactic',
              severity: 'information',
              span: entry.span,
              message: `\`${written}\` is no ATT&CK tactic (upstream rules use it as a topic tag): tools that read \`mitre_*\` tags as tactics skip it, so tag the rule's tactic as well.`,
            });
            continue;
          }
          const guess = suggest(written.toLowerCase(), tacticTags, 1)[0];
          context.report({
            code: 'unknown-attack-tactic',
            severity: 'warning',
            span: entry.span,
            message: `\`${written}\` names no ATT&CK tactic.${guess ? ` Did you mean \`${guess}\`?` : ` Tactic tags are ${tagList(tacticTags)}.`}`,
            fixes: guess ? [{ title: `Change to ${guess}`, changes: [replaceSpan(entry.span, guess)], preferred: true }] : [],
          });
        }
      }
    }
  },
};
