import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['empty-value', 'wrong-value-type'];

describe('empty-value and wrong-value-type', () => {
  test('null, empty and non-scalar values of a rule definition', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: R
          <|desc:|>
          condition: <|''|>
          output: <|{a: b}|>
          priority: INFO
          <|tags:|>
          exceptions:
      `),
      ['empty-value', 'empty-value', 'wrong-value-type', 'empty-value'],
      { only },
    );
    assert.match(found[0].message, /'Mapping for key is empty'/);
    assert.match(found[1].message, /'Value must be non-empty'/);
    assert.match(found[2].message, /'Value is not a scalar value'/);
    assert.match(found[3].message, /'Value is not a sequence'/);
    assert.equal(found[0].severity, 'error');
  });

  test('sequences: items and tags must be sequences of single values', () => {
    assertDiagnostics(
      dedent(`
        - list: a
          items: <|{x: y}|>
        - list: b
          items: [x, <|[y, z]|>, 443]
        - rule: R
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          tags: <|maturity_stable|>
        - rule: R2
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          tags: [1, true, 2.5]
      `),
      ['wrong-value-type', 'wrong-value-type', 'wrong-value-type'],
      { only },
    );
  });

  test('booleans and capture_duration follow yaml-cpp', () => {
    assertDiagnostics(
      dedent(`
        - rule: R
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          enabled: <|maybe|>
          warn_evttypes: Off
          skip-if-unknown-filter: <|tRUE|>
          capture: YES
          capture_duration: <|-5|>
        - rule: R3
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          enabled: "n"
          capture_duration: 0x10
          append: false
        - macro: m
          condition: evt.type = open
          append: <|1|>
      `),
      ['wrong-value-type', 'wrong-value-type', 'wrong-value-type', 'wrong-value-type'],
      { only },
    );
  });

  test('only the keys the engine reads for the item shape', () => {
    assertDiagnostics(
      dedent(`
        - rule: R
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
        - rule: R
          enabled: <|sometimes|>
        - rule: R
          condition: and proc.pid > 0
          desc:
          append: true
        - rule: R
          desc: <|''|>
          enabled: false
          override:
            desc: replace
            enabled: replace
        - rule: R
          source:
          condition: and proc.pid > 1
          override:
            condition: append
      `),
      ['wrong-value-type', 'empty-value'],
      { only },
    );
  });

  test('source may be empty on updates but not on definitions', () => {
    assertDiagnostics(
      dedent(`
        - rule: R
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          <|source:|>
      `),
      ['empty-value'],
      { only },
    );
  });

  test('required_* items', () => {
    assertDiagnostics(
      dedent(`
        - <|required_engine_version:|>
        - required_plugin_versions:
            - name: <|""|>
              version: 0.1.0
              alternatives:
                - name: x
                  version: <|[1, 2]|>
      `),
      ['empty-value', 'empty-value', 'wrong-value-type'],
      { only },
    );
  });
});
