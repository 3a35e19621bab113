import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyTag } from '../../../../server/src/features/diagnostics/checks/tags/shared';
import { createDefaultCatalogs } from '../../../../server/src/semantic/catalogs';
import { assertDiagnostics } from '../../../helpers/diagnostics';

const only = ['attack-tag-convention'];

const rule = (name: string, tags: string) => `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: ${tags}\n`;

describe('attack-tag-convention', () => {
  test('other spellings of tactics and techniques get the Falco spelling', () => {
    const found = assertDiagnostics(
      rule('A', '[<|tactic=impact|>, "<|technique=T1529|>"]') +
        rule('B', '[<|mitre_attack_T1529|>, "<|MITRE:T1529|>", "<|T1529: System Shutdown|>"]') +
        rule('C', '[<|T1562-impair-defenses|>, <|TA0005-defense-evasion|>, <|t1059.004|>]') +
        rule('D', '[<|mitre-privilege-escalation|>, <|MITRE_Execution|>, <|mitre_tactic_lateral_movement|>, "<|tactic: Command and Control|>"]'),
      Array(12).fill('attack-tag-convention'),
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    const spelled = found.map((entry) => /write `([^`]+)`/.exec(entry.message)?.[1]);
    assert.deepEqual(spelled, [
      'mitre_impact',
      'T1529',
      'T1529',
      'T1529',
      'T1529',
      'T1562',
      'TA0005',
      'T1059.004',
      'mitre_privilege_escalation',
      'mitre_execution',
      'mitre_lateral_movement',
      'mitre_command_and_control',
    ]);
    assert.match(found[6].message, /tactic Defense Evasion, also tagged `mitre_defense_evasion`/);
  });

  test('Falco spellings and unrelated tags are fine', () => {
    assertDiagnostics(
      rule('A', '[maturity_stable, host, container, mitre_execution, T1059, T1059.004, TA0002, PCI_DSS_10.2.5, NIST_800-53_CM-7, impact, aws_s3, us-east-0, T12345, CVE-T1234x]'),
      [],
      { only },
    );
  });

  test('classification', () => {
    const attack = createDefaultCatalogs().attack;
    assert.equal(classifyTag(attack, 'mitre_execution').kind, 'tactic-tag');
    assert.equal(classifyTag(attack, 'mitre_port_knocking').kind, 'unknown-tactic-tag');
    assert.equal(classifyTag(attack, 'T1059').kind, 'technique');
    assert.equal(classifyTag(attack, 'TA0002').kind, 'tactic-id');
    assert.equal(classifyTag(attack, 'process').kind, 'other');
    assert.equal(classifyTag(attack, 'ttp-T1059').kind, 'convention');
  });
});
