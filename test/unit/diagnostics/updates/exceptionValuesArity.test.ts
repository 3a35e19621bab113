import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-values-arity: tuples of the fields length, also after replace and for appended values', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: tuples
            fields: [proc.name, fd.directory]
            values:
              - [a, [/etc, /var]]
              - <|[builder]|>
              - <|[a, b, c]|>
          - name: scalars
            fields: [proc.name, proc.pname]
            values: <|[my-agent, systemd]|>
          - name: single
            fields: proc.name
            values: [a, b]
      - rule: A
        exceptions:
          - name: tuples
            values:
              - <|[only_one]|>
              - [x, /opt]
        override:
          exceptions: append
      - rule: A
        exceptions:
          - name: e1
            fields: [proc.name, user.name]
            comps: [=, =]
            values:
              - <|[a]|>
        override:
          exceptions: replace
    `),
    ['exception-values-arity', 'exception-values-arity', 'exception-values-arity', 'exception-values-arity', 'exception-values-arity'],
    { only: ['exception-values-arity'] },
  );
  assert.match(found[0].message, /1 value but the exception has 2 fields/);
  assert.match(found[2].message, /must be a tuple like \[<proc.name>, <proc.pname>\]/);
  assert.match(found[3].message, /fields of the existing exception 'tuples'/);
});
