// Quick fixes of exception keys: a missing or empty name, misspelled keys, unknown keys. Each fixture is the
// file before (cursor on the diagnostic), the action's title and the file after.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix, editsByUri, findAction } from '../../../helpers/fixes';

const rule = (exceptions: string) => `- rule: Write below etc
  desc: d
  condition: evt.type = open and fd.name startswith /etc
  output: "write %fd.name by %proc.name"
  priority: WARNING
  exceptions:
${exceptions}`;

describe('exception name fixes', () => {
  test('a missing name: inserted as the first key, named after the fields (block mapping)', () => {
    assertFix(
      rule('    - <|>fields: [proc.name, fd.name]   # who and where\n      values: [[a, /etc/a]]\n'),
      "Add the name 'proc_name_fd_name'",
      rule('    - name: proc_name_fd_name\n      fields: [proc.name, fd.name]   # who and where\n      values: [[a, /etc/a]]\n'),
    );
  });
  test('the name is a snippet placeholder for clients that take snippets', () => {
    const { actions, uri } = actionsAt(rule('    - <|>fields: proc.name\n      values: [a]\n'), { support: { snippets: true, resolve: false } });
    const edits = editsByUri(findAction(actions, "Add the name 'proc_name'").edit, 'keep').get(uri);
    assert.deepEqual(edits?.map((edit) => edit.newText), ['name: ${1:proc_name}\n      ']);
  });
});

describe('exception key fixes', () => {
  test("a misspelled name key: renamed (preferred)", () => {
    assertFix(rule('    - <|>nmae: known\n      fields: proc.name\n      values: [a]\n'), "Rename key 'nmae' to 'name'", rule('    - name: known\n      fields: proc.name\n      values: [a]\n'));
  });
  test('an empty name: a placeholder in place', () => {
    assertFix(rule('    - name: <|>""\n      fields: proc.name\n      values: [a]\n'), "Name the exception 'proc_name'", rule('    - name: proc_name\n      fields: proc.name\n      values: [a]\n'));
    assertFix(rule('    - <|>name:   # later\n      fields: proc.name\n      values: [a]\n'), "Name the exception 'proc_name'", rule('    - name: proc_name   # later\n      fields: proc.name\n      values: [a]\n'));
  });
  test('a missing name in a flow mapping, unique among the names of the rule', () => {
    assertFix(
      rule('    - name: proc_name\n      fields: proc.name\n      values: [a]\n    - {<|>fields: proc.name, values: [b]}\n'),
      "Add the name 'proc_name_2'",
      rule('    - name: proc_name\n      fields: proc.name\n      values: [a]\n    - {name: proc_name_2, fields: proc.name, values: [b]}\n'),
    );
  });
  test('misspelled keys: renamed, quotes kept', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name]\n      <|>value: [[a]]\n'), "Rename key 'value' to 'values'", rule('    - name: e\n      fields: [proc.name]\n      values: [[a]]\n'));
    assertFix(rule('    - name: e\n      fields: [proc.name]\n      "<|>comp": [=]\n      values: [[a]]\n'), "Rename key 'comp' to 'comps'", rule('    - name: e\n      fields: [proc.name]\n      "comps": [=]\n      values: [[a]]\n'));
    assertFix(rule('    - name: e\n      <|>field: [proc.name]\n      values: [[a]]\n'), "Rename key 'field' to 'fields'", rule('    - name: e\n      fields: [proc.name]\n      values: [[a]]\n'));
  });
  test('an ignored key whose right spelling is already there: removed', () => {
    assertFix(
      rule('    - name: e\n      fields: [proc.name]\n      values: [[a]]\n      <|>value: [[b]]   # old\n      comps: [=]\n'),
      "Remove the ignored key 'value'",
      rule('    - name: e\n      fields: [proc.name]\n      values: [[a]]\n      comps: [=]\n'),
    );
    assertFix(rule('    - {name: e, <|>desc: x, fields: proc.name, values: [a]}\n'), "Remove the ignored key 'desc'", rule('    - {name: e, fields: proc.name, values: [a]}\n'));
  });
  test('missing fields: placeholders shaped like the values', () => {
    assertFix(
      rule('    - <|>name: e\n      values: [[a, /etc/a]]\n'),
      "Add 'fields' with 2 fields",
      rule('    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a, /etc/a]]\n'),
    );
    assertFix(rule('    - <|>name: e\n      values: [a, b]\n'), "Add 'fields' with one field", rule('    - name: e\n      fields: proc.name\n      values: [a, b]\n'));
    assertFix(rule('    - name: e\n      fields: <|>[]\n      values: [[a]]\n'), "Add 'fields' with 1 field", rule('    - name: e\n      fields: [proc.name]\n      values: [[a]]\n'));
  });
  test('exceptions: replace without fields: those of the replaced exception', () => {
    assertFix(
      `${rule('    - name: known\n      fields: [proc.name, user.name]\n      comps: [=, =]\n      values: [[a, root]]\n')}- rule: Write below etc
  exceptions:
    - <|>name: known
      values: [[b, root]]
  override:
    exceptions: replace
`,
      "Add the fields of the replaced exception 'known'",
      `${rule('    - name: known\n      fields: [proc.name, user.name]\n      comps: [=, =]\n      values: [[a, root]]\n')}- rule: Write below etc
  exceptions:
    - name: known
      fields: [proc.name, user.name]
      values: [[b, root]]
  override:
    exceptions: replace
`,
    );
  });
});
