// Quick fixes of exceptions-shape: the sequence of mappings, empty entries, bare conditions, nested fields and
// the sequence `values` must be.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { actionsAt, assertFix, editsByUri, findAction } from '../../../helpers/fixes';
import { openFixture } from '../../../helpers/service';
import { LineIndex } from '../../../../server/src/service/lineIndex';

const rule = (exceptions: string) => `- rule: Write below etc
  desc: d
  condition: evt.type = open and fd.name startswith /etc
  output: "write %fd.name by %proc.name"
  priority: WARNING
  exceptions:${exceptions}`;

describe('exceptions-shape fixes', () => {
  test('a block mapping instead of a sequence: becomes its only entry', () => {
    assertFix(
      rule('\n    <|>name: known\n    fields: [proc.name]   # tools\n    values:\n      - [a]\n'),
      'Make the exception the only entry of a sequence',
      rule('\n    - name: known\n      fields: [proc.name]   # tools\n      values:\n        - [a]\n'),
    );
  });
  test('a flow mapping instead of a sequence', () => {
    assertFix(rule(' <|>{name: known, fields: proc.name, values: [a]}\n'), 'Make the exception the only entry of a sequence', rule(' [{name: known, fields: proc.name, values: [a]}]\n'));
  });
  test('an empty entry: reported at its dash, removed with its comment', () => {
    const fixture = rule('\n    - name: known\n      fields: proc.name\n      values: [a]\n    -   # nothing yet\n    - name: other\n      fields: proc.pname\n      values: [b]\n');
    assertDiagnostics(fixture.replace('    -   #', '    <|-|>   #'), ['exceptions-shape'], { only: ['exceptions-shape'] });
    assertFix(fixture.replace('    -   #', '    <|>-   #'), 'Remove the empty entry', rule('\n    - name: known\n      fields: proc.name\n      values: [a]\n    - name: other\n      fields: proc.pname\n      values: [b]\n'));
  });
  test('a bare string entry that is not a condition: no fix', () => {
    const { actions } = actionsAt(rule('\n    - <|>just_a_name\n'));
    assert.deepEqual(actions.filter((action) => action.kind === 'quickfix').map((action) => action.title), []);
  });
  test('a nested field list: unwrapped', () => {
    const fixture = rule('\n    - name: e\n      fields: [proc.name, [fd.name]]\n      values: [[a, /etc/a]]\n');
    assertDiagnostics(fixture.replace('[fd.name]]', '<|[fd.name]|>]'), ['exceptions-shape'], { only: ['exceptions-shape'] });
    assertFix(fixture.replace('[fd.name]]', '<|>[fd.name]]'), 'Write the field without brackets', rule('\n    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a, /etc/a]]\n'));
  });
  test('comps written as a mapping are reported', () => {
    assertDiagnostics(rule('\n    - name: e\n      fields: [proc.name]\n      comps: <|{a: b}|>\n      values: [[a]]\n'), ['exceptions-shape'], { only: ['exceptions-shape'] });
  });
  test('a scalar values: wrapped as the fields need', () => {
    assertFix(rule('\n    - name: e\n      fields: proc.name\n      values: <|>my-tool\n'), 'Write the value as a sequence', rule('\n    - name: e\n      fields: proc.name\n      values: [my-tool]\n'));
    assertFix(rule('\n    - name: e\n      fields: [proc.name]\n      values: <|>"my tool"\n'), 'Write the value as a tuple in a sequence', rule('\n    - name: e\n      fields: [proc.name]\n      values: [["my tool"]]\n'));
    assertFix(rule('\n    - name: e\n      fields: [proc.name, fd.name]\n      values: <|>my-tool\n'), 'Write the value as a tuple in a sequence', rule('\n    - name: e\n      fields: [proc.name, fd.name]\n      values: [[my-tool, value]]\n'));
  });
  test('an empty values: a placeholder entry', () => {
    const fixture = rule('\n    - name: e\n      fields: [proc.name, fd.name]\n      <|>values:\n');
    assertDiagnostics(fixture.replace('<|>values', '<|values|>'), ['exceptions-shape'], { only: ['exceptions-shape'] });
    assertFix(fixture, 'Add a value', rule('\n    - name: e\n      fields: [proc.name, fd.name]\n      values: [[value, value]]\n'));
    const { actions, uri } = actionsAt(fixture, { support: { snippets: true, resolve: false } });
    assert.deepEqual(editsByUri(findAction(actions, 'Add a value').edit, 'keep').get(uri)?.map((edit) => edit.newText), [' [[${1:value}, ${2:value}]]']);
  });
});

describe('odd entries', () => {
  test('an empty mapping: its name first (fields are still missing after)', () => {
    const fixture = rule('\n    - <|>{}\n    - name: other\n      fields: proc.name\n      values: [a]\n');
    assertDiagnostics(fixture.replace('<|>{}', '<|{}|>'), ['exception-missing-name'], { only: ['exception-missing-name'] });
    assertFix(fixture, "Add the name 'write_below_etc_exception'", rule('\n    - {name: write_below_etc_exception}\n    - name: other\n      fields: proc.name\n      values: [a]\n'));
  });
  test('an alias entry is what it names: not reported', () => {
    assertDiagnostics(rule('\n    - &known {name: known, fields: proc.name, values: [a]}\n    - *known\n'), [], { only: ['exceptions-shape'] });
  });
});

describe('well-formed exceptions', () => {
  test('no quick fix anywhere', () => {
    const text = rule(
      '\n    - name: tools   # who\n      fields: [proc.name, fd.directory]\n      comps: [=, in]\n      values:\n        - [my-agent, [/etc/agent, "/etc/my agent"]]\n        - [backup, backup_dirs]\n    - {name: shells, fields: proc.name, comps: startswith anyof, values: [ba, zs]}\n    - name: folded\n      fields: fd.name\n      comps: pmatch\n      values: [/etc/ssl, \'"/etc/a,b"\']\n',
    );
    const workspace = openFixture(`#- rules.yaml\n${text}`);
    const file = workspace.files[0]!;
    assert.deepEqual(workspace.service.getDiagnostics(file.uri).map((diagnostic) => diagnostic.code), []);
    const lines = new LineIndex(file.text);
    for (let offset = 0; offset <= file.text.length; offset++) {
      const position = lines.positionAt(offset);
      const fixes = workspace.service.getCodeActions(file.uri, { start: position, end: position }, { only: ['quickfix'] });
      assert.deepEqual(fixes.map((action) => action.title), [], `at ${offset}`);
    }
  });
});
