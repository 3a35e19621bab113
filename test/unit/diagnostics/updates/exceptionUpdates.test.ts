import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const base = dedent(`
  - rule: R1
    desc: d
    condition: evt.type = open and proc.name = bash
    output: o %proc.name
    priority: WARNING
    exceptions:
      - name: e0
        fields: [proc.name, user.name]
        comps: [=, =]
        values: [[a, b]]
  - rule: R2
    desc: d
    condition: evt.type = open
    output: o %proc.name
    priority: WARNING
`);

test('exception append: existing names take only values, new names need values', () => {
  const found = assertDiagnostics(
    base +
      dedent(`
        - rule: R1
          exceptions:
            - name: e0
              <|fields: [proc.name, user.name]|>
              values: [[c, d]]
            - name: <|e0|>
            - name: e_new
              fields: proc.name
              <|values: []|>
            - name: e_ok
              fields: proc.name
              values: [x]
          override:
            exceptions: append
        - rule: R1
          append: true
          exceptions:
            - name: e0
              <|comps: [=, =]|>
              values: [[e, f]]
      `),
    ['exception-append-fields', 'exception-append-no-values', 'exception-append-new-values', 'exception-append-fields'],
    { only: ['exception-append-fields', 'exception-append-no-values', 'exception-append-new-values', 'exception-replace-no-comps'] },
  );
  assert.equal(found[0].severity, 'error');
  assert.equal(found[1].severity, 'warning');
  assert.match(found[0].message, /only 'values' can be appended/);
});

test('exceptions: replace without comps crashes Falco 0.44 only on a rule without exceptions', () => {
  const found = assertDiagnostics(
    base +
      dedent(`
        - rule: R2
          exceptions:
            - name: local_allow
              <|fields: [proc.name, user.name]|>
              values: [[a, b]]
          override:
            exceptions: replace
        - rule: R1
          exceptions:
            - name: local_allow
              fields: [proc.name, user.name]
              values: [[a, b]]
          override:
            exceptions: replace
        - rule: R2
          exceptions:
            - name: with_comps
              fields: [proc.name, user.name]
              comps: [=, =]
              values: [[a, b]]
          override:
            exceptions: replace
      `),
    ['exception-replace-no-comps'],
    { only: ['exception-append-fields', 'exception-append-no-values', 'exception-append-new-values', 'exception-replace-no-comps'] },
  );
  assert.match(found[0].message, /crashes/);
});
