import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unknown-item'];

describe('unknown-item', () => {
  test('a mapping without a kind key is a warning at its first key, with a did-you-mean', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: a
          items: [x]
        - <|ruel|>: Shell in container
          desc: d
        - <|Macro|>: my_macro
          condition: proc.name = x
        - <|detection|>: something
      `),
      ['unknown-item', 'unknown-item', 'unknown-item'],
      { only },
    );
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /Did you mean `rule`/);
    assert.match(found[1].message, /Did you mean `macro`/);
    assert.doesNotMatch(found[2].message, /Did you mean/);
  });

  test('every kind key is recognised, wherever it is in the item', () => {
    assertDiagnostics(
      dedent(`
        - required_engine_version: 0.50.0
        - required_plugin_versions:
            - name: container
              version: 0.4.0
        - items: [a]
          list: a
        - condition: proc.name in (a)
          macro: m
        - desc: d
          rule: R
          condition: m
          output: o
          priority: INFO
      `),
      [],
      { only },
    );
  });
});
