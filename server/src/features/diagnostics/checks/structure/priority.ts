/**
 * Rule priorities. The engine matches the eight priority names case-insensitively, plus `info` for
 * INFORMATIONAL, and fails with "Invalid priority" on anything else. The JSON schema only lists UPPERCASE
 * spellings, so other spellings load but fail the schema: an information of our own
 * (falco-language.md §1.9, §9).
 */
import { OVERRIDE_KEYS, PRIORITIES, canonicalPriority } from '../../../../syntax/itemKeys';
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { changeToFixes } from '../../fixes/didYouMean';
import { suggest } from '../../suggest';
import { checkedItems, nonNullScalar, overriddenKeys, ruleShape } from './shared';

const codes = defineCodes([
  {
    code: 'invalid-priority',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: 'A rule priority is not one of the priority names.',
    fix: 'Use a priority name: EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL (or INFO) or DEBUG.',
    quickFix: 'Changes the value to each of the closest priority names (`WARN` to `WARNING`).',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: CRIT   # CRITICAL
`,
  },
  {
    code: 'priority-case',
    severity: 'information',
    engineCode: null,
    summary: 'A rule priority is accepted by the engine but is not written in the UPPERCASE spelling the rules schema expects.',
    fix: 'Write the priority in UPPERCASE (`WARNING`).',
    quickFix: 'Writes the priority in UPPERCASE.',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: Warning   # WARNING
`,
  },
]);

/** Spellings the schema accepts (the engine also accepts them in any case). */
const schemaPriorities = [...PRIORITIES, 'INFO'];

export const priorityCheck: Check = {
  name: 'priority',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      const map = item.map;
      if (item.kind !== 'rule' || !map) continue;
      const shape = ruleShape(map);
      if (shape !== 'define' && !(shape === 'override' && overriddenKeys(map, OVERRIDE_KEYS.rule).has('priority'))) continue;
      const value = nonNullScalar(getPair(map, 'priority')?.value);
      // Null and empty values are reported by the value-types check.
      if (!value || value.value === '') continue;
      const written = value.value;
      if (canonicalPriority(written) === undefined) {
        const candidates = suggest(written.toUpperCase(), schemaPriorities, 3);
        const prefix = schemaPriorities.find((name) => written.length >= 2 && name.startsWith(written.toUpperCase()));
        const guess = candidates[0] ?? prefix;
        context.report({
          code: 'invalid-priority',
          severity: 'error',
          span: value.span,
          message: `\`${written}\` is not a priority ('Invalid priority'). Use one of ${PRIORITIES.join(', ')}.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
          fixes: changeToFixes(context.file.syntax.text, value.span, written, prefix ? [...candidates, prefix] : candidates),
        });
      } else if (!schemaPriorities.includes(written)) {
        context.report({
          code: 'priority-case',
          severity: 'information',
          span: value.span,
          message: `Falco accepts \`${written}\`, but the rules schema only lists UPPERCASE priorities (\`falco -V\` reports a schema warning). Write \`${written.toUpperCase()}\`.`,
          fixes: changeToFixes(context.file.syntax.text, value.span, written, [written.toUpperCase()]),
        });
      }
    }
  },
};
