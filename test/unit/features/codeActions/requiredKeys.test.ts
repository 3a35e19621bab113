// The quick fix that adds the required keys an item lacks: one fix for all of them, inserted after the item's last
// key at the indentation of its keys, as snippet placeholders (plain defaults for clients without snippets).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, applyEdits, assertFix, editsByUri, findAction } from '../../../helpers/fixes';
import { openFixture } from '../../../helpers/service';

const URI = 'file:///workspace/rules.yaml';
const priorityChoice = (index: number) => `\${${index}|WARNING,EMERGENCY,ALERT,CRITICAL,ERROR,NOTICE,INFORMATIONAL,DEBUG|}`;

/** `code` of every diagnostic of a single-file workspace. */
function codesOf(text: string): string[] {
  const workspace = openFixture(`#- rules.yaml\n${text}`);
  return workspace.service.getDiagnostics(URI).map((diagnostic) => String(diagnostic.code));
}

/**
 * Applies the fix titled `title` (plain text, as a client without snippets gets it) and checks the file after:
 * no missing key is left and no other diagnostic appeared. Returns the snippet text a snippet client inserts.
 */
function assertAdded(fixture: string, title: string, expected: string): string {
  const { actions, text } = actionsAt(fixture);
  const action = findAction(actions, title);
  assert.equal(action.isPreferred, true);
  const after = applyEdits(text, editsByUri(action.edit).get(URI)!);
  assert.equal(after, expected);
  const before = codesOf(text);
  const left = codesOf(after);
  assert.deepEqual(left.filter((code) => code === 'missing-required-key'), [], left.join(', '));
  for (const code of left) assert.ok(before.includes(code), `the fix introduced ${code}`);
  const snippet = editsByUri(actionsAt(fixture, { support: { snippets: true, resolve: false } }).actions.find((candidate) => candidate.title === title)!.edit, 'keep');
  return snippet.get(URI)!.map((edit) => edit.newText).join('');
}

describe('add the missing keys of a rule', () => {
  test('every missing key in one fix, in the usual order, before the comments of the next item', () => {
    const snippet = assertAdded(
      '- rule: <|>Shell spawned\n  condition: evt.type = execve   # exec\n\n# next one\n- macro: m\n  condition: evt.type = open\n',
      "Add the missing keys 'desc', 'output', 'priority'",
      '- rule: Shell spawned\n  condition: evt.type = execve   # exec\n  desc: Describe what this rule detects\n  output: Describe the event\n  priority: WARNING\n\n# next one\n- macro: m\n  condition: evt.type = open\n',
    );
    assert.equal(snippet, `\n  desc: \${1:Describe what this rule detects}\n  output: \${2:Describe the event}\n  priority: ${priorityChoice(3)}`);
  });

  test('one missing key, with the helper that checks the diagnostic is gone', () => {
    assertFix(
      '- rule: <|>Shell spawned\n  desc: d\n  condition: evt.type = execve\n  priority: INFO\n',
      "Add the missing key 'output'",
      '- rule: Shell spawned\n  desc: d\n  condition: evt.type = execve\n  priority: INFO\n  output: Describe the event\n',
    );
  });

  test('the placeholders are numbered in the order of the keys', () => {
    const snippet = assertAdded(
      '- rule: <|>Shell spawned\n  priority: NOTICE\n',
      "Add the missing keys 'desc', 'condition', 'output'",
      '- rule: Shell spawned\n  priority: NOTICE\n  desc: Describe what this rule detects\n  condition: evt.type = execve\n  output: Describe the event\n',
    );
    assert.equal(snippet, '\n  desc: ${1:Describe what this rule detects}\n  condition: ${2:evt.type = execve}\n  output: ${3:Describe the event}');
  });

  test('a plugin source gets a condition its fields allow', () => {
    assertAdded(
      '- rule: <|>Pod exec\n  desc: d\n  output: o\n  priority: NOTICE\n  source: k8s_audit\n',
      "Add the missing key 'condition'",
      '- rule: Pod exec\n  desc: d\n  output: o\n  priority: NOTICE\n  source: k8s_audit\n  condition: evt.num > 0\n',
    );
  });

  test('the indentation of the item is measured, and a block scalar keeps its lines', () => {
    assertAdded(
      '-   rule: <|>Shell spawned\n    desc: |\n      A shell.\n      Twice.\n    condition: evt.type = execve\n    output: >\n      shell %proc.name\n\n',
      "Add the missing key 'priority'",
      '-   rule: Shell spawned\n    desc: |\n      A shell.\n      Twice.\n    condition: evt.type = execve\n    output: >\n      shell %proc.name\n    priority: WARNING\n\n',
    );
  });

  test('the last item of a file without a final line break, with CRLF line endings', () => {
    assertAdded(
      '- macro: m\r\n  condition: evt.type = open\r\n- rule: <|>R\r\n  desc: d\r\n  condition: m\r\n  output: o',
      "Add the missing key 'priority'",
      '- macro: m\r\n  condition: evt.type = open\r\n- rule: R\r\n  desc: d\r\n  condition: m\r\n  output: o\r\n  priority: WARNING',
    );
  });

  test('a flow mapping item: inside its braces', () => {
    assertAdded(
      '- macro: m\n  condition: evt.type = open\n- {rule: <|>R, desc: d, condition: m}\n',
      "Add the missing keys 'output', 'priority'",
      '- macro: m\n  condition: evt.type = open\n- {rule: R, desc: d, condition: m, output: Describe the event, priority: WARNING}\n',
    );
  });

  test('a misspelled key is renamed by its own fix; the fix of the others leaves it alone', () => {
    const fixture = '- rule: <|>R\n  descr: text\n  condition: evt.type = open\n';
    const { actions } = actionsAt(fixture);
    assert.deepEqual(actions.filter((action) => action.kind === 'quickfix').map((action) => action.title), ["Add the missing keys 'output', 'priority'"]);
    const after = applyEdits(actionsAt(fixture).text, editsByUri(findAction(actions, "Add the missing keys 'output', 'priority'").edit).get(URI)!);
    assert.equal(after, '- rule: R\n  descr: text\n  condition: evt.type = open\n  output: Describe the event\n  priority: WARNING\n');
    assert.deepEqual(codesOf(after), ['missing-required-key']);
  });
});

describe('add the missing key of a macro or list', () => {
  test('a macro without condition', () => {
    assertFix(
      '- macro: <|>spawned\n- rule: R\n  desc: d\n  condition: spawned\n  output: o\n  priority: INFO\n',
      "Add the missing key 'condition'",
      '- macro: spawned\n  condition: evt.type = execve\n- rule: R\n  desc: d\n  condition: spawned\n  output: o\n  priority: INFO\n',
    );
  });

  test('a list without items: an empty flow sequence to fill', () => {
    const after = '- list: shells\n  items: []\n- macro: m\n  condition: proc.name in (shells)\n';
    assertFix('- list: <|>shells\n- macro: m\n  condition: proc.name in (shells)\n', "Add the missing key 'items'", after);
    const snippet = editsByUri(actionsAt('- list: <|>shells\n- macro: m\n  condition: proc.name in (shells)\n', { support: { snippets: true, resolve: false } }).actions[0]!.edit, 'keep');
    assert.equal(snippet.get(URI)![0]!.newText, '\n  items: [${1}]');
  });
});

describe('no missing-key fix', () => {
  test('where nothing is missing', () => {
    assert.deepEqual(actionsAt('- rule: <|>R\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n').actions.filter((action) => action.kind === 'quickfix'), []);
  });

  test('the legacy item that only sets enabled', () => {
    const fixture = '- rule: R\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n- rule: <|>R\n  tags: [extra]\n';
    assert.deepEqual(actionsAt(fixture).actions.filter((action) => action.kind === 'quickfix'), []);
  });
});
