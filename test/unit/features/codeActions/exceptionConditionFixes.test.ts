// A condition written where an exception belongs: the quick fix on the `condition` key rewrites it as fields,
// comps and values; the refactoring offers the same on the value, or says why it cannot be done.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix, editsByUri, findAction } from '../../../helpers/fixes';
import { diagnosticsOf } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const CONVERT = 'Convert the condition to fields, comps and values';
const REFACTOR = 'Convert condition to exception fields';

const rule = (exceptions: string) => `- rule: Write below var
  desc: d
  condition: evt.type = open and fd.name startswith /var
  output: "write %fd.name by %proc.name"
  priority: WARNING
  exceptions:
${exceptions}`;

describe('condition → fields, comps and values', () => {
  test('a conjunction of comparisons becomes the list form', () => {
    assertFix(
      rule('    - name: dpkg_logs\n      <|>condition: proc.name = rm and fd.name = /var/log/dpkg.log   # from the assistant\n'),
      CONVERT,
      rule('    - name: dpkg_logs\n      fields: [proc.name, fd.name]\n      comps: [=, =]\n      values: [[rm, /var/log/dpkg.log]]   # from the assistant\n'),
    );
  });
  test('without a name: one is added, named after the fields', () => {
    assertFix(
      rule('    - <|>condition: proc.name = rm and fd.name startswith /var/lib/\n'),
      CONVERT,
      rule('    - name: proc_name_fd_name\n      fields: [proc.name, fd.name]\n      comps: [=, startswith]\n      values: [[rm, /var/lib/]]\n'),
    );
    assertFix(
      rule('    - fields: [proc.name]\n      values: [[a]]\n      name: proc_name\n    - owner: x\n      <|>condition: proc.name = b\n'),
      CONVERT,
      rule('    - fields: [proc.name]\n      values: [[a]]\n      name: proc_name\n    - name: proc_name_2\n      owner: x\n      fields: proc.name\n      comps: in\n      values: [b]\n'),
    );
  });
  test('one field compared with = or in: the single-field form', () => {
    assertFix(
      rule('    - name: shells\n      <|>condition: proc.name in (bash, "my shell") or proc.name = zsh\n'),
      CONVERT,
      rule('    - name: shells\n      fields: proc.name\n      comps: in\n      values: [bash, my shell, zsh]\n'),
    );
  });
  test('alternatives of the same comparisons become tuples, in the order of the first', () => {
    assertFix(
      rule('    - name: pairs\n      <|>condition: (proc.name = a and fd.directory in (/var/a, /var/b)) or (fd.directory in (/var/c) and proc.name = b)\n'),
      CONVERT,
      rule('    - name: pairs\n      fields: [proc.name, fd.directory]\n      comps: [=, in]\n      values: [[a, [/var/a, /var/b]], [b, [/var/c]]]\n'),
    );
  });
  test('values the engine would break keep their condition quotes; YAML quoting where needed', () => {
    assertFix(
      rule('    - name: odd\n      <|>condition: proc.cmdline = "run, now" and proc.pname = \'x(1)\' and fd.name = "/var/a b"\n'),
      CONVERT,
      rule('    - name: odd\n      fields: [proc.cmdline, proc.pname, fd.name]\n      comps: [=, =, =]\n      values: [[\'"run, now"\', "\'x(1)\'", /var/a b]]\n'),
    );
  });
  test('a folded condition and a flow mapping entry', () => {
    assertFix(
      rule('    - name: folded\n      <|>condition: >\n        proc.name = a\n        and fd.name = /var/x\n    - name: next\n      fields: proc.name\n      values: [b]\n'),
      CONVERT,
      rule('    - name: folded\n      fields: [proc.name, fd.name]\n      comps: [=, =]\n      values: [[a, /var/x]]\n    - name: next\n      fields: proc.name\n      values: [b]\n'),
    );
    assertFix(
      rule('    - {name: flow, <|>condition: "proc.name = a and proc.pname = b"}\n'),
      CONVERT,
      rule('    - {name: flow, fields: [proc.name, proc.pname], comps: [=, =], values: [[a, b]]}\n'),
    );
  });
  test('a bare condition as an entry', () => {
    assertFix(
      rule('    - <|>proc.name = rm and fd.name = /var/x\n'),
      CONVERT,
      rule('    - name: proc_name_fd_name\n      fields: [proc.name, fd.name]\n      comps: [=, =]\n      values: [[rm, /var/x]]\n'),
    );
  });
  test('other operators, transformers, field arguments; YAML quoting of fields and comps', () => {
    assertFix(
      rule('    - name: e\n      <|>condition: tolower(proc.name) != bash and proc.aname[2] startswith sys and fd.sport >= 1024\n'),
      CONVERT,
      rule("    - name: e\n      fields: [tolower(proc.name), 'proc.aname[2]', fd.sport]\n      comps: ['!=', startswith, '>=']\n      values: [[bash, sys, 1024]]\n"),
    );
    assertFix(
      rule('    - name: e\n      <|>condition: fd.name pmatch (/var/a, /var/b) or fd.name pmatch (/var/c)\n'),
      CONVERT,
      rule('    - name: e\n      fields: fd.name\n      comps: pmatch\n      values: [/var/a, /var/b, /var/c]\n'),
    );
  });
  test('a dollar sign survives the snippet that adds the name', () => {
    const fixture = rule('    - <|>condition: proc.cmdline = "$HOME/run"\n');
    assertFix(fixture, CONVERT, rule('    - name: proc_cmdline\n      fields: proc.cmdline\n      comps: in\n      values: [$HOME/run]\n'));
    const { actions, uri } = actionsAt(fixture, { support: { snippets: true, resolve: false } });
    assert.match(editsByUri(findAction(actions, CONVERT).edit, 'keep').get(uri)?.[0]?.newText ?? '', /values: \[\\\$HOME\/run\]$/);
  });
  test('the conversion is preferred and the name a snippet placeholder', () => {
    const { actions, uri } = actionsAt(rule('    - <|>condition: proc.name = rm\n'), { support: { snippets: true, resolve: false } });
    const action = findAction(actions, CONVERT);
    assert.equal(action.isPreferred, true);
    assert.deepEqual(editsByUri(action.edit, 'keep').get(uri)?.map((edit) => edit.newText), ['name: ${1:proc_name}\n      fields: proc.name\n      comps: in\n      values: [rm]']);
  });
});

describe('conditions an exception cannot express', () => {
  const cases: [string, RegExp][] = [
    ['proc.name = a or fd.name = /var/x', /'or' alternatives do not compare the same fields/],
    ['not proc.name = a', /uses 'not'/],
    ['proc.name = a and my_macro', /uses the macro 'my_macro'/],
    ['proc.name = val(proc.pname)', /compares two fields/],
    ['proc.nmae = a', /'proc.nmae' is not a supported filter field for source 'syscall'/],
    ['proc.name exists', /has no value to compare with/],
    ['proc.name = (a', /does not parse/],
  ];
  for (const [condition, reason] of cases) {
    test(condition, () => {
      const fixture = rule(`    - name: e\n      condition: ${condition}\n`);
      const message = diagnosticsOf(fixture, { only: ['exception-unknown-key'] }).found[0]?.message ?? '';
      assert.match(message, /cannot be written as fields and values because/);
      assert.match(message, reason);
      const onKey = actionsAt(fixture.replace('condition:', '<|>condition:')).actions;
      assert.equal(onKey.some((action) => action.title === CONVERT), false);
      const onValue = actionsAt(fixture.replace(`condition: ${condition}`, `condition: ${condition.slice(0, 3)}<|>${condition.slice(3)}`)).actions;
      const disabled = findAction(onValue, REFACTOR);
      assert.match(disabled.disabled?.reason ?? '', reason);
    });
  }
  test('an append to an existing exception takes values only', () => {
    const fixture = dedent(`
      - rule: R
        desc: d
        condition: evt.type = open
        output: o
        priority: WARNING
        exceptions:
          - name: known
            fields: proc.name
            values: [a]
      - rule: R
        exceptions:
          - name: known
            <|>condition: proc.name = b
        override:
          exceptions: append
    `);
    const { actions } = actionsAt(fixture);
    assert.deepEqual(actions.map((action) => action.title), [REFACTOR]);
    assert.match(actions[0]!.disabled?.reason ?? '', /'known' is an exception the rule already has, and an append can only add values to it/);
  });
});

describe('the refactoring on the condition value', () => {
  test('offered on the value, not on the key where the quick fix is', () => {
    const onValue = actionsAt(rule('    - name: e\n      condition: proc.name = <|>rm\n')).actions;
    assert.deepEqual(onValue.map((action) => [action.title, action.kind]), [[REFACTOR, 'refactor.rewrite']]);
    const onKey = actionsAt(rule('    - name: e\n      cond<|>ition: proc.name = rm\n')).actions;
    assert.deepEqual(onKey.map((action) => action.title), [CONVERT]);
  });
  test('applies the same edit', () => {
    assertFix(
      rule('    - name: e\n      condition: proc.name = <|>rm\n'),
      REFACTOR,
      rule('    - name: e\n      fields: proc.name\n      comps: in\n      values: [rm]\n'),
    );
  });
  test('nothing on a well-formed exception', () => {
    const titles = actionsAt(rule('    - name: e\n      fields: proc.name\n      values: [<|>rm]\n')).actions.map((action) => action.title);
    assert.equal(titles.includes(REFACTOR) || titles.includes(CONVERT), false);
  });
});
