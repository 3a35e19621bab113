// Quick fixes of the ATT&CK tag diagnostics: each fixture is the file before (cursor on the tag), the action's
// title and the file after; the helper also checks the diagnostic is gone and nothing new appeared.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix } from '../../../helpers/fixes';

const rule = (tags: string) => `- rule: Host rebooted
  desc: d
  condition: evt.type = execve and proc.name = reboot
  output: "reboot by %proc.name"
  priority: NOTICE
${tags}`;

describe('ATT&CK quick fixes', () => {
  test('a technique whose tactic is missing: add the tactic tag (flow sequence)', () => {
    assertFix(rule('  tags: [mitre_discovery, <|>T1529]   # keep me'), 'Add the tactic tag mitre_impact (Impact)', rule('  tags: [mitre_discovery, T1529, mitre_impact]   # keep me'));
  });
  test('the same in a block sequence, after the trailing comment of the last entry', () => {
    assertFix(
      rule('  tags:\n    - mitre_discovery\n    - <|>T1529  # reboot\n  enabled: true'),
      'Add the tactic tag mitre_impact (Impact)',
      rule('  tags:\n    - mitre_discovery\n    - T1529  # reboot\n    - mitre_impact\n  enabled: true'),
    );
  });
  test('a technique with several tactics offers one fix per tactic, none preferred', () => {
    const { actions } = actionsAt(rule('  tags: [mitre_discovery, <|>T1053]'));
    assert.deepEqual(
      actions.map((action) => [action.title, action.isPreferred]),
      [
        ['Add the tactic tag mitre_execution (Execution)', false],
        ['Add the tactic tag mitre_persistence (Persistence)', false],
        ['Add the tactic tag mitre_privilege_escalation (Privilege Escalation)', false],
      ],
    );
  });
  test('another convention: converted in place, quotes kept', () => {
    assertFix(rule('  tags: [mitre_impact, "<|>technique=T1529"]'), 'Write T1529', rule('  tags: [mitre_impact, "T1529"]'));
    assertFix(rule('  tags: [<|>tactic=impact, T1529]'), 'Write mitre_impact', rule('  tags: [mitre_impact, T1529]'));
  });
  test('a revoked technique: its replacement', () => {
    assertFix(rule('  tags: [mitre_execution, <|>T1086]'), 'Replace with T1059.001 (PowerShell)', rule('  tags: [mitre_execution, T1059.001]'));
  });
  test('a misspelled tactic tag: the nearest tactic', () => {
    assertFix(rule('  tags: [<|>mitre_impakt, T1529]'), 'Change to mitre_impact', rule('  tags: [mitre_impact, T1529]'));
  });
  test('no action where nothing is wrong', () => {
    assert.deepEqual(actionsAt(rule('  tags: [mitre_impact, <|>T1529]')).actions, []);
  });
});
