import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unknown-key'];

describe('unknown-key', () => {
  test('keys that are not valid for the kind are warnings at the key', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: a
          <|author|>: me
          items: [x]
        - macro: m
          condition: proc.name in (a)
          <|notes|>: reviewed
        - rule: R
          desc: d
          condition: m
          output: o
          priority: INFO
          <|tag|>: [x]
          <|items|>: [y]
        - required_engine_version: 0.50.0
          <|foo|>: bar
      `),
      ['unknown-key', 'unknown-key', 'unknown-key', 'unknown-key', 'unknown-key'],
      { only },
    );
    assert.equal(found[0].severity, 'warning');
    assert.match(found[2].message, /Did you mean `tags`/);
    assert.match(found[3].message, /belongs to `list` items/);
  });

  test('kind keys of another kind in the same item are unknown keys', () => {
    const found = assertDiagnostics(
      dedent(`
        - <|macro|>: m
          <|condition|>: proc.name = x
          required_engine_version: 0.50.0
      `),
      ['unknown-key', 'unknown-key'],
      { only },
    );
    assert.match(found[0].message, /`required_engine_version` key/);
  });

  test('every valid key of each kind is accepted; a misspelled required key is left to missing-required-key', () => {
    assertDiagnostics(
      dedent(`
        - required_plugin_versions:
            - name: container
              version: 0.4.0
        - list: a
          items: [x]
          append: false
        - macro: m
          condition: proc.name in (a)
          override:
            condition: replace
        - rule: R
          desc: d
          condition: m
          output: o
          priority: INFO
          source: syscall
          enabled: true
          tags: [a]
          exceptions:
          warn_evttypes: false
          skip-if-unknown-filter: true
          capture: true
          capture_duration: 1000
          append: false
        - rule: R2
          descr: d
          condition: m
          output: o
          priority: INFO
      `),
      [],
      { only },
    );
  });
});
