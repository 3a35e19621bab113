import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-unknown-field: fields of the rule source, arguments and transformers', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: typo
            fields: [proc.name, <|proc.pnqme|>]
            values: [[a, b]]
          - name: single
            fields: <|fd.ciip|>
            values: [a]
          - name: other_source
            fields: [<|ka.user.name|>]
            values: [[a]]
          - name: fine
            fields: [tolower(proc.name), "proc.aname[2]", evt.arg.flags, container.name]
            values: [[a, b, c, d]]
          - name: bad_transformer
            fields: [tolower(<|proc.nam|>)]
            values: [[a]]
          - name: not_an_expression
            fields: [<|proc name|>]
            values: [[a]]
      - rule: K
        desc: d
        condition: ka.verb = create
        output: o %ka.user.name
        priority: WARNING
        source: k8s_audit
        exceptions:
          - name: ka
            fields: [ka.user.name, <|ksa.target.namespace|>]
            values: [[a, b]]
      - rule: K
        exceptions:
          - name: appended
            fields: [ka.target.namespace]
            values: [[c]]
        override:
          exceptions: append
    `),
    ['exception-unknown-field', 'exception-unknown-field', 'exception-unknown-field', 'exception-unknown-field', 'exception-unknown-field', 'exception-unknown-field'],
    { only: ['exception-unknown-field'] },
  );
  assert.match(found[0].message, /'proc.pnqme' is not a supported filter field\. Did you mean `proc.pname`\?/);
  assert.match(found[2].message, /belongs to 'k8s_audit'/);
});

test('exception-unknown-field: plugin fields need their plugin; unloaded sources are not checked', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: container
            fields: [<|container.name|>]
            values: [[a]]
      - rule: K
        desc: d
        condition: ka.verb = create
        output: o %ka.user.name
        priority: WARNING
        source: k8s_audit
        exceptions:
          - name: ka
            fields: [ka.nosuch]
            values: [[a]]
    `),
    ['exception-unknown-field'],
    { only: ['exception-unknown-field'], analysis: { plugins: [] } },
  );
  assert.match(found[0].message, /container plugin, which is not loaded/);
});
