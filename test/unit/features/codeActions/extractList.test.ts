// "Extract values into a new list": each fixture is the file before (cursor `<|>` or selection `<|`…`|>`), the
// title and the file after (snippet placeholders as their defaults); the helper re-checks the result in a fresh
// workspace (no new diagnostic: the new list is used).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix, editsByUri, findAction } from '../../../helpers/fixes';

const TITLE = 'Extract values into a new list';

const rule = (condition: string, head = '') => `${head}- rule: Miner
  desc: d
  condition: ${condition}
  output: o
  priority: INFO
`;

const list = (items: string, name = 'proc_name_values') => `- list: ${name}\n  items: ${items}\n\n`;

describe('extract values into a new list', () => {
  test('the values of `in (…)` at the cursor: a new list before the rule, the comments above it stay attached', () => {
    assertFix(
      `- macro: spawned
  condition: evt.type = execve

# Miners
# (two comment lines)
${rule('spawned and proc.name in (xmr<|>ig, minerd)  # keep me')}`,
      TITLE,
      `- macro: spawned
  condition: evt.type = execve

${list('[xmrig, minerd]')}# Miners
# (two comment lines)
${rule('spawned and proc.name in (proc_name_values)  # keep me')}`,
    );
  });

  test('the first item of a file, and items without blank lines between them', () => {
    assertFix(rule('evt.type = execve and proc.name in (<|>xmrig)'), TITLE, `${list('[xmrig]')}${rule('evt.type = execve and proc.name in (proc_name_values)')}`);
    assertFix(
      `- macro: spawned\n  condition: evt.type = execve\n${rule('spawned and proc.name in (<|>a, b)')}`,
      TITLE,
      `- macro: spawned\n  condition: evt.type = execve\n\n${list('[a, b]')}${rule('spawned and proc.name in (proc_name_values)')}`,
    );
  });

  test('the new name is one snippet placeholder, linked at both places', () => {
    const { actions } = actionsAt(rule('evt.type = execve and proc.name in (<|>xmrig, minerd)'), { support: { snippets: true, resolve: false } });
    const edits = [...editsByUri(findAction(actions, TITLE).edit, 'keep').values()][0];
    assert.deepEqual(edits.map((edit) => edit.newText), [
      '- list: ${1:proc_name_values}\n  items: [xmrig, minerd]\n\n',
      '(${1:proc_name_values})',
    ]);
  });

  test('an or-chain of equalities at the cursor: the whole run of that field, other operands kept', () => {
    assertFix(
      rule('evt.type = execve and (proc.name = xmrig or proc.name = <|>minerd or proc.name = "my app" or proc.pname = bash)'),
      TITLE,
      `${list('[xmrig, minerd, my app]')}${rule('evt.type = execve and (proc.name in (proc_name_values) or proc.pname = bash)')}`,
    );
  });

  test('a selection takes only the equalities it touches', () => {
    assertFix(
      rule('evt.type = execve and (proc.name = a or <|proc.name = b or proc.name = c|>)'),
      TITLE,
      `${list('[b, c]')}${rule('evt.type = execve and (proc.name = a or proc.name in (proc_name_values))')}`,
    );
  });

  test('a folded condition: the chain spans lines, the rest of the block is untouched', () => {
    assertFix(
      rule(`>
    evt.type = execve and (proc.name = xmrig or
      proc.name = minerd or pro<|>c.name = cpuminer
    or proc.pname = bash)`),
      TITLE,
      `${list('[xmrig, minerd, cpuminer]')}${rule(`>
    evt.type = execve and (proc.name in (proc_name_values)
    or proc.pname = bash)`)}`,
    );
  });

  test('a double-quoted condition: quoted values become items quoted as YAML needs', () => {
    assertFix(
      rule(`"evt.type = execve and proc.name in (xmrig, 'my app', \\"a,b\\", <|>x:y)"`),
      TITLE,
      `${list(`[xmrig, my app, '"a,b"', 'x:y']`)}${rule('"evt.type = execve and proc.name in (proc_name_values)"')}`,
    );
  });

  test('a single-quoted condition', () => {
    assertFix(
      rule(`'evt.type = execve and (proc.name = ''a b'' or <|>proc.name = c)'`),
      TITLE,
      `${list('[a b, c]')}${rule(`'evt.type = execve and (proc.name in (proc_name_values))'`)}`,
    );
  });

  test('a value that names a list stays an item (lists may hold lists)', () => {
    const known = '- list: known_miners\n  items: [xmrig]\n\n';
    assertFix(`${known}${rule('evt.type = execve and proc.name in (known_miners, <|>minerd)')}`, TITLE, `${known}${list('[known_miners, minerd]')}${rule('evt.type = execve and proc.name in (proc_name_values)')}`);
  });

  test('block `items` when the file writes its lists that way; a taken name gets a number', () => {
    const existing = '- list: proc_name_values\n  items:\n    - xmrig\n\n';
    assertFix(
      `${existing}${rule('evt.type = execve and (proc.name in (proc_name_values) or proc.pname in (<|>bash, "z sh"))')}`,
      TITLE,
      `${existing}- list: proc_pname_values\n  items:\n    - bash\n    - z sh\n\n${rule('evt.type = execve and (proc.name in (proc_name_values) or proc.pname in (proc_pname_values))')}`,
    );
    assertFix(
      `${existing}${rule('evt.type = execve and (proc.name in (proc_name_values) or proc.name = <|>a or proc.name = b)')}`,
      TITLE,
      `${existing}- list: proc_name_values_2\n  items:\n    - a\n    - b\n\n${rule('evt.type = execve and (proc.name in (proc_name_values) or proc.name in (proc_name_values_2))')}`,
    );
  });

  test('other list operators keep their operator', () => {
    assertFix(
      rule('evt.type = open and fd.name pmatch (/etc, <|>/root)'),
      TITLE,
      `- list: fd_name_values\n  items: [/etc, /root]\n\n${rule('evt.type = open and fd.name pmatch (fd_name_values)')}`,
    );
    assertFix(
      rule('evt.type = open and tolower(fd.name) startswith anyof (<|>/etc/, /root/)'),
      TITLE,
      `- list: fd_name_values\n  items: [/etc/, /root/]\n\n${rule('evt.type = open and tolower(fd.name) startswith anyof (fd_name_values)')}`,
    );
  });

  test('an appended condition fragment', () => {
    const base = rule('evt.type = execve');
    assertFix(
      `${base}\n- rule: Miner\n  condition: and not proc.name in (<|>a, b)\n  override:\n    condition: append\n`,
      TITLE,
      `${base}\n${list('[a, b]')}- rule: Miner\n  condition: and not proc.name in (proc_name_values)\n  override:\n    condition: append\n`,
    );
  });

  test('the layout of the entry is measured: wider dash gaps are kept', () => {
    assertFix(
      '-   rule: Miner\n    desc: d\n    condition: evt.type = execve and proc.name in (<|>a, b)\n    output: o\n    priority: INFO\n',
      TITLE,
      '-   list: proc_name_values\n    items: [a, b]\n\n-   rule: Miner\n    desc: d\n    condition: evt.type = execve and proc.name in (proc_name_values)\n    output: o\n    priority: INFO\n',
    );
  });

  test('disabled in an item written as a flow mapping', () => {
    const { actions } = actionsAt(`- macro: spawned\n  condition: evt.type = execve\n\n- {rule: Miner, desc: d, condition: "spawned and proc.name in (<|>a, b)", output: o, priority: INFO}\n`);
    assert.equal(findAction(actions, TITLE).disabled?.reason, 'The item is not written as a `- key: value` block entry.');
  });

  test('CRLF line endings are kept', () => {
    const before = rule('evt.type = execve and proc.name in (<|>a, b)').replace(/\n/g, '\r\n');
    const after = `${list('[a, b]')}${rule('evt.type = execve and proc.name in (proc_name_values)')}`.replace(/\n/g, '\r\n');
    assertFix(before, TITLE, after);
  });

  test('no action elsewhere', () => {
    const none = (fixture: string) => assert.deepEqual(actionsAt(fixture).actions.filter((action) => action.title === TITLE), [], fixture);
    none(rule('evt.type = execve and proc.name = <|>xmrig'));
    none(rule('evt.type = execve and (proc.name = <|>a or proc.pname = b)'));
    none(rule('evt.type = execve and (proc.name = a or proc.name <|>contains b)'));
    none(rule('evt.<|>type = execve and proc.name in ()'));
    none(`- list: known\n  items: [a]\n\n${rule('evt.type = execve and proc.name in (<|>known)')}`);
    none(rule('evt.type = execve and proc.name in (a, b)').replace('desc: d', 'desc: <|>d'));
    none(rule('evt.type = execve and proc.name in (<|>a, b')); // unclosed list
  });
});
