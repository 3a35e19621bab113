import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';

const only = ['attack-tactic-mismatch'];

const rule = (name: string, tags: string) => `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: ${tags}\n`;

describe('attack-tactic-mismatch', () => {
  test("a technique none of whose tactics the rule names", () => {
    const found = assertDiagnostics(
      rule('A', '[host, mitre_discovery, <|T1529|>]') + rule('B', '[mitre_execution, T1059.004, <|T1611|>]') + rule('C', '[TA0007, <|T1529|>]'),
      ['attack-tactic-mismatch', 'attack-tactic-mismatch', 'attack-tactic-mismatch'],
      { only },
    );
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /`T1529` \(System Shutdown\/Reboot\) belongs to Impact, not to the rule's tactics \(`mitre_discovery`\)\. Add `mitre_impact`/);
    assert.match(found[1].message, /Add `mitre_privilege_escalation`/);
  });

  test('one shared tactic is enough; tactic IDs and other spellings count', () => {
    assertDiagnostics(
      rule('A', '[mitre_persistence, T1546.004]') +
        rule('B', '[mitre_privilege_escalation, T1546.004]') +
        rule('C', '[TA0040, T1529]') +
        rule('D', '[tactic=impact, T1529]') +
        rule('E', '[mitre_impact, "technique=T1529"]'),
      [],
      { only },
    );
  });

  test('no valid tactic tag, unknown or revoked techniques: nothing to compare', () => {
    assertDiagnostics(
      rule('A', '[T1529]') + rule('B', '[mitre_foo, T1529]') + rule('C', '[mitre_discovery, T9999]') + rule('D', '[mitre_discovery, T1002]'),
      [],
      { only },
    );
  });
});
