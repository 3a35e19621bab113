import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-unknown-key: warnings with did-you-mean, and conditions explained', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: e1
            fields: [proc.name]
            <|value|>: [[a]]
          - name: e2
            fields: [proc.cmdline]
            <|ops|>: [startswith]
            values: [["perl /usr/bin/updmap"]]
          - name: e3
            fields: proc.name
            <|condition|>: proc.name = a
          - name: e4
            field: proc.name
            values: [a]
    `),
    ['exception-unknown-key', 'exception-unknown-key', 'exception-unknown-key'],
    { only: ['exception-unknown-key'] },
  );
  assert.match(found[0].message, /Did you mean `values`\? Without values this exception excludes nothing/);
  assert.match(found[1].message, /Did you mean `comps`\?/);
  assert.match(found[2].message, /Exceptions are not conditions/);
  assert.equal(found[0].severity, 'warning');
});
