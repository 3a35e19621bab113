/**
 * ATT&CK tactics and techniques written in another convention than Falco's (`tactic=impact`, `MITRE:T1529`,
 * `T1562-impair-defenses`, `mitre-impact`): the message gives the Falco spelling (falco-language.md §10.2).
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { replaceSpan } from '../../fixes/sequenceEdits';
import { taggedRules } from './shared';

const codes = defineCodes([
  {
    code: 'attack-tag-convention',
    severity: 'warning',
    engineCode: null,
    summary: "An ATT&CK tactic or technique tag is not written in Falco's convention (`mitre_<tactic>`, `T####`, `T####.###`, `TA####`).",
    fix: 'Write tactics as `mitre_` and the tactic shortname with underscores (`mitre_impact`), and techniques as the bare ID (`T1529`).',
    example: `- rule: Host rebooted
  desc: d
  condition: evt.type = execve and proc.name = reboot
  output: "reboot by %proc.name"
  priority: NOTICE
  tags: [tactic=impact, "technique=T1529"]   # mitre_impact, T1529
`,
  },
]);

export const attackTagConventionCheck: Check = {
  name: 'attack-tag-convention',
  codes,
  itemLocal: true,
  run(context) {
    const attack = context.catalogs.attack;
    for (const { tags } of taggedRules(context.file.syntax, context.items, attack)) {
      for (const entry of tags.entries) {
        const tag = entry.tag;
        if (tag.kind !== 'convention') continue;
        const written = entry.value.trim();
        let what: string;
        if (tag.technique) what = ` (technique ${tag.technique.name})`;
        else if (tag.tactic && tag.falco.startsWith('TA')) what = ` (tactic ${tag.tactic.name}, also tagged \`${tag.tactic.tag}\`)`;
        else if (tag.tactic) what = ` (tactic ${tag.tactic.name})`;
        else what = ` (an ID ATT&CK Enterprise ${attack.version} does not have)`;
        context.report({
          code: 'attack-tag-convention',
          severity: 'warning',
          span: entry.span,
          message: `\`${written}\` is not Falco's spelling of an ATT&CK tag: write \`${tag.falco}\`${what}.`,
          fixes: [{ title: `Write ${tag.falco}`, changes: [replaceSpan(entry.span, tag.falco)], preferred: true }],
        });
      }
    }
  },
};
