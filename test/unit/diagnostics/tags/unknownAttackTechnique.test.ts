import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unknown-attack-technique'];

const rule = (name: string, tags: string) => `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: ${tags}\n`;

describe('unknown-attack-technique', () => {
  test('technique IDs ATT&CK does not have, in flow and block lists', () => {
    const found = assertDiagnostics(
      rule('A', '[mitre_execution, <|T9999|>, T1059.004]') +
        rule('B', '[mitre_execution, "<|T1059.099|>"]') +
        dedent(`
          - rule: C
            desc: d
            condition: evt.type = open
            output: o
            priority: INFO
            tags:
              - mitre_execution
              - <|T1000|>
              - 'T1059'
        `),
      ['unknown-attack-technique', 'unknown-attack-technique', 'unknown-attack-technique'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    assert.match(found[0].message, /`T9999` is not a technique of MITRE ATT&CK Enterprise 18\.1/);
    assert.match(found[1].message, /`T1059` \(Command and Scripting Interpreter\) has no sub-technique `\.099`/);
  });

  test('valid IDs, other tags and odd values are left alone', () => {
    assertDiagnostics(
      rule('A', '[T1059, T1059.004, T1611, TA0002, mitre_execution, T12345, T123, PCI_DSS_10.2.5, NIST_800-53_AC-2, ~, 42]') +
        rule('B', 'T9999') +
        rule('C', '') +
        '- macro: m\n  condition: evt.type = open\n  tags: [T9999]\n',
      [],
      { only },
    );
  });

  test('tags of override items are checked as written', () => {
    assertDiagnostics(
      rule('A', '[T1059]') + '- rule: A\n  tags: [<|T9998|>]\n  override:\n    tags: append\n',
      ['unknown-attack-technique'],
      { only },
    );
  });
});
