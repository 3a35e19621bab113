import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['source-mismatch'];

describe('source-mismatch', () => {
  test('a redefinition with another source, explicit or the syscall default', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: R1
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
        - rule: <|R1|>
          desc: d
          condition: ka.verb = create
          output: o
          priority: INFO
          source: k8s_audit
        - rule: <|R1|>
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
      `),
      ['source-mismatch', 'source-mismatch'],
      { only },
    );
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /`syscall`.*`k8s_audit`/);
    assert.equal(found[0].diagnostic.relatedInformation?.length, 1);
  });

  test('updates compare only an explicit source; override only with the condition', () => {
    assertDiagnostics(
      dedent(`
        - rule: R
          desc: d
          condition: ka.verb = create
          output: o
          priority: INFO
          source: k8s_audit
        - rule: R
          condition: and ka.user.name = x
          append: true
        - rule: <|R|>
          condition: and ka.user.name = y
          source: syscall
          append: true
        - rule: <|R|>
          condition: and ka.user.name = z
          source: okta
          override:
            condition: append
        - rule: R
          desc: other
          source: syscall
          override:
            desc: replace
        - rule: R
          enabled: false
      `),
      ['source-mismatch', 'source-mismatch'],
      { only },
    );
  });

  test('across files in load order', () => {
    assertDiagnostics(
      `#- a_rules.yaml\n- rule: R\n  desc: d\n  condition: ka.verb = create\n  output: o\n  priority: INFO\n  source: k8s_audit\n` +
        `#- b_rules.yaml\n- rule: <|R|>\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  source: syscall\n- rule: Other\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n`,
      ['source-mismatch'],
      { only },
    );
  });
});
