// Quick fixes of exception operators and fields: comps of the wrong length or shape, operators the engine does
// not know, operators the single-field form refuses, and fields the rule's source does not have.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { actionsAt, assertFix, editsByUri, findAction } from '../../../helpers/fixes';

const rule = (exceptions: string) => `- rule: Read below etc
  desc: d
  condition: evt.type = open and fd.name startswith /etc
  output: "read %fd.name by %proc.name"
  priority: WARNING
  exceptions:
${exceptions}`;

const quickFixes = (fixture: string) => actionsAt(fixture).actions.filter((action) => action.kind === 'quickfix').map((action) => [action.title, action.isPreferred]);

describe('fields and comps of different lengths', () => {
  test("too few comps: '=' for the fields without one, as placeholders", () => {
    const fixture = rule('    - name: e\n      fields: [proc.name, fd.name, user.name]\n      comps: <|>[in]\n      values: [[a, /etc/a, root]]\n');
    assertFix(fixture, "Add '=' for the last 2 fields", rule('    - name: e\n      fields: [proc.name, fd.name, user.name]\n      comps: [in, =, =]\n      values: [[a, /etc/a, root]]\n'));
    const { actions, uri } = actionsAt(fixture, { support: { snippets: true, resolve: false } });
    assert.deepEqual(editsByUri(findAction(actions, "Add '=' for the last 2 fields").edit, 'keep').get(uri)?.map((edit) => edit.newText), [', ${1:=}, ${2:=}']);
  });
  test('too many comps: the last ones removed (block sequence, comments kept)', () => {
    assertFix(
      rule('    - name: e\n      fields: [proc.name]\n      comps:\n        - <|>=   # who\n        - startswith\n      values: [[a]]\n'),
      'Remove the last comp',
      rule('    - name: e\n      fields: [proc.name]\n      comps:\n        - =   # who\n      values: [[a]]\n'),
    );
  });
  test('one operator for a list of fields: repeated, preferred only for one field', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name, fd.name]\n      comps: <|>startswith\n      values: [[a, /etc/a]]\n'), 'Write comps as [startswith, startswith]', rule('    - name: e\n      fields: [proc.name, fd.name]\n      comps: [startswith, startswith]\n      values: [[a, /etc/a]]\n'));
    assert.deepEqual(quickFixes(rule('    - name: e\n      fields: [proc.name]\n      comps: <|>in\n      values: [[a]]\n')), [['Write comps as [in]', true]]);
  });
  test('an empty comps list: the engine uses the defaults (a warning), removed', () => {
    const fixture = rule('    - name: e\n      fields: [proc.name, fd.name]\n      comps: <|>[]\n      values: [[a, /etc/a]]\n');
    const found = assertDiagnostics(fixture.replace('<|>[]', '<|[]|>'), ['exception-unknown-comp'], { only: ['exception-unknown-comp', 'exception-fields-comps-mismatch'] });
    assert.equal(found[0]!.severity, 'warning');
    assertFix(fixture, "Remove the empty 'comps'", rule('    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a, /etc/a]]\n'));
  });
  test('an empty comps after exceptions: replace: the defaults written out', () => {
    const base = rule('    - name: e\n      fields: [proc.name]\n      values: [[a]]\n');
    assertFix(
      `${base}- rule: Read below etc\n  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      <|>comps:\n      values: [[a, /etc/a]]\n  override:\n    exceptions: replace\n`,
      'Write comps as [=, =]',
      `${base}- rule: Read below etc\n  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=, =]\n      values: [[a, /etc/a]]\n  override:\n    exceptions: replace\n`,
    );
  });
});

describe('operators the engine does not know', () => {
  test('a misspelled operator: the nearest one, quotes kept', () => {
    assertFix(rule('    - name: e\n      fields: [fd.name]\n      comps: [<|>startwith]\n      values: [[/etc/a]]\n'), "Change to 'startswith'", rule('    - name: e\n      fields: [fd.name]\n      comps: [startswith]\n      values: [[/etc/a]]\n'));
    assertFix(rule('    - name: e\n      fields: [fd.name]\n      comps: [\'<|>prefix\']\n      values: [[/etc/a]]\n'), "Change to 'startswith'", rule('    - name: e\n      fields: [fd.name]\n      comps: [\'startswith\']\n      values: [[/etc/a]]\n'));
  });
  test('an unquoted != is quoted', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name, fd.name]\n      comps: [<|>!=, startswith]\n      values: [[a, /etc/a]]\n'), "Quote '!='", rule('    - name: e\n      fields: [proc.name, fd.name]\n      comps: ["!=", startswith]\n      values: [[a, /etc/a]]\n'));
  });
  test('an operator in brackets loses them', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name]\n      comps: [<|>[=]]\n      values: [[a]]\n'), 'Write the operator without brackets', rule('    - name: e\n      fields: [proc.name]\n      comps: [=]\n      values: [[a]]\n'));
  });
});

describe('the single-field form', () => {
  test("'=' tests what 'in' does: preferred, the list form offered too", () => {
    const fixture = rule('    - name: e\n      fields: proc.name\n      comps: <|>=\n      values: [a, b]\n');
    assert.deepEqual(quickFixes(fixture), [["Use 'in'", true], ['Convert exception to the list form', false]]);
    assertFix(fixture, "Use 'in'", rule('    - name: e\n      fields: proc.name\n      comps: in\n      values: [a, b]\n'));
    assertFix(fixture, 'Convert exception to the list form', rule('    - name: e\n      fields: [proc.name]\n      comps: [=]\n      values: [[a], [b]]\n'));
  });
  test('a string operator becomes its anyof form', () => {
    assertFix(rule('    - name: e\n      fields: fd.name\n      comps: <|>startswith\n      values: [/etc/a, /etc/b]\n'), "Use 'startswith anyof'", rule('    - name: e\n      fields: fd.name\n      comps: startswith anyof\n      values: [/etc/a, /etc/b]\n'));
  });
  test('a misspelled modifier form: the nearest allowed one', () => {
    assertFix(rule('    - name: e\n      fields: fd.name\n      comps: <|>startwith oneof\n      values: [/etc/a]\n'), "Use 'startswith oneof'", rule('    - name: e\n      fields: fd.name\n      comps: startswith oneof\n      values: [/etc/a]\n'));
  });
  test('comps in brackets: unwrapped when allowed, list form otherwise', () => {
    assertFix(rule('    - name: e\n      fields: proc.name\n      comps: <|>[pmatch]\n      values: [a]\n'), "Write comps as 'pmatch'", rule('    - name: e\n      fields: proc.name\n      comps: pmatch\n      values: [a]\n'));
    assertFix(
      rule('    - name: e\n      fields: proc.name   # who\n      comps: <|>[contains]\n      values:\n        - a\n        - "b c"\n'),
      'Convert exception to the list form',
      rule('    - name: e\n      fields: [proc.name]   # who\n      comps: [contains]\n      values:\n        - [a]\n        - ["b c"]\n'),
    );
  });
  test('tuple values: the items written directly (flow and block)', () => {
    assertFix(rule('    - name: e\n      fields: proc.name\n      values: [a, <|>[b, c]]\n'), "Write the items directly in 'values'", rule('    - name: e\n      fields: proc.name\n      values: [a, b, c]\n'));
    assertFix(rule('    - name: e\n      fields: proc.name\n      values:\n        - a\n        - <|>[b, c]\n'), "Write the items directly in 'values'", rule('    - name: e\n      fields: proc.name\n      values:\n        - a\n        - b\n        - c\n'));
  });
  test("after exceptions: replace, a missing comps becomes 'comps: in'", () => {
    const base = rule('    - name: e\n      fields: proc.name\n      values: [a]\n');
    assertFix(
      `${base}- rule: Read below etc\n  exceptions:\n    - name: e\n      <|>fields: proc.name\n      values: [b]\n  override:\n    exceptions: replace\n`,
      "Add 'comps: in'",
      `${base}- rule: Read below etc\n  exceptions:\n    - name: e\n      fields: proc.name\n      comps: in\n      values: [b]\n  override:\n    exceptions: replace\n`,
    );
  });
});

describe('unknown fields', () => {
  test('the nearest field of the source, argument kept', () => {
    assertFix(rule('    - name: e\n      fields: [proc.name, <|>proc.pnqme]\n      values: [[a, b]]\n'), "Change to 'proc.pname'", rule('    - name: e\n      fields: [proc.name, proc.pname]\n      values: [[a, b]]\n'));
    assertFix(rule('    - name: e\n      fields: ["<|>proc.anmae[2]"]\n      values: [[a]]\n'), "Change to 'proc.aname'", rule('    - name: e\n      fields: ["proc.aname[2]"]\n      values: [[a]]\n'));
  });
  test('a field of another source: no guess', () => {
    assert.deepEqual(quickFixes(rule('    - name: e\n      fields: [<|>ka.user.name]\n      values: [[a]]\n')), []);
  });
  test('no action where nothing is wrong', () => {
    assert.deepEqual(quickFixes(rule('    - name: e\n      fields: [proc.name, <|>fd.name]\n      comps: [=, startswith]\n      values: [[a, /etc/a]]\n')), []);
  });
});
