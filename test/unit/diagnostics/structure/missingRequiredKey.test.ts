import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['missing-required-key'];

describe('missing-required-key', () => {
  test('rules, macros and lists without their required keys are reported at the name', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: <|my_list|>
        - macro: <|my_macro|>
        - rule: <|<|No output|>|>
          condition: evt.type = open
          priority: INFO
      `),
      ['missing-required-key', 'missing-required-key', 'missing-required-key', 'missing-required-key'],
      { only },
    );
    assert.match(found[0].message, /`items`/);
    assert.match(found[1].message, /`condition`/);
    // The engine's order: output first, then desc.
    assert.match(found[2].message, /no `output` key/);
    assert.match(found[3].message, /no `desc` key/);
    assert.equal(found[3].severity, 'error');
  });

  test('a misspelled key takes the diagnostic', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: R
          <|descr|>: text
          condition: evt.type = open
          output: o
          priority: INFO
      `),
      ['missing-required-key'],
      { only },
    );
    assert.match(found[0].message, /`descr` a misspelling of `desc`/);
  });

  test('a rule with none of the body keys needs enabled', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: R
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
        - rule: <|R|>
          tags: [extra]
        - rule: R
          enabled: false
      `),
      ['missing-required-key'],
      { only },
    );
    assert.match(found[0].message, /`enabled`/);
  });

  test('updates need no body keys', () => {
    assertDiagnostics(
      dedent(`
        - list: l
          items: [a]
        - macro: m
          condition: proc.name in (l)
        - rule: R
          desc: d
          condition: m
          output: o
          priority: INFO
        - rule: R
          condition: and proc.pid > 0
          override:
            condition: append
        - rule: R
          condition: or proc.pid = 1
          append: true
        - list: l
          items: [b]
          append: true
      `),
      [],
      { only },
    );
  });

  test('plugin requirements need name and version', () => {
    assertDiagnostics(
      dedent(`
        - required_plugin_versions:
            - <|version|>: 0.1.0
            - name: <|k8saudit|>
              alternatives:
                - name: <|k8saudit-eks|>
            - name: json
              version: 0.7.0
      `),
      ['missing-required-key', 'missing-required-key', 'missing-required-key'],
      { only },
    );
  });
});

describe('rules files whose items do not start with their kind key', () => {
  test(
    'a file is recognised even when no item starts with `- rule:`/`- macro:`/`- list:`',
    () => {
      assertDiagnostics(
        dedent(`
          - condition: proc.name = x
            macro: m
          - priority: INFO
            condition: m
            output: o
            rule: <|No desc|>
        `),
        ['missing-required-key'],
        { only },
      );
    },
  );
});
