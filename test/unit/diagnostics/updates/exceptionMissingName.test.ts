import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-missing-name: at the first remaining key, a misspelled name key, or the empty name', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - <|fields|>: [proc.name, fd.name]
            values:
              - [a, b]
          - fields: proc.name
            <|nmae|>: typo
            values: [a]
          - name: <|""|>
            fields: proc.name
          - <|name|>:
            fields: proc.name
          - <|condition|>: proc.name = a
          - name: fine
            fields: proc.name
    `),
    ['exception-missing-name', 'exception-missing-name', 'exception-missing-name', 'exception-missing-name', 'exception-missing-name'],
    { only: ['exception-missing-name'] },
  );
  assert.match(found[0].message, /has no 'name'/);
  assert.match(found[1].message, /'nmae' looks like a misspelling of 'name'/);
  assert.match(found[2].message, /is empty/);
  assert.equal(found[0].severity, 'error');
});
