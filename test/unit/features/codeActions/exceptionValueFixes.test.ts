// Quick fixes of exception values (tuples of the fields' length, values the engine would paste badly into its
// condition), duplicate names and updates of exceptions by appends and replaces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { actionsAt, assertFix, editsByUri, findAction } from '../../../helpers/fixes';

const rule = (exceptions: string) => `- rule: Open below etc
  desc: d
  condition: evt.type = open and fd.name startswith /etc
  output: "open %fd.name by %proc.name"
  priority: WARNING
  exceptions:
${exceptions}`;

const quickFixes = (fixture: string) => actionsAt(fixture).actions.filter((action) => action.kind === 'quickfix').map((action) => [action.title, action.isPreferred]);

describe('tuples of the wrong length', () => {
  test('a short tuple is padded with placeholders', () => {
    const fixture = rule('    - name: e\n      fields: [proc.name, fd.name, user.name]\n      values:\n        - <|>[a]   # one\n');
    assertFix(fixture, 'Add 2 values to the tuple', rule('    - name: e\n      fields: [proc.name, fd.name, user.name]\n      values:\n        - [a, value, value]   # one\n'));
    const { actions, uri } = actionsAt(fixture, { support: { snippets: true, resolve: false } });
    assert.deepEqual(editsByUri(findAction(actions, 'Add 2 values to the tuple').edit, 'keep').get(uri)?.map((edit) => edit.newText), [', ${1:value}, ${2:value}']);
  });
  test('a long tuple loses its last values (not preferred)', () => {
    const fixture = rule('    - name: e\n      fields: [proc.name]\n      values: [<|>[a, b, c]]\n');
    assert.deepEqual(quickFixes(fixture), [['Remove the last 2 values of the tuple', false]]);
    assertFix(fixture, 'Remove the last 2 values of the tuple', rule('    - name: e\n      fields: [proc.name]\n      values: [[a]]\n'));
  });
  test('plain values with one field: each wrapped (flow and block)', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name]\n      values: <|>[a, "b c"]\n'), 'Wrap each value in a tuple', rule('    - name: e\n      fields: [proc.name]\n      values: [[a], ["b c"]]\n'));
    assertFix(rule('    - name: e\n      fields: [proc.name]\n      values:\n        <|>- a   # x\n        - b\n'), 'Wrap each value in a tuple', rule('    - name: e\n      fields: [proc.name]\n      values:\n        - [a]   # x\n        - [b]\n'));
  });
  test('as many plain values as fields: one tuple, or each wrapped and padded', () => {
    const fixture = rule('    - name: e\n      fields: [proc.name, fd.name]\n      values: <|>[my-agent, /etc/agent]\n');
    assert.deepEqual(quickFixes(fixture), [['Make the values one tuple', false], ['Wrap each value in a tuple of 2', false]]);
    assertFix(fixture, 'Make the values one tuple', rule('    - name: e\n      fields: [proc.name, fd.name]\n      values: [[my-agent, /etc/agent]]\n'));
    assertFix(fixture, 'Wrap each value in a tuple of 2', rule('    - name: e\n      fields: [proc.name, fd.name]\n      values: [[my-agent, value], [/etc/agent, value]]\n'));
  });
  test('a plain value among tuples: wrapped and padded', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a, /etc/a], <|>b]\n'), 'Wrap the value in a tuple of 2', rule('    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a, /etc/a], [b, value]]\n'));
  });
});

describe('values the engine pastes badly', () => {
  test('a comma: quoted for the condition, YAML style kept', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name]\n      values: [["<|>a,b"]]\n'), 'Quote the value for the condition', rule('    - name: e\n      fields: [proc.name]\n      values: [["\\"a,b\\""]]\n'));
    assertFix(rule('    - name: e\n      fields: proc.name\n      values: [<|>x(1)]\n'), 'Quote the value for the condition', rule('    - name: e\n      fields: proc.name\n      values: [\'"x(1)"\']\n'));
  });
  test('quotes inside are escaped', () => {
    assertFix(rule('    - name: e\n      fields: [proc.cmdline]\n      values: [[<|>say "hi" now]]\n'), 'Quote the value for the condition', rule('    - name: e\n      fields: [proc.cmdline]\n      values: [[\'"say \\"hi\\" now"\']]\n'));
  });
  test('a value the engine reads as a list of several: split, or quoted', () => {
    const fixture = rule('    - name: e\n      fields: [proc.name, fd.directory]\n      comps: [=, in]\n      values: [[a, "<|>/etc/a, /etc/b"]]\n');
    assert.deepEqual(quickFixes(fixture), [['Split into separate values', false], ['Quote the value for the condition', false]]);
    assertFix(fixture, 'Split into separate values', rule('    - name: e\n      fields: [proc.name, fd.directory]\n      comps: [=, in]\n      values: [[a, [/etc/a, /etc/b]]]\n'));
    assertFix(
      rule('    - name: e\n      fields: fd.directory\n      values:\n        - "<|>/etc/a,/etc/b"\n'),
      'Split into separate values',
      rule('    - name: e\n      fields: fd.directory\n      values:\n        - /etc/a\n        - /etc/b\n'),
    );
  });
  test("a list under '=': reported; 'in' for that field", () => {
    const fixture = rule('    - name: e\n      fields: [proc.name, fd.directory]\n      values: [[a, <|>[/etc/a, /etc/b]]]\n');
    assertDiagnostics(fixture.replace('<|>[/etc/a, /etc/b]', '<|[/etc/a, /etc/b]|>'), ['exception-unsafe-value'], { only: ['exception-unsafe-value'] });
    assertFix(fixture, "Use 'in' for 'fd.directory'", rule('    - name: e\n      fields: [proc.name, fd.directory]\n      comps: [=, in]\n      values: [[a, [/etc/a, /etc/b]]]\n'));
    assertFix(
      rule('    - name: e\n      fields: [proc.name, fd.directory]\n      comps: [=, =]\n      values: [[a, <|>[/etc/a]]]\n'),
      'Write the value without brackets',
      rule('    - name: e\n      fields: [proc.name, fd.directory]\n      comps: [=, =]\n      values: [[a, /etc/a]]\n'),
    );
  });
  test("'exists' takes no value: reported", () => {
    assertDiagnostics(rule('    - name: e\n      fields: [proc.name]\n      comps: [exists]\n      values: [[<|a|>]]\n'), ['exception-unsafe-value'], { only: ['exception-unsafe-value'] });
  });
});

describe('duplicate names', () => {
  test('the second one is renamed with a placeholder', () => {
    const fixture = rule('    - name: known\n      fields: proc.name\n      values: [a]\n    - name: "<|>known"\n      fields: proc.pname\n      values: [b]\n');
    assertFix(fixture, "Rename to 'known_2'", rule('    - name: known\n      fields: proc.name\n      values: [a]\n    - name: "known_2"\n      fields: proc.pname\n      values: [b]\n'));
    const { actions, uri } = actionsAt(fixture, { support: { snippets: true, resolve: false } });
    assert.deepEqual(editsByUri(findAction(actions, "Rename to 'known_2'").edit, 'keep').get(uri)?.map((edit) => edit.newText), ['${1:known_2}']);
  });
});

const base = rule('    - name: known\n      fields: [proc.name, fd.name]\n      comps: [=, startswith]\n      values: [[a, /etc/a]]\n');
const append = (exceptions: string) => `${base}- rule: Open below etc\n  exceptions:\n${exceptions}  override:\n    exceptions: append\n`;

describe('appends and replaces', () => {
  test('fields given for an existing exception: removed, values kept', () => {
    assertFix(
      append('    - name: known\n      <|>fields: [proc.name, fd.name]   # same as before\n      values: [[b, /etc/b]]\n'),
      "Remove 'fields'",
      append('    - name: known\n      values: [[b, /etc/b]]\n'),
    );
    assertFix(append('    - {name: known, values: [[b, /etc/b]], <|>comps: [=, =]}\n'), "Remove 'comps'", append('    - {name: known, values: [[b, /etc/b]]}\n'));
  });
  test('an append to an existing exception without values: add them, or remove the entry', () => {
    const fixture = append('    - name: other_new\n      fields: proc.name\n      values: [x]\n    - name: <|>known\n');
    assert.deepEqual(quickFixes(fixture), [['Add values', false], ["Remove the append to 'known'", false]]);
    assertFix(fixture, 'Add values', append('    - name: other_new\n      fields: proc.name\n      values: [x]\n    - name: known\n      values: [[value, value]]\n'));
    assertFix(fixture, "Remove the append to 'known'", append('    - name: other_new\n      fields: proc.name\n      values: [x]\n'));
  });
  test('a new exception with empty values: a placeholder; a close existing name offered', () => {
    assertFix(append('    - name: brand_new\n      fields: proc.name\n      <|>values: []\n'), 'Add values', append('    - name: brand_new\n      fields: proc.name\n      values: [value]\n'));
    const fixture = append('    - <|>name: knwon\n      values: [[b, /etc/b]]\n');
    assertFix(fixture, "Extend the existing exception 'known'", append('    - name: known\n      values: [[b, /etc/b]]\n'));
  });
  test('replace with list fields and no comps on a rule without exceptions: comps added', () => {
    const plain = `- rule: Plain\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: WARNING\n`;
    assertFix(
      `${plain}- rule: Plain\n  exceptions:\n    - name: mine\n      <|>fields: [proc.name, user.name]\n      values: [[a, root]]\n  override:\n    exceptions: replace\n`,
      "Add 'comps' with '=' for each field",
      `${plain}- rule: Plain\n  exceptions:\n    - name: mine\n      fields: [proc.name, user.name]\n      comps: [=, =]\n      values: [[a, root]]\n  override:\n    exceptions: replace\n`,
    );
  });
});
