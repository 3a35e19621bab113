// "Extract into a new macro": each fixture is the file before (a selection `<|`…`|>`), the title and the file
// after (snippet placeholders as their defaults); the helper re-checks the result in a fresh workspace (no new
// diagnostic: the new macro is used, and defined where the engine can see it).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix, editsByUri, findAction } from '../../../helpers/fixes';

const TITLE = 'Extract into a new macro';

const rule = (condition: string, name = 'Shell') => `- rule: ${name}
  desc: d
  condition: ${condition}
  output: o
  priority: INFO
`;

const macro = (condition: string, name = 'new_macro') => `- macro: ${name}\n  condition: ${condition}\n\n`;

function disabledReason(fixture: string): string | undefined {
  return findAction(actionsAt(fixture).actions, TITLE).disabled?.reason;
}

describe('extract into a new macro', () => {
  test('a run of `and` operands: a new macro before the rule, the selection becomes its name', () => {
    assertFix(
      `# Shells\n${rule('evt.type = execve and <|proc.name = bash and proc.pname = sshd|> and user.name = root  # keep')}`,
      TITLE,
      `${macro('proc.name = bash and proc.pname = sshd')}# Shells\n${rule('evt.type = execve and new_macro and user.name = root  # keep')}`,
    );
  });

  test('one whole expression: a group right after `not` gets a blank before the name', () => {
    assertFix(
      rule('evt.type = execve and not<|(proc.name = bash or proc.name = sh)|>'),
      TITLE,
      `${macro('(proc.name = bash or proc.name = sh)')}${rule('evt.type = execve and not new_macro')}`,
    );
    assertFix(
      rule('evt.type = execve and (<|proc.name = bash or proc.name = sh|>)'),
      TITLE,
      `${macro('proc.name = bash or proc.name = sh')}${rule('evt.type = execve and (new_macro)')}`,
    );
  });

  test('the whole condition of a macro: the new macro goes before it', () => {
    assertFix(
      `- macro: shells\n  condition: <|proc.name in (bash, sh)|>\n\n${rule('evt.type = execve and shells')}`,
      TITLE,
      `${macro('proc.name in (bash, sh)')}- macro: shells\n  condition: new_macro\n\n${rule('evt.type = execve and shells')}`,
    );
  });

  test('the name is one snippet placeholder, linked at both places; a taken name gets a number', () => {
    const taken = macro('proc.name = x');
    const { actions } = actionsAt(`${taken}${rule('evt.type = execve and <|new_macro|>')}`, { support: { snippets: true, resolve: false } });
    const edits = [...editsByUri(findAction(actions, TITLE).edit, 'keep').values()][0];
    assert.deepEqual(edits.map((edit) => edit.newText), ['- macro: ${1:new_macro_2}\n  condition: new_macro\n\n', '${1:new_macro_2}']);
  });

  test('snippet syntax in the selected text stays literal', () => {
    const { actions } = actionsAt(rule('evt.type = execve and <|proc.cmdline contains "${x}\\\\y"|>'), { support: { snippets: true, resolve: false } });
    const edits = [...editsByUri(findAction(actions, TITLE).edit, 'keep').values()][0];
    assert.deepEqual(edits.map((edit) => edit.newText), ['- macro: ${1:new_macro}\n  condition: proc.cmdline contains "\\${x\\}\\\\\\\\y"\n\n', '${1:new_macro}']);
    assertFix(rule('evt.type = execve and <|proc.cmdline contains "${x}"|>'), TITLE, `${macro('proc.cmdline contains "${x}"')}${rule('evt.type = execve and new_macro')}`);
  });

  test('a folded condition: the selection spans lines, the macro gets it on one line', () => {
    assertFix(
      rule(`>
    evt.type = execve and
    <|proc.name = bash and
      proc.pname = sshd|>
    and user.name = root`),
      TITLE,
      `${macro('proc.name = bash and proc.pname = sshd')}${rule(`>
    evt.type = execve and
    new_macro
    and user.name = root`)}`,
    );
  });

  test('a double-quoted condition: the macro condition is the decoded text', () => {
    assertFix(
      rule('"evt.type = execve and <|proc.name = \\"x y\\"|>"'),
      TITLE,
      `${macro('proc.name = "x y"')}${rule('"evt.type = execve and new_macro"')}`,
    );
  });

  test('the new condition is quoted when plain YAML cannot hold it', () => {
    assertFix(
      rule('>\n    evt.type = open and <|fd.name = "a: b" and proc.cmdline contains " #x"|>'),
      TITLE,
      `${macro(`'fd.name = "a: b" and proc.cmdline contains " #x"'`)}${rule('>\n    evt.type = open and new_macro')}`,
    );
  });

  test('a rule using a macro defined after it: the new macro goes after that macro', () => {
    assertFix(
      `${rule('<|spawned and proc.name = bash|> and user.name = root')}\n- macro: spawned\n  condition: evt.type = execve\n\n- macro: other\n  condition: evt.type = open\n\n${rule('other', 'Other')}`,
      TITLE,
      `${rule('new_macro and user.name = root')}\n- macro: spawned\n  condition: evt.type = execve\n\n${macro('spawned and proc.name = bash')}- macro: other\n  condition: evt.type = open\n\n${rule('other', 'Other')}`,
    );
    assertFix(
      `${rule('evt.type = execve and <|late and proc.name = bash|>')}\n- macro: late\n  condition: user.name = root\n`,
      TITLE,
      `${rule('evt.type = execve and new_macro')}\n- macro: late\n  condition: user.name = root\n\n- macro: new_macro\n  condition: late and proc.name = bash\n`,
    );
  });

  test('disabled when the selection is not a whole sub-condition', () => {
    const reason = 'Select a whole sub-condition: a comparison, a macro name, a parenthesised group, or operands joined by the same `and`/`or`.';
    assert.equal(disabledReason(rule('evt.type = execve and <|proc.name|> = bash')), reason);
    assert.equal(disabledReason(rule('evt.type = execve and <|proc.name = bash or proc.name|> = sh')), reason);
    assert.equal(disabledReason(rule('evt.type = execve and <|proc.name = bash and proc.name = sh or user.name = root|>')), reason);
    assert.equal(disabledReason(rule('evt.type = execve and (<|proc.name = bash and proc.name = sh|> or user.name = root)')), undefined);
    assert.equal(disabledReason(rule('evt.type = <|execve and proc.name = bash|>')), reason);
  });

  test('disabled on a syntax error; nothing at a cursor or outside conditions', () => {
    assert.equal(disabledReason(rule('evt.type = execve and <|(proc.name =|>')), 'The selected condition has a syntax error: fix it first.');
    assert.equal(disabledReason(rule('evt.type = execve and <|proc.name bash|>')), 'The selected condition has a syntax error: fix it first.');
    const none = (fixture: string) => assert.deepEqual(actionsAt(fixture).actions.filter((action) => action.title === TITLE), [], fixture);
    none(rule('evt.type = execve and <|>proc.name = bash'));
    none(rule('evt.type = execve').replace('<|', '').replace('desc: d', 'desc: <|d|>'));
  });
});
