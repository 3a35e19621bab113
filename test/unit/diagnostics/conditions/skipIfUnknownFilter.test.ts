import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unknown-field', 'field-wrong-source', 'field-argument', 'invalid-value', 'output-unknown-field', 'unknown-filter-skipped'];

describe('skip-if-unknown-filter', () => {
  test('unknown fields, event types and output tokens become warnings; argument and value errors stay errors', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and <|proc.nme|> = x and <|ka.verb|> = get and evt.type != <|nosuch|>
            and <|evt.argv[1]|> = a and user.uid = <|ten|>
          output: "%<|pooc.name|>"
          priority: INFO
          skip-if-unknown-filter: true
      `),
      ['unknown-filter-skipped', 'unknown-filter-skipped', 'unknown-filter-skipped', 'field-argument', 'invalid-value', 'unknown-filter-skipped'],
      { only },
    );
    assert.deepEqual(found.map((entry) => entry.severity), ['warning', 'warning', 'warning', 'error', 'error', 'warning']);
    assert.match(found[0].message, /skips this rule instead of failing/);
  });

  test('an update inherits the flag of the rule it extends; `false` keeps errors', () => {
    assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          skip-if-unknown-filter: true
        - rule: r
          condition: and <|proc.nme|> = x
          override:
            condition: append
        - rule: s
          desc: d
          condition: evt.type = open and <|proc.nme|> = x
          output: o
          priority: INFO
          skip-if-unknown-filter: false
      `),
      ['unknown-filter-skipped', 'unknown-field'],
      { only },
    );
  });
});

describe('skip-if-unknown-filter through macros', () => {
  test('a macro used only by rules that skip unknown filters gets the warning; one used by another rule the error', () => {
    assertDiagnostics(
      dedent(`
        - macro: inner
          condition: <|proc.nme|> = x
        - macro: outer
          condition: inner and evt.type = open
        - macro: shared
          condition: <|proc.nmx|> = y
        - rule: a
          desc: d
          condition: outer and shared
          output: o
          priority: INFO
          skip-if-unknown-filter: true
        - rule: b
          desc: d
          condition: evt.type = open and shared
          output: o
          priority: INFO
      `),
      ['unknown-filter-skipped', 'unknown-field'],
      { only },
    );
  });
});
