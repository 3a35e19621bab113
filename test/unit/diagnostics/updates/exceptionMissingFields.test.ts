import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-missing-fields: definitions, replace and new appended names need fields', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: system_users
            <|field|>: [ka.user.name]
            values: [[a]]
          - <|name|>: only_values
            values: [[a]]
          - name: empty
            fields: <|[]|>
          - name: known
            fields: proc.name
            values: [a]
      - rule: A
        exceptions:
          - name: known
            values: [b]
          - <|name|>: brand_new
            values: [c]
        override:
          exceptions: append
      - rule: A
        exceptions:
          - <|name|>: local_allow
            values: [[backup-agent]]
        override:
          exceptions: replace
    `),
    ['exception-missing-fields', 'exception-missing-fields', 'exception-missing-fields', 'exception-missing-fields', 'exception-missing-fields'],
    { only: ['exception-missing-fields'] },
  );
  assert.match(found[0].message, /'field' looks like a misspelling of 'fields'/);
  assert.match(found[3].message, /'brand_new' is a new exception/);
  assert.match(found[4].message, /'exceptions: replace' reads each exception as a full definition/);
});
