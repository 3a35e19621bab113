import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';

const only = ['attack-tactic-without-technique'];

const rule = (name: string, tags: string) => `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: ${tags}\n`;

describe('attack-tactic-without-technique', () => {
  test('a tactic tag and no technique: a hint at the first tactic tag', () => {
    const found = assertDiagnostics(
      rule('A', '[host, <|mitre_execution|>, mitre_persistence]') + rule('B', '[<|TA0002|>]'),
      ['attack-tactic-without-technique', 'attack-tactic-without-technique'],
      { only },
    );
    assert.equal(found[0].severity, 'hint');
    assert.match(found[0].message, /names the ATT&CK tactic `mitre_execution` but no technique/);
  });

  test('any technique tag, no tactic, or an append of tags: nothing', () => {
    assertDiagnostics(
      rule('A', '[mitre_execution, T1059]') +
        rule('B', '[mitre_execution, T9999]') +
        rule('C', '[mitre_execution, "MITRE:T1059"]') +
        rule('D', '[host, mitre_port_knocking]') +
        '- rule: A\n  tags: [mitre_persistence]\n  override:\n    tags: append\n',
      [],
      { only },
    );
  });
});
