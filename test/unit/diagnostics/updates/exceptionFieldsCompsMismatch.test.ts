import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-fields-comps-mismatch: one operator per field', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: three_comps
            fields: [proc.name, proc.pname]
            comps: <|[=, =, in]|>
            values: [[a, b]]
          - name: one_comp
            fields: [container.name, proc.name]
            comps: <|[startswith]|>
            values: [[a, b]]
          - name: scalar_comp
            fields: [proc.name, fd.name]
            comps: <|=|>
            values: [[a, b]]
          - name: default_comps
            fields: [proc.name, fd.name]
            values: [[a, b]]
          - name: matching
            fields: [proc.name, fd.name]
            comps: [in, startswith]
            values: [[a, /tmp]]
    `),
    ['exception-fields-comps-mismatch', 'exception-fields-comps-mismatch', 'exception-fields-comps-mismatch'],
    { only: ['exception-fields-comps-mismatch'] },
  );
  assert.match(found[0].message, /2 fields but 3 comps/);
  assert.match(found[2].message, /\[=, =\]/);
});
