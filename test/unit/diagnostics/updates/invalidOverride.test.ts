import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const base = dedent(`
  - list: shells
    items: [bash]
  - macro: m
    condition: proc.name = a
  - rule: R
    desc: d
    condition: evt.type = open
    output: o %proc.name
    priority: WARNING
`);

describe('invalid-override', () => {
  test('operations and keys that the item kind does not accept', () => {
    const found = assertDiagnostics(
      base + dedent(`
        - rule: R
          capture: true
          override:
            <|capture|>: append
        - rule: R
          override:
            <|rule|>: replace
        - list: shells
          items: [x]
          condition: proc.name = x
          override:
            items: append
            <|condition|>: append
        - rule: R
          priority: ERROR
          override:
            <|priority|>: append
        - rule: R
          condition: and proc.name = x
          override:
            condition: <|add|>
        - macro: m
          condition: or proc.name = b
          override:
            <|conditon|>: append
      `),
      ['invalid-override', 'invalid-override', 'invalid-override', 'invalid-override', 'invalid-override', 'invalid-override'],
      { only: ['invalid-override'] },
    );
    assert.match(found[0].message, /'capture' can only be replaced.*Write 'capture: replace'/);
    assert.match(found[1].message, /'rule' cannot be replaced by an override/);
    assert.match(found[2].message, /can only name 'items'/);
    assert.match(found[4].message, /'add' is not an override operation for 'condition'/);
    assert.match(found[5].message, /Did you mean `condition`\?/);
  });

  test('a rule must have each key it lists, and list each overridable key it has', () => {
    const found = assertDiagnostics(
      base + dedent(`
        - rule: R
          condition: and not proc.name = x
          override:
            condition: append
            <|desc|>: append
        - rule: R
          condition: and not proc.name = x
          <|priority|>: ERROR
          source: syscall
          override:
            condition: append
      `),
      ['invalid-override', 'invalid-override'],
      { only: ['invalid-override'] },
    );
    assert.match(found[0].message, /no 'desc' key/);
    assert.match(found[1].message, /'priority' is set but 'override' has no entry for it.*'priority: replace'/);
  });

  test('override that is not a mapping, or empty', () => {
    assertDiagnostics(
      base + dedent(`
        - list: shells
          items: [x]
          override: <|append|>
        - macro: m
          condition: or proc.name = c
          <|override|>: {}
      `),
      ['invalid-override', 'invalid-override'],
      { only: ['invalid-override'] },
    );
  });

  test('valid overrides get nothing, mixed operations included', () => {
    assertDiagnostics(
      base + dedent(`
        - rule: R
          desc: more words
          condition: and not proc.name = x
          enabled: false
          tags: [a]
          exceptions:
            - name: e
              fields: proc.name
              values: [x]
          override:
            desc: replace
            condition: append
            enabled: replace
            tags: append
            exceptions: append
        - list: shells
          items: [zsh]
          override:
            items: replace
        - macro: m
          condition: proc.name = z
          override:
            condition: replace
      `),
      [],
      { only: ['invalid-override'] },
    );
  });
});
