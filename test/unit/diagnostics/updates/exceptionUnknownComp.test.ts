import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exception-unknown-comp: operators of the condition language, modifiers, and YAML tags', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: prefix
            fields: [proc.name, proc.pname]
            comps: [in, <|prefix|>]
            values: [[a, b]]
          - name: not_in
            fields: [proc.name, proc.pname]
            comps: [in, <|"not in"|>]
            values: [[a, b]]
          - name: tag_in_list
            fields: [proc.name, fd.directory]
            comps: [<|!=|>, startswith]
            values: [[a, b]]
          - name: tag_single
            fields: fd.cip
            comps: <|!=|>
            values: [10.0.0.5]
          - name: typo
            fields: [fd.name]
            comps: [<|startwith|>]
            values: [[/tmp]]
          - name: fine
            fields: [proc.name, fd.name, fd.name, proc.cmdline]
            comps: [" = ", startswith anyof, "!=", contains]
            values: [[a, "(/a, /b)", c, d]]
    `),
    ['exception-unknown-comp', 'exception-unknown-comp', 'exception-unknown-comp', 'exception-unknown-comp', 'exception-unknown-comp'],
    { only: ['exception-unknown-comp'] },
  );
  assert.match(found[0].message, /'prefix' is not a supported comparison operator/);
  assert.match(found[2].message, /read by YAML as a tag/);
  assert.match(found[4].message, /Did you mean `startswith`\?/);
});

test('exception-unknown-comp: modifiers need engine 0.62.0 (Falco 0.44)', () => {
  const found = assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: modifier
            fields: [fd.name]
            comps: [<|startswith anyof|>]
            values: [["(/a, /b)"]]
    `),
    ['exception-unknown-comp'],
    { only: ['exception-unknown-comp'], analysis: { engineVersion: '0.58.0' } },
  );
  assert.match(found[0].message, /needs Falco 0\.44/);
});
