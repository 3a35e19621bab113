// Quick fix of YAML errors caused by a plain value that needs quotes: each case is the file before (a selection
// over the broken value), the file after, and the text the value must read as once quoted (parsed again with the
// `yaml` library, as the author wrote it).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { actionsAt, assertFix, editsByUri, applyEdits, findAction } from '../../../helpers/fixes';

const rule = (output: string, desc = 'd') => `- rule: Shell spawned
  desc: ${desc}
  condition: evt.type = execve
  output: ${output}
  priority: WARNING
`;

/** The value of `key` in the first item of a rules file, as YAML reads it. */
function valueOf(text: string, key: string, item = 0): unknown {
  const items = parse(text) as Record<string, unknown>[];
  return items[item]![key];
}

/** The quick fixes offered at the fixture's selection, and whether the file has a YAML error. */
function quickFixes(fixture: string): { titles: string[]; yamlError: boolean } {
  const { actions, uri, workspace } = actionsAt(fixture);
  return {
    titles: actions.filter((action) => action.kind === 'quickfix').map((action) => action.title),
    yamlError: workspace.service.getDiagnostics(uri).some((diagnostic) => diagnostic.code === 'yaml-syntax'),
  };
}

/** Applies the fix, checks the file after and that YAML now reads `expected` as the value of `key`. */
function assertQuoted(before: string, after: string, key: string, expected: string, item = 0): void {
  assertFix(before, `Quote the value of '${key}'`, after);
  assert.equal(valueOf(after, key, item), expected);
}

describe('quote a plain value', () => {
  test("a ': ' in a one-line output, the comment after it kept", () => {
    assertQuoted(
      rule('<|Shell spawned: %proc.name by %user.name|>   # who'),
      rule('"Shell spawned: %proc.name by %user.name"   # who'),
      'output',
      'Shell spawned: %proc.name by %user.name',
    );
    const { actions } = actionsAt(rule('<|Shell spawned: %proc.name|>'));
    assert.deepEqual(actions.filter((action) => action.kind === 'quickfix').map((action) => [action.title, action.isPreferred]), [["Quote the value of 'output'", true]]);
  });

  test('a value starting with % (a directive indicator)', () => {
    assertQuoted(rule('<|%proc.name|> started'), rule('"%proc.name started"'), 'output', '%proc.name started');
  });

  test('values starting with @ or a backtick', () => {
    assertQuoted(rule('<|@|>user %user.name'), rule('"@user %user.name"'), 'output', '@user %user.name');
    assertQuoted(rule('<|`|>sh` by %proc.name'), rule('"`sh` by %proc.name"'), 'output', '`sh` by %proc.name');
  });

  test("a multi-line plain value: the whole value is quoted, its line breaks kept", () => {
    assertQuoted(
      rule('Shell spawned\n    <|by user:|> %user.name\n    in %container.id'),
      rule('"Shell spawned\n    by user: %user.name\n    in %container.id"'),
      'output',
      'Shell spawned by user: %user.name in %container.id',
    );
  });

  test('an empty line inside a multi-line value stays a line break', () => {
    assertQuoted(rule('Shell spawned\n\n    <|by:|> %user.name'), rule('"Shell spawned\n\n    by: %user.name"'), 'output', 'Shell spawned\nby: %user.name');
  });

  test('CRLF line endings are kept', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    assertQuoted(crlf(rule('Shell spawned\n    <|by:|> %user.name')), crlf(rule('"Shell spawned\n    by: %user.name"')), 'output', 'Shell spawned by: %user.name');
  });

  test('double quotes in the text: single quotes, so nothing needs escaping', () => {
    assertQuoted(rule('<|"sh" spawned: %proc.name|>'), rule(`'"sh" spawned: %proc.name'`), 'output', '"sh" spawned: %proc.name');
    assertQuoted(rule('<|path: C:\\tmp|> %fd.name'), rule(`'path: C:\\tmp %fd.name'`), 'output', 'path: C:\\tmp %fd.name');
  });

  test("both kinds of quotes: double quotes with escapes", () => {
    assertQuoted(
      rule(`<|it's "sh": %proc.name \\ ok|>`),
      rule(`"it's \\"sh\\": %proc.name \\\\ ok"`),
      'output',
      `it's "sh": %proc.name \\ ok`,
    );
  });

  test('a rule name on the dash line and a desc', () => {
    const before = '- rule: <|Shell: spawned|>\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: WARNING\n';
    assertQuoted(before, '- rule: "Shell: spawned"\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: WARNING\n', 'rule', 'Shell: spawned');
    assertQuoted(rule('o', '<|Detects: shells|>'), rule('o', '"Detects: shells"'), 'desc', 'Detects: shells');
  });

  test('an exception name in a nested sequence', () => {
    const exceptions = (name: string) => `${rule('o').trimEnd()}
  exceptions:
    - name: ${name}
      fields: [proc.name]
      values: [[bash]]
`;
    const after = exceptions('"known: shells"');
    assertFix(exceptions('<|known: shells|>'), "Quote the value of 'name'", after);
    assert.deepEqual((valueOf(after, 'exceptions') as { name: string }[])[0]!.name, 'known: shells');
  });

  test('a value inside a flow mapping item', () => {
    const file = (item: string) => `- macro: spawned\n  condition: evt.type = execve\n${item}\n`;
    const after = file('- {rule: r, desc: d, condition: spawned, output: "shell: %proc.name", priority: INFO}');
    assertFix(file('- {rule: r, desc: d, condition: spawned, output: <|shell: %proc.name|>, priority: INFO}'), "Quote the value of 'output'", after);
    assert.equal(valueOf(after, 'output', 1), 'shell: %proc.name');
    // Without the `%`, YAML reads a nested mapping and says block collections are not allowed in flow ones.
    assertFix(file('- {rule: r, desc: d, condition: spawned, output: <|shell: spawned|>, priority: INFO}'), "Quote the value of 'output'", file('- {rule: r, desc: d, condition: spawned, output: "shell: spawned", priority: INFO}'));
  });

  test('indicators that may have been meant as YAML: offered, not preferred', () => {
    for (const written of ['*alias and more', '| shell', '[sh] spawned', '{sh} spawned']) {
      const before = rule(`${written}`).replace('output:', '<|output|>:');
      const action = findAction(actionsAt(before).actions, "Quote the value of 'output'");
      assert.equal(action.isPreferred, false, written);
      const after = applyEdits(rule(written), editsByUri(action.edit).get('file:///workspace/rules.yaml')!);
      assert.equal(after, rule(`"${written}"`));
      assert.equal(valueOf(after, 'output'), written);
    }
  });
});

describe('no quote fix', () => {
  test('where nothing is wrong', () => {
    assert.deepEqual(quickFixes(rule('"<|Shell spawned: %proc.name|>"')), { titles: [], yamlError: false });
    assert.deepEqual(quickFixes(rule('>\n    <|Shell spawned: %proc.name|>')), { titles: [], yamlError: false });
    assert.deepEqual(quickFixes(rule('|-\n    <|Shell spawned: %proc.name|>')), { titles: [], yamlError: false });
  });

  test('a key indented too far is a key, not text', () => {
    assert.deepEqual(quickFixes('- rule: r\n  desc: d\n  condition: evt.type = execve\n  output: o\n   <|priority|>: INFO\n'), { titles: [], yamlError: true });
  });

  test('an unclosed quote, an unclosed bracket, a tab', () => {
    assert.deepEqual(quickFixes(rule('<|"Shell spawned: %proc.name|>')), { titles: [], yamlError: true });
    assert.deepEqual(quickFixes('- list: l\n  items: <|[a: b, c|>\n- macro: m\n  condition: evt.type = open\n'), { titles: [], yamlError: true });
    assert.deepEqual(quickFixes(rule('a: b').replace('  priority', '<|\t|>priority')), { titles: [], yamlError: true });
  });

  test('a value whose comment is followed by more of it', () => {
    assert.deepEqual(quickFixes(rule('<|Shell # who\n    by: x|>')), { titles: [], yamlError: true });
  });

  test('tags and anchors parse without an error: nothing to attach a fix to', () => {
    // YAML reads `!sh x` as a tagged `x` and `&sh x` as an anchored `x`, silently.
    assert.deepEqual(quickFixes(rule('<|!sh spawned|>')), { titles: [], yamlError: false });
    assert.deepEqual(quickFixes(rule('<|&sh spawned|>')), { titles: [], yamlError: false });
  });
});
