import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';

const only = ['unknown-attack-tactic'];

const rule = (name: string, tags: string) => `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: ${tags}\n`;

describe('unknown-attack-tactic', () => {
  test('mitre_ tags that name no tactic, with a did-you-mean', () => {
    const found = assertDiagnostics(
      rule('A', '[<|mitre_privilege_escalaton|>, T1548]') + rule('B', '[<|mitre_lateral|>, <|mitre_foo_bar_baz|>]'),
      ['unknown-attack-tactic', 'unknown-attack-tactic', 'unknown-attack-tactic'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    assert.match(found[0].message, /Did you mean `mitre_privilege_escalation`\?/);
    assert.match(found[2].message, /Tactic tags are `mitre_reconnaissance`, .* or `mitre_impact`/);
  });

  test('tactic IDs that do not exist', () => {
    const found = assertDiagnostics(rule('A', '[TA0002, <|TA0099|>, TA0040]'), ['unknown-attack-tactic'], { only });
    assert.match(found[0].message, /`TA0099` is not a tactic of MITRE ATT&CK Enterprise 18\.1\. Tactic IDs are `TA0001`, .*`TA0043`/);
  });

  test("the upstream rules' topic tags are information only", () => {
    const found = assertDiagnostics(
      rule('A', '[mitre_discovery, <|mitre_port_knocking|>, <|mitre_remote_service|>]') + rule('B', '[<|mitre_remote_access_tools|>, "<|mitre_data_destruction|>"]'),
      ['unknown-attack-tactic', 'unknown-attack-tactic', 'unknown-attack-tactic', 'unknown-attack-tactic'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'information'));
  });

  test('valid tactic tags and other spellings are not reported here', () => {
    assertDiagnostics(
      rule('A', '[mitre_execution, mitre_command_and_control, TA0011, mitre-impact, MITRE_EXECUTION, mitre_attack_T1059, maturity_stable, impact]'),
      [],
      { only },
    );
  });
});
