// "Did you mean" quick fixes: each fixture is the file before (the cursor on the misspelled name), the action's
// title and the file after; the helper also checks the diagnostic is gone and nothing new appeared.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix } from '../../../helpers/fixes';

const rule = (condition: string, extra = '', output = '"shell %proc.name"') => `- rule: Shell spawned
  desc: d
  condition: ${condition}
  output: ${output}
  priority: WARNING
${extra}`;

/** Titles and preferred flags of the quick fixes at the cursor. */
function quickFixes(fixture: string): [string, boolean | undefined][] {
  return actionsAt(fixture)
    .actions.filter((action) => action.kind === 'quickfix')
    .map((action) => [action.title, action.isPreferred]);
}

describe('fields', () => {
  test('an unknown field in a condition: the closest field, preferred when alone', () => {
    assertFix(rule('evt.type = execve and <|>proc.nme = bash'), "Change to 'proc.name'", rule('evt.type = execve and proc.name = bash'));
    assert.deepEqual(quickFixes(rule('evt.type = execve and <|>user.nmae = root')), [["Change to 'user.name'", true]]);
  });

  test('several close fields: one fix each, none preferred', () => {
    const fixes = quickFixes(rule('evt.type = execve and <|>proc.pnam = bash'));
    assert.ok(fixes.length >= 2 && fixes.length <= 3, JSON.stringify(fixes));
    assert.ok(fixes.every(([title, preferred]) => title.startsWith("Change to 'proc.") && preferred === false), JSON.stringify(fixes));
  });

  test('the argument is kept', () => {
    assertFix(rule('evt.type = execve and <|>proc.anme[2] = bash'), "Change to 'proc.aname'", rule('evt.type = execve and proc.aname[2] = bash'));
  });

  test('inside a folded condition and a double-quoted one', () => {
    assertFix(
      rule('>\n    evt.type = execve and\n    <|>proc.nme = bash'),
      "Change to 'proc.name'",
      rule('>\n    evt.type = execve and\n    proc.name = bash'),
    );
    assertFix(rule('"evt.type = execve and <|>proc.nme = \\"bash\\""'), "Change to 'proc.name'", rule('"evt.type = execve and proc.name = \\"bash\\""'));
  });

  test('a name spelled with a YAML escape: no fix', () => {
    assert.deepEqual(quickFixes(rule('"evt.type = execve and <|>proc.n\\x6de = bash"')), []);
  });
});

describe('macros and lists', () => {
  const macro = '- macro: spawned_process\n  condition: evt.type = execve\n';
  test('an undefined macro: the closest visible macro', () => {
    assertFix(macro + rule('<|>spawned_proces and proc.name = bash'), "Change to 'spawned_process'", macro + rule('spawned_process and proc.name = bash'));
  });

  test('a macro defined below another macro is not offered to it', () => {
    const fixture = `- macro: shell_procs\n  condition: <|>spawned_proces and proc.name = bash\n${macro}${rule('shell_procs')}`;
    assert.deepEqual(quickFixes(fixture), []);
  });

  test('an undefined list: the closest list', () => {
    const list = '- list: shell_binaries\n  items: [bash, sh]\n';
    assertFix(
      list + rule('evt.type = execve and proc.name in (<|>shell_binarys)'),
      "Change to 'shell_binaries'",
      list + rule('evt.type = execve and proc.name in (shell_binaries)'),
    );
  });

  test('a misspelled list of numbers (invalid-value): the closest list', () => {
    const list = '- list: root_uids\n  items: [0]\n';
    assertFix(list + rule('evt.type = execve and user.uid in (<|>root_uidz)'), "Change to 'root_uids'", list + rule('evt.type = execve and user.uid in (root_uids)'));
  });
});

describe('event types', () => {
  test('evt.type = execv', () => {
    assertFix(rule('evt.type = <|>execv'), "Change to 'execve'", rule('evt.type = execve'));
  });

  test('evt.type in (opn), and a quoted event name keeps its quotes', () => {
    assertFix(rule('evt.type in (<|>opn, openat)'), "Change to 'open'", rule('evt.type in (open, openat)'));
    assertFix(rule(`'evt.type = "<|>execv"'`), "Change to 'execve'", rule(`'evt.type = "execve"'`));
  });

  test('a value pasted from a list is fixed in the list, not here', () => {
    const list = '- list: my_events\n  items: [execv]\n';
    assert.deepEqual(quickFixes(list + rule('evt.type in (<|>my_events)')), []);
  });
});

describe('keys, priorities, sources, item kinds', () => {
  test('an unknown key: rename it', () => {
    assertFix(rule('evt.type = execve', '  <|>tag: [shell]\n'), "Rename key 'tag' to 'tags'", rule('evt.type = execve', '  tags: [shell]\n'));
  });

  test('no rename into a key the item already has', () => {
    assert.deepEqual(quickFixes(rule('evt.type = execve', '  tags: [a]\n  <|>tag: [shell]\n')), []);
  });

  test('a misspelled required key: rename it', () => {
    const before = '- rule: R\n  <|>descr: text\n  condition: evt.type = open\n  output: o\n  priority: INFO\n';
    assertFix(before, "Rename key 'descr' to 'desc'", '- rule: R\n  desc: text\n  condition: evt.type = open\n  output: o\n  priority: INFO\n');
  });

  test('priorities: WARN, CRIT, a lowercase name, a quoted one', () => {
    const withPriority = (priority: string) => rule('evt.type = execve').replace('priority: WARNING', `priority: ${priority}`);
    assertFix(withPriority('<|>WARN'), "Change to 'WARNING'", withPriority('WARNING'));
    assertFix(withPriority('<|>Crit   # loud'), "Change to 'CRITICAL'", withPriority('CRITICAL   # loud'));
    assertFix(withPriority('<|>informational'), "Change to 'INFORMATIONAL'", withPriority('INFORMATIONAL'));
    assertFix(withPriority('"<|>Warning"'), "Change to 'WARNING'", withPriority('"WARNING"'));
  });

  test('an unknown source: the closest known source', () => {
    assertFix(rule('evt.type = execve', '  source: <|>syscalls\n'), "Change to 'syscall'", rule('evt.type = execve', '  source: syscall\n'));
  });

  test('an unknown item kind: rename the key', () => {
    const item = (key: string) => `- ${key}: shell_binaries\n  items: [bash, sh]\n- macro: m\n  condition: proc.name in (shell_binaries)\n`;
    assertFix(item('<|>lists'), "Rename key 'lists' to 'list'", item('list'));
    assert.deepEqual(quickFixes(item('<|>lists')), [["Rename key 'lists' to 'list'", true]]);
  });
});

describe('no did-you-mean fix', () => {
  test('where nothing is wrong', () => {
    assert.deepEqual(quickFixes(rule('evt.type = execve and <|>proc.name = bash')), []);
  });

  test('where nothing is close', () => {
    assert.deepEqual(quickFixes(rule('evt.type = execve and <|>zzz.qqq = bash')), []);
    assert.deepEqual(quickFixes(rule('evt.type = execve', '  <|>frobnicate: yes\n')), []);
  });
});
