import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-single-field: comps in/pmatch/intersects or a modifier, plain values', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: bad_comp
            fields: ka.target.namespace
            comps: <|contains|>
            values: [ops, ci]
          - name: equals
            fields: proc.name
            comps: <|=|>
            values: [a]
          - name: comps_list
            fields: container.name
            comps: <|[in]|>
            values: [debug-]
          - name: tuple_value
            fields: proc.name
            values: [a, <|[b, c]|>]
          - name: default_in
            fields: proc.name
            values: [a, b]
          - name: pmatch
            fields: fd.name
            comps: pmatch
            values: [/etc]
          - name: modifier
            fields: fd.name
            comps: " startswith oneof "
            values: [/tmp/a, /tmp/b]
      - rule: A
        exceptions:
          - name: replaced
            <|fields: proc.name|>
            values: [a]
        override:
          exceptions: replace
    `),
    ['exception-single-field', 'exception-single-field', 'exception-single-field', 'exception-single-field', 'exception-single-field'],
    { only: ['exception-single-field'] },
  );
  assert.match(found[0].message, /not 'contains'/);
  assert.match(found[2].message, /write 'comps: in'/);
  assert.match(found[4].message, /does not apply the default 'comps: in'/);
});
