import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-unsafe-value: values that break or split the generated condition', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: comma
            fields: [proc.name, proc.cmdline]
            comps: [=, contains]
            values:
              - ["<|a,b|>", x]
              - [c, <|say "hi" now|>]
          - name: in_list
            fields: [proc.name, fd.directory]
            comps: [=, in]
            values:
              - [d, "<|/a, /b|>"]
              - [e, <|my dir|>]
              - [f, (/c, /d)]
              - [g, [/e, "/f g"]]
          - name: single
            fields: proc.name
            values: [<|x)y|>, "two words", plain]
          - name: fine
            fields: [proc.cmdline, proc.name]
            comps: [startswith, =]
            values:
              - ["perl /usr/bin/updmap", "a b"]
              - ['"quoted, already"', c]
    `),
    ['exception-unsafe-value', 'exception-unsafe-value', 'exception-unsafe-value', 'exception-unsafe-value', 'exception-unsafe-value'],
    { only: ['exception-unsafe-value'] },
  );
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /'proc.name = a,b', which does not parse/);
  assert.match(found[2].message, /list of 2 values, not 1/);
});
