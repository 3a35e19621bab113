import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unused-list'];

describe('unused-list', () => {
  test('lists used anywhere in conditions, exceptions or other lists are used', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: in_rule
          items: [bash]
        - list: inner
          items: [sh]
        - list: <|outer_unused|>
          items: [inner, zsh]
        - list: as_text_macro
          items: [evt.type=open]
        - list: in_exception
          items: [root]
        - list: in_unused_macro
          items: [x]
        - list: <|never_used|>
          items: [a]
        - list: "<|my list|>"
          items: [b]
        - macro: unused_macro
          condition: proc.name in (in_unused_macro)
        - rule: r
          desc: d
          condition: as_text_macro and proc.name in (in_rule)
          output: o
          priority: INFO
          exceptions:
            - name: e
              fields: [user.name]
              values: [in_exception]
      `),
      ['unused-list', 'unused-list', 'unused-list'],
      { only, ignore: [] },
    );
    assert.deepEqual(
      found.map((entry) => entry.text),
      ['outer_unused', 'never_used', 'my list'],
    );
    assert.equal(found[0].severity, 'warning');
    assert.match(found[2].message, /Use it or remove it/);
  });

  test('a list used by a later file is used', () => {
    const fixture =
      '#- falco_rules.yaml\n- list: shells\n  items: [bash]\n' +
      '#- custom.yaml\n- rule: r\n  desc: d\n  condition: evt.type = execve and proc.name in (shells)\n  output: o\n  priority: INFO\n';
    assertDiagnostics(fixture, [], { only, file: 'falco_rules.yaml' });
  });
});
