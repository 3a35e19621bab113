// Quick fixes of the legacy append keys: `append: true` becomes `override:` with the operation of each key,
// `append: true` next to an `override` is removed, and an appended condition that cannot be joined gets a connective.
// Each fixture is the file before (cursor on the diagnostic), the action's title and the whole file after.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix } from '../../../helpers/fixes';

const shells = '- list: shells\n  items: [bash]\n';
const shellProcs = '- macro: shell_procs\n  condition: proc.name in (shells)\n';
const shellRule = `- rule: Shell
  desc: a shell
  condition: evt.type = execve and shell_procs
  output: shell %proc.name
  priority: WARNING
`;
const base = shells + shellProcs + shellRule;

/** The quick fixes offered at the cursor (refactorings are other features' business). */
function titles(fixture: string): [string, boolean | undefined][] {
  return actionsAt(fixture)
    .actions.filter((action) => action.kind === 'quickfix')
    .map((action) => [action.title, action.isPreferred]);
}

describe('deprecated-append: migrate to override', () => {
  test('a list: items: append, as a block mapping in the item indentation', () => {
    assertFix(`${base}- list: shells\n  items: [zsh]\n  <|>append: true\n`, "Replace 'append: true' with override (items: append)", `${base}- list: shells\n  items: [zsh]\n  override:\n    items: append\n`);
  });
  test('a macro: condition: append; the comment on the line is kept, other comments too', () => {
    assertFix(
      `${base}# more shells\n- macro: shell_procs\n  condition: or proc.name = fish   # fish\n  append: <|>yes   # legacy\n`,
      "Replace 'append: yes' with override (condition: append)",
      `${base}# more shells\n- macro: shell_procs\n  condition: or proc.name = fish   # fish\n  override:\n    condition: append   # legacy\n`,
    );
  });
  test('the append line in the middle of the item, a deeper item indentation', () => {
    assertFix(
      `${base}-   macro: shell_procs\n    append: <|>true\n    condition: or proc.name = fish\n`,
      "Replace 'append: true' with override (condition: append)",
      `${base}-   macro: shell_procs\n    override:\n        condition: append\n    condition: or proc.name = fish\n`,
    );
  });
  test('a rule: condition and exceptions, in the order of the item; preferred', () => {
    const before = `${base}- rule: Shell\n  condition: and not user.name = root\n  exceptions:\n    - name: known\n      fields: [proc.pname]\n      values: [[cron]]\n  <|>append: true\n`;
    assert.deepEqual(titles(before), [["Replace 'append: true' with override (condition: append, exceptions: append)", true]]);
    assertFix(
      before,
      "Replace 'append: true' with override (condition: append, exceptions: append)",
      `${base}- rule: Shell\n  condition: and not user.name = root\n  exceptions:\n    - name: known\n      fields: [proc.pname]\n      values: [[cron]]\n  override:\n    condition: append\n    exceptions: append\n`,
    );
  });
  test('a rule with keys the legacy append ignored: remove them, or apply them (tags appended, others replaced)', () => {
    const before = `${base}- rule: Shell\n  condition: and not user.name = root\n  output: >\n    shell by %user.name\n  tags: [shell]   # tagged\n  priority: ERROR\n  <|>append: true\n`;
    assert.deepEqual(titles(before), [
      ["Replace 'append: true' with override (condition: append) and remove the ignored 'output', 'tags', 'priority'", false],
      ["Replace 'append: true' with override (condition: append, output: replace, tags: append, priority: replace)", false],
    ]);
    assertFix(
      before,
      "Replace 'append: true' with override (condition: append) and remove the ignored 'output', 'tags', 'priority'",
      `${base}- rule: Shell\n  condition: and not user.name = root\n  override:\n    condition: append\n`,
    );
    assertFix(
      before,
      "Replace 'append: true' with override (condition: append, output: replace, tags: append, priority: replace)",
      `${base}- rule: Shell\n  condition: and not user.name = root\n  output: >\n    shell by %user.name\n  tags: [shell]   # tagged\n  priority: ERROR\n  override:\n    condition: append\n    output: replace\n    tags: append\n    priority: replace\n`,
    );
  });
  test('flow style: in a flow item, and when the file writes its overrides as flow mappings', () => {
    assertFix(`${base}- {list: shells, items: [zsh], <|>append: true}\n`, "Replace 'append: true' with override (items: append)", `${base}- {list: shells, items: [zsh], override: {items: append}}\n`);
    const flowOverride = '- list: shells\n  items: [ksh]\n  override: {items: append}\n';
    assertFix(
      `${base}${flowOverride}- list: shells\n  items: [zsh]\n  <|>append: true\n`,
      "Replace 'append: true' with override (items: append)",
      `${base}${flowOverride}- list: shells\n  items: [zsh]\n  override: {items: append}\n`,
    );
  });
  test('a flow rule item: the ignored keys go with their comma', () => {
    assertFix(
      `${base}- {rule: Shell, condition: and not user.name = root, <|>append: true, enabled: false}\n`,
      "Replace 'append: true' with override (condition: append) and remove the ignored 'enabled'",
      `${base}- {rule: Shell, condition: and not user.name = root, override: {condition: append}}\n`,
    );
  });
  test('the indentation of an existing block override wins over the item indentation', () => {
    const blockOverride = '- list: shells\n  items: [ksh]\n  override:\n      items: append\n';
    assertFix(
      `${base}${blockOverride}- list: shells\n  items: [zsh]\n  <|>append: true\n`,
      "Replace 'append: true' with override (items: append)",
      `${base}${blockOverride}- list: shells\n  items: [zsh]\n  override:\n      items: append\n`,
    );
  });
  test('CRLF line breaks stay CRLF', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    assertFix(crlf(`${base}- list: shells\n  items: [zsh]\n  <|>append: true\n`), "Replace 'append: true' with override (items: append)", crlf(`${base}- list: shells\n  items: [zsh]\n  override:\n    items: append\n`));
  });
  test('no migration when there is nothing to append, or an override key already exists', () => {
    assert.deepEqual(titles(`${base}- rule: Shell\n  source: syscall\n  <|>append: true\n`), []);
    assert.deepEqual(titles(`${base}- list: shells\n  items: [zsh]\n  <|>append: true\n  override: {}\n`), []);
  });
  test('no action where nothing is wrong', () => {
    assert.deepEqual(titles(`${base}- list: shells\n  items: [zsh]\n  <|>override:\n    items: append\n`), []);
    assert.deepEqual(titles(`${base}- list: shells\n  items: [zsh]\n  <|>append: false\n`), []);
  });
});

describe('append-with-override: remove append', () => {
  test('the append line goes, with its comment', () => {
    assertFix(
      `${base}- list: shells\n  items: [zsh]\n  <|>append: true   # old\n  override:\n    items: append\n`,
      "Remove 'append: true'",
      `${base}- list: shells\n  items: [zsh]\n  override:\n    items: append\n`,
    );
  });
  test('in a flow item, with its comma; preferred', () => {
    const before = `${base}- {list: shells, <|>append: true, items: [zsh], override: {items: append}}\n`;
    assert.deepEqual(titles(before), [["Remove 'append: true'", true]]);
    assertFix(before, "Remove 'append: true'", `${base}- {list: shells, items: [zsh], override: {items: append}}\n`);
  });
});

describe('appended-condition-syntax: join with a connective', () => {
  const macro = '- macro: m\n  condition: proc.name = a\n';
  test('an appended condition without a connective: and or or, neither preferred', () => {
    const before = `${macro}- macro: m\n  condition: <|>not proc.name = b\n  override:\n    condition: append\n`;
    assert.deepEqual(titles(before), [
      ["Start the appended condition with 'and'", false],
      ["Start the appended condition with 'or'", false],
    ]);
    assertFix(before, "Start the appended condition with 'and'", `${macro}- macro: m\n  condition: and not proc.name = b\n  override:\n    condition: append\n`);
  });
  test('inside a folded scalar and a quoted one', () => {
    assertFix(
      `${macro}- macro: m\n  condition: >\n    <|>proc.name = b\n  override:\n    condition: append\n`,
      "Start the appended condition with 'or'",
      `${macro}- macro: m\n  condition: >\n    or proc.name = b\n  override:\n    condition: append\n`,
    );
    assertFix(
      `${macro}- macro: m\n  condition: "<|>(proc.name = b)"\n  override:\n    condition: append\n`,
      "Start the appended condition with 'and'",
      `${macro}- macro: m\n  condition: "and (proc.name = b)"\n  override:\n    condition: append\n`,
    );
  });
});
