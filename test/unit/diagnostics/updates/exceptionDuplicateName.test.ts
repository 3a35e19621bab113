import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-duplicate-name: the repeated name, pointing at the first', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: ci_runners
            fields: proc.name
            values: [a]
          - name: other
            fields: proc.name
            values: [b]
          - name: <|ci_runners|>
            fields: proc.exepath
            values: [/bin/c]
      - rule: A
        exceptions:
          - name: ci_runners
            values: [d]
        override:
          exceptions: append
    `),
    ['exception-duplicate-name'],
    { only: ['exception-duplicate-name'] },
  );
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].diagnostic.relatedInformation?.length, 1);
});
