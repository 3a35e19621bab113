// Comps that suit an exception's field: which are offered where, in which order, which one is preferred, and the
// edit each makes (the comp replaced in place, or written when it was implied).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../../../server/src/service/lineIndex';
import { actionsAt, assertFix } from '../../../helpers/fixes';

const rule = (exceptions: string) => `- rule: Write below etc
  desc: d
  condition: evt.type = openat and fd.name startswith /etc
  output: "write %fd.name by %proc.name"
  priority: ERROR
  exceptions:
${exceptions}`;

/** The comp actions at the cursor: title, and a star when preferred. */
function offered(fixture: string): string[] {
  return actionsAt(fixture)
    .actions.filter((action) => action.title.startsWith('Use '))
    .map((action) => `${action.title}${action.isPreferred ? ' *' : ''}`);
}

describe('exception comps for the field type', () => {
  test('a path field compared with = to values ending in /: startswith first and preferred', () => {
    const fixture = rule('    - name: agents\n      fields: [proc.name, fd.name]\n      comps: [=, <|>=]\n      values: [[my-agent, /etc/my-agent/]]');
    assert.deepEqual(offered(fixture), ["Use 'startswith' for fd.name *", "Use 'glob' for fd.name", "Use 'in' for fd.name"]);
    assertFix(fixture, "Use 'startswith' for fd.name", rule('    - name: agents\n      fields: [proc.name, fd.name]\n      comps: [=, startswith]\n      values: [[my-agent, /etc/my-agent/]]'));
  });
  test('values with wildcards put glob first, none preferred; a quoted comp keeps its quotes', () => {
    const fixture = rule("    - name: agents\n      fields: [fd.name]\n      comps: ['<|>=']\n      values: [[/etc/*.conf]]");
    assert.deepEqual(offered(fixture), ["Use 'glob' for fd.name", "Use 'startswith' for fd.name", "Use 'in' for fd.name"]);
    assertFix(fixture, "Use 'glob' for fd.name", rule("    - name: agents\n      fields: [fd.name]\n      comps: ['glob']\n      values: [[/etc/*.conf]]"));
  });
  test('a plain string field in the list form', () => {
    assert.deepEqual(offered(rule('    - name: agents\n      fields: [proc.name]\n      comps: [<|>in]\n      values: [[my-agent]]')), [
      "Use '=' for proc.name",
      "Use 'contains' for proc.name",
      "Use 'startswith' for proc.name",
      "Use 'endswith' for proc.name",
    ]);
  });
  test('a tuple item holding a list only leaves comps that take a list', () => {
    assert.deepEqual(offered(rule('    - name: agents\n      fields: [proc.name]\n      comps: [<|>in]\n      values: [[[a, b]]]')), []);
    assert.deepEqual(offered(rule('    - name: agents\n      fields: [fd.name]\n      comps: [<|>=]\n      values: [[[/a/, /b/]]]')), ["Use 'in' for fd.name"]);
  });
  test('numbers: the order comparisons only for numeric values, > written quoted', () => {
    const fixture = rule('    - name: low\n      fields: [proc.pid]\n      comps: [<|>=]\n      values: [[1]]');
    assert.deepEqual(offered(fixture), ["Use '<' for proc.pid", "Use '<=' for proc.pid", "Use '>' for proc.pid", "Use '>=' for proc.pid", "Use 'in' for proc.pid"]);
    assertFix(fixture, "Use '>' for proc.pid", rule('    - name: low\n      fields: [proc.pid]\n      comps: [">"]\n      values: [[1]]'));
    assert.deepEqual(offered(rule('    - name: low\n      fields: [proc.pid]\n      comps: [<|>=]\n      values: [[some_pids]]')), ["Use 'in' for proc.pid"]);
  });
  test('a list field: intersects', () => {
    assert.deepEqual(offered(rule('    - name: kinds\n      fields: fd.types\n      comps: <|>in\n      values: [ipv4]')), ["Use 'intersects' for fd.types"]);
  });
  test('the single form: only comps that take a list, modifiers for Falco 0.44', () => {
    const fixture = rule('    - name: dirs\n      fields: fd.directory\n      comps: <|>in\n      values: [/etc/ssl/, /etc/pki/]   # certificates');
    assert.deepEqual(offered(fixture), ["Use 'pmatch' for fd.directory *", "Use 'startswith anyof' for fd.directory", "Use 'glob anyof' for fd.directory"]);
    assertFix(fixture, "Use 'pmatch' for fd.directory", rule('    - name: dirs\n      fields: fd.directory\n      comps: pmatch\n      values: [/etc/ssl/, /etc/pki/]   # certificates'));
    assert.deepEqual(offered(rule('    - name: tools\n      fields: proc.name\n      comps: <|>in\n      values: [my-agent]')), [
      "Use 'contains anyof' for proc.name",
      "Use 'startswith anyof' for proc.name",
      "Use 'endswith anyof' for proc.name",
    ]);
  });
  test('no modifier comps for an engine before 0.62', () => {
    const { workspace, uri } = actionsAt(rule('    - name: dirs\n      fields: fd.directory\n      comps: <|>in\n      values: [/etc/ssl/]'));
    workspace.service.configure({ analysis: { engineVersion: '0.57.0' } });
    const file = workspace.files[0]!;
    const position = new LineIndex(file.text).positionAt(file.cursors[0]!);
    const titles = workspace.service.getCodeActions(uri, { start: position, end: position }).map((action) => action.title).filter((title) => title.startsWith('Use '));
    assert.deepEqual(titles, ["Use 'pmatch' for fd.directory"]);
  });
  test('an implied comp is written: single form after fields, list form with = for the other fields', () => {
    assertFix(
      rule('    - name: dirs\n      fields: fd.direc<|>tory   # where\n      values: [/etc/ssl]'),
      "Use 'pmatch' for fd.directory",
      rule('    - name: dirs\n      fields: fd.directory   # where\n      comps: pmatch\n      values: [/etc/ssl]'),
    );
    assertFix(
      rule('    - {name: agents, fields: [proc.name, <|>fd.name], values: [[my-agent, /etc/my-agent/]]}'),
      "Use 'startswith' for fd.name",
      rule('    - {name: agents, fields: [proc.name, fd.name], comps: [=, startswith], values: [[my-agent, /etc/my-agent/]]}'),
    );
  });
  test('no comp actions elsewhere, on a field with a written comp, or for an unknown field', () => {
    assert.deepEqual(offered(rule('    - name: <|>agents\n      fields: [fd.name]\n      comps: [=]\n      values: [[/etc/]]')), []);
    assert.deepEqual(offered(rule('    - name: agents\n      fields: [<|>fd.name]\n      comps: [=]\n      values: [[/etc/]]')), []);
    assert.deepEqual(offered(rule('    - name: agents\n      fields: [fd.name]\n      comps: [=]\n      values: [[<|>/etc/]]')), []);
    assert.deepEqual(offered(rule('    - name: agents\n      fields: [fd.nosuch]\n      comps: [<|>=]\n      values: [[/etc/]]')), []);
  });
});
