/**
 * A rule that names an ATT&CK tactic but no technique: a hint, since the technique ID is what ATT&CK
 * tooling maps. Items that append tags are left alone (the rule's techniques may be in its definition).
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { taggedRules } from './shared';

const codes = defineCodes([
  {
    code: 'attack-tactic-without-technique',
    severity: 'hint',
    engineCode: null,
    summary: 'A rule has an ATT&CK tactic tag but no technique ID tag.',
    fix: 'Add the ID of the technique the rule detects (`T1059`, or a sub-technique such as `T1059.004`).',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: NOTICE
  tags: [mitre_execution]   # add T1059.004
`,
  },
]);

export const attackTacticWithoutTechniqueCheck: Check = {
  name: 'attack-tactic-without-technique',
  codes,
  itemLocal: true,
  run(context) {
    const attack = context.catalogs.attack;
    for (const { tags } of taggedRules(context.file.syntax, context.items, attack)) {
      if (tags.appends || tags.hasTechnique || tags.tacticEntries.length === 0) continue;
      const first = tags.tacticEntries[0];
      context.report({
        code: 'attack-tactic-without-technique',
        severity: 'hint',
        span: first.span,
        message: `The rule names the ATT&CK tactic \`${first.value.trim()}\` but no technique; add the technique ID it detects (e.g. \`T1059\`) so ATT&CK tools can map the rule.`,
      });
    }
  },
};
