// "Inline macro": each fixture is the file(s) before (cursor `<|>` on a macro reference), the title and the
// file(s) after; the helper re-checks the result in a fresh workspace (no new diagnostic).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix } from '../../../helpers/fixes';

const rule = (condition: string, name = 'Shell') => `- rule: ${name}
  desc: d
  condition: ${condition}
  output: o
  priority: INFO
`;

const macro = (condition: string, name = 'spawned') => `- macro: ${name}\n  condition: ${condition}\n`;

const ONE = 'Inline macro spawned';
const ALL = 'Inline macro spawned everywhere and remove it';

function reasons(fixture: string): Record<string, string | undefined> {
  return Object.fromEntries(actionsAt(fixture).actions.filter((action) => action.title.startsWith('Inline')).map((action) => [action.title, action.disabled?.reason]));
}

describe('inline macro', () => {
  test('one use: parentheses when precedence needs them, the macro stays for its other uses', () => {
    const head = `${macro('evt.type = execve or evt.type = execveat')}\n`;
    const other = `\n${rule('spawned', 'Other')}`;
    assertFix(`${head}${rule('proc.name = bash and spaw<|>ned')}${other}`, ONE, `${head}${rule('proc.name = bash and (evt.type = execve or evt.type = execveat)')}${other}`);
    assertFix(`${head}${rule('not <|>spawned')}${other}`, ONE, `${head}${rule('not (evt.type = execve or evt.type = execveat)')}${other}`);
    assertFix(`${head}${rule('proc.name = bash or spawned<|>')}${other}`, ONE, `${head}${rule('proc.name = bash or evt.type = execve or evt.type = execveat')}${other}`);
    assertFix(`${head}${rule('proc.name = bash and (<|>spawned)')}${other}`, ONE, `${head}${rule('proc.name = bash and (evt.type = execve or evt.type = execveat)')}${other}`);
  });

  test('no parentheses for a single comparison, an `and` inside an `or`, or a use that is the whole condition', () => {
    const other = `\n${rule('spawned', 'Other')}`;
    const single = `${macro('evt.type = execve')}\n`;
    assertFix(`${single}${rule('not spawned<|> and proc.name = bash')}${other}`, ONE, `${single}${rule('not evt.type = execve and proc.name = bash')}${other}`);
    const both = `${macro('evt.type = execve and proc.name = bash')}\n`;
    assertFix(`${both}${rule('user.name = root or <|>spawned')}${other}`, ONE, `${both}${rule('user.name = root or evt.type = execve and proc.name = bash')}${other}`);
    const either = `${macro('evt.type = execve or evt.type = execveat')}\n`;
    assertFix(`${either}${rule('<|>spawned')}${other}`, ONE, `${either}${rule('evt.type = execve or evt.type = execveat')}${other}`);
  });

  test('everywhere, across files (cursor in the first file): every use replaced and the macro removed with its comments', () => {
    assertFix(
      `#- falco_rules.yaml
- list: shells
  items: [bash]

# Processes being started
- macro: spawned   # the usual one
  condition: >
    evt.type = execve or
    evt.type = execveat

- macro: shell_spawned
  condition: spaw<|>ned and proc.name in (shells)

${rule('shell_spawned and user.name = root')}
#- falco_rules.local.yaml
${rule('spawned and proc.name = sh', 'Local')}`,
      ALL,
      `#- falco_rules.yaml
- list: shells
  items: [bash]

- macro: shell_spawned
  condition: (evt.type = execve or evt.type = execveat) and proc.name in (shells)

${rule('shell_spawned and user.name = root')}
#- falco_rules.local.yaml
${rule('(evt.type = execve or evt.type = execveat) and proc.name = sh', 'Local')}`,
    );
  });

  test('everywhere: the last item of a file, several uses in one condition', () => {
    assertFix(
      `${rule('(spawned and proc.name = a) or (<|>spawned and proc.name = b)')}\n${macro('evt.type = execve')}`,
      ALL,
      rule('(evt.type = execve and proc.name = a) or (evt.type = execve and proc.name = b)'),
    );
  });

  test('the effective condition, after an append; then only one use at a time', () => {
    const defs = `${macro('evt.type = execve')}\n- macro: spawned\n  condition: or evt.type = execveat\n  override:\n    condition: append\n\n`;
    const other = `\n${rule('spawned', 'Other')}`;
    assertFix(`${defs}${rule('proc.name = bash and <|>spawned')}${other}`, ONE, `${defs}${rule('proc.name = bash and (evt.type = execve or evt.type = execveat)')}${other}`);
    assert.deepEqual(reasons(`${defs}${rule('proc.name = bash and <|>spawned')}`), {
      [ONE]: undefined,
      [ALL]: 'Macro `spawned` is defined or extended by several items: inline its uses one at a time.',
    });
  });

  test('quoted and folded targets: the text is escaped for the scalar, or the action says why not', () => {
    const head = `${macro(`'proc.cmdline contains "a b" or proc.cmdline contains " #x"'`)}\n`;
    const other = `\n${rule('spawned', 'Other')}`;
    assertFix(
      `${head}${rule('"evt.type = execve and <|>spawned"')}${other}`,
      ONE,
      `${head}${rule('"evt.type = execve and (proc.cmdline contains \\"a b\\" or proc.cmdline contains \\" #x\\")"')}${other}`,
    );
    assertFix(
      `${head}${rule(`'evt.type = execve and <|>spawned'`)}${other}`,
      ONE,
      `${head}${rule(`'evt.type = execve and (proc.cmdline contains "a b" or proc.cmdline contains " #x")'`)}${other}`,
    );
    assertFix(
      `${head}${rule('>\n    evt.type = execve\n    and <|>spawned')}${other}`,
      ONE,
      `${head}${rule('>\n    evt.type = execve\n    and (proc.cmdline contains "a b" or proc.cmdline contains " #x")')}${other}`,
    );
    const plainReason = 'Cannot inline here: the new text cannot be written in this plain YAML value (it would hold `: ` or ` #`); write the condition as a `>` block first.';
    assert.deepEqual(reasons(`${head}${rule('evt.type = execve and <|>spawned')}`), { [ONE]: plainReason, [ALL]: plainReason });
  });

  test('disabled when the macro is undefined or defined twice with different conditions', () => {
    assert.deepEqual(reasons(rule('evt.type = execve and <|>spawned')), { [ONE]: 'No macro named `spawned` is defined.' });
    const twice = `${macro('evt.type = execve')}\n${macro('evt.type = execveat')}\n`;
    assert.deepEqual(reasons(`${twice}${rule('proc.name = a and <|>spawned')}`), { [ONE]: 'Macro `spawned` is defined 2 times with different conditions: which one applies depends on the load.' });
    const same = `${macro('evt.type = execve')}\n${macro('evt.type = execve')}\n`;
    assert.equal(reasons(`${same}${rule('proc.name = a and <|>spawned')}`)[ONE], undefined);
  });

  test('nothing away from a macro reference', () => {
    const fixture = `${macro('evt.type = execve')}\n${rule('spawned and proc.<|>name = a')}`;
    assert.deepEqual(actionsAt(fixture).actions.filter((action) => action.title.startsWith('Inline')), []);
  });
});
