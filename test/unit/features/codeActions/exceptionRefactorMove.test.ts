// Moving an exception of a rule into an `override: {exceptions: append}` item of a file loaded later: the files
// before (cursor in the exception of the first file) and after, and where the move is refused or not offered.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix, findAction } from '../../../helpers/fixes';

const upstream = (exceptions: string, after = '  tags: [filesystem]\n') => `- rule: Write below etc
  desc: d
  condition: evt.type = openat and fd.name startswith /etc
  output: "write %fd.name by %proc.name"
  priority: ERROR
${exceptions}${after}`;

const LOCAL = 'Move exception to an override in falco_rules.local.yaml';

function moveTitles(fixture: string): string[] {
  return actionsAt(fixture)
    .actions.filter((action) => action.kind === 'refactor.move')
    .map((action) => (action.disabled ? `${action.title} (${action.disabled.reason})` : action.title));
}

describe('move an exception to an override', () => {
  test('a new appending item at the end of the target; the entry and its comments leave the rule', () => {
    assertFix(
      `#- falco_rules.yaml
${upstream('  exceptions:\n    - name: agents\n      fields: [proc.name]\n      values: [[my-agent]]\n    # editors we trust\n    - name: <|>tools   # ours\n      fields: proc.name\n      values: [vim]\n        # vim only\n')}
#- falco_rules.local.yaml
# local rules

- macro: local_macro
  condition: proc.name = x

- rule: Local rule
  desc: d
  condition: evt.type = openat and local_macro
  output: "o %proc.name"
  priority: INFO
`,
      LOCAL,
      `#- falco_rules.yaml
${upstream('  exceptions:\n    - name: agents\n      fields: [proc.name]\n      values: [[my-agent]]\n')}
#- falco_rules.local.yaml
# local rules

- macro: local_macro
  condition: proc.name = x

- rule: Local rule
  desc: d
  condition: evt.type = openat and local_macro
  output: "o %proc.name"
  priority: INFO

- rule: Write below etc
  exceptions:
    # editors we trust
    - name: tools   # ours
      fields: proc.name
      values: [vim]
        # vim only
  override:
    exceptions: append
`,
    );
  });
  test('the only entry takes the exceptions key with it; an existing appending item receives the entry', () => {
    assertFix(
      `#- falco_rules.yaml
${upstream('  exceptions:\n  - name: tools\n    fields: [proc.name, fd.directory]\n    values:\n      - [vim, /etc]<|>\n')}
#- falco_rules.local.yaml
- rule: Write below etc
  exceptions:
      - name: agents
        fields: [proc.name]
        values: [[my-agent]]   # ours
  override:
    exceptions: append
`,
      LOCAL,
      `#- falco_rules.yaml
${upstream('')}
#- falco_rules.local.yaml
- rule: Write below etc
  exceptions:
      - name: agents
        fields: [proc.name]
        values: [[my-agent]]   # ours
      - name: tools
        fields: [proc.name, fd.directory]
        values:
          - [vim, /etc]
  override:
    exceptions: append
`,
    );
  });
  test('a flow sequence of flow mappings; CRLF in the target', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    assertFix(
      `#- falco_rules.yaml
${upstream('  exceptions: [{name: agents, fields: [proc.name], values: [[my-agent]]}, {name: <|>tools, fields: proc.name, values: [vim]}]\n')}
#- falco_rules.local.yaml
${crlf('- list: my_list\n  items: [a]\n')}`,
      LOCAL,
      `#- falco_rules.yaml
${upstream('  exceptions: [{name: agents, fields: [proc.name], values: [[my-agent]]}]\n')}
#- falco_rules.local.yaml
${crlf('- list: my_list\n  items: [a]\n- rule: Write below etc\n  exceptions:\n    - {name: tools, fields: proc.name, values: [vim]}\n  override:\n    exceptions: append\n')}`,
    );
  });
  test('one action per later file, the last loaded first, at most three', () => {
    // A file holding only comments is no rules file (it is not indexed): each target has an item.
    const files = ['falco_rules.local.yaml', 'rules.d/a.yaml', 'rules.d/b.yaml', 'rules.d/c.yaml'].map((path) => `#- ${path}\n- list: some_list\n  items: [a]\n`).join('');
    assert.deepEqual(moveTitles(`#- falco_rules.yaml\n${upstream('  exceptions:\n    - name: <|>tools\n      fields: proc.name\n      values: [vim]\n')}${files}`), [
      'Move exception to an override in rules.d/c.yaml',
      'Move exception to an override in rules.d/b.yaml',
      'Move exception to an override in rules.d/a.yaml',
    ]);
  });
  test('refused when the engine would build something else, or the entry cannot be appended', () => {
    const local = (body: string) => `#- falco_rules.local.yaml\n${body}`;
    const exception = '  exceptions:\n    - name: <|>tools\n      fields: proc.name\n      values: [vim]\n';
    assert.deepEqual(moveTitles(`#- falco_rules.yaml\n${upstream(exception)}${local('- rule: Write below etc\n  exceptions:\n    - name: tools\n      values: [nano]\n  override:\n    exceptions: append\n')}`), [
      `${LOCAL} (Cannot move: falco_rules.local.yaml already appends to the exception 'tools'.)`,
    ]);
    const sameFile = '- rule: Write below etc\n  exceptions:\n    - name: tools\n      values: [nano]\n  override:\n    exceptions: append\n';
    assert.deepEqual(moveTitles(`#- falco_rules.yaml\n${upstream(exception)}${sameFile}${local('- list: some_list\n  items: [a]\n')}`), [
      `${LOCAL} (Cannot move: falco_rules.yaml already appends to the exception 'tools'.)`,
    ]);
    assert.deepEqual(moveTitles(`#- falco_rules.yaml\n${upstream(exception)}${local('- rule: Write below etc\n  exceptions: []\n  override:\n    exceptions: replace\n')}`), [
      `${LOCAL} (Cannot move: falco_rules.local.yaml replaces the rule's exceptions.)`,
    ]);
    assert.deepEqual(moveTitles(`#- falco_rules.yaml\n${upstream('  exceptions:\n    - name: <|>tools\n      fields: proc.name\n')}${local('- list: some_list\n  items: [a]\n')}`), [
      `${LOCAL} (Cannot move: an appended exception needs 'values'.)`,
    ]);
  });
  test('not offered in an override item, in the last loaded file, or outside an exception', () => {
    const appending = '- rule: Write below etc\n  exceptions:\n    - name: <|>tools\n      fields: proc.name\n      values: [vim]\n  override:\n    exceptions: append\n';
    assert.deepEqual(moveTitles(`#- falco_rules.local.yaml\n${appending}#- falco_rules.yaml\n${upstream('')}#- rules.d/z.yaml\n- list: some_list\n  items: [a]\n`), []);
    assert.deepEqual(moveTitles(`#- rules.d/z.yaml\n${upstream('  exceptions:\n    - name: <|>tools\n      fields: proc.name\n      values: [vim]\n')}#- falco_rules.yaml\n- list: some_list\n  items: [a]\n`), []);
    assert.deepEqual(moveTitles(`#- falco_rules.yaml\n${upstream('  exceptions:\n    - name: tools\n      fields: proc.name\n      values: [vim]\n', '  tags: [<|>filesystem]\n')}#- falco_rules.local.yaml\n- list: some_list\n  items: [a]\n`), []);
  });
  test('the action is a refactor.move with edits of both files', () => {
    const fixture = `#- falco_rules.yaml\n${upstream('  exceptions:\n    - name: <|>tools\n      fields: proc.name\n      values: [vim]\n')}#- falco_rules.local.yaml\n- list: some_list\n  items: [a]\n`;
    const { actions } = actionsAt(fixture);
    const action = findAction(actions, LOCAL);
    assert.equal(action.kind, 'refactor.move');
    assert.deepEqual(Object.keys(action.edit?.changes ?? {}).sort(), ['file:///workspace/falco_rules.local.yaml', 'file:///workspace/falco_rules.yaml']);
    // Resolved lazily, the action finds itself again and gets the same edit.
    const lazy = findAction(actionsAt(fixture, { support: { snippets: false, resolve: true } }).actions, LOCAL);
    assert.deepEqual(lazy.edit, action.edit);
  });
});
