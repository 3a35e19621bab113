// Quick fixes of deprecated-field: an `evt.dir` comparison that is constant is removed with its connective (and
// parentheses left around one operand) when that keeps the condition's meaning, in every scalar style; and
// `%container.info` is removed from outputs. Each fixture is the file before, the title and the whole file after.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsAt, assertFix } from '../../../helpers/fixes';

const rule = (condition: string, output = 'output: "shell %proc.name"') => `- rule: Shell
  desc: d
  ${condition}
  ${output}
  priority: WARNING
`;

/** The quick fixes offered at the cursor (refactorings are other features' business). */
function titles(fixture: string): [string, boolean | undefined][] {
  return actionsAt(fixture)
    .actions.filter((action) => action.kind === 'quickfix')
    .map((action) => [action.title, action.isPreferred]);
}

describe('deprecated-field: remove a constant evt.dir comparison', () => {
  test('the last operand of an and: the and before it goes; preferred', () => {
    const before = rule('condition: evt.type = execve and <|>evt.dir = <');
    assert.deepEqual(titles(before), [["Remove 'evt.dir = <' (always true)", true]]);
    assertFix(before, "Remove 'evt.dir = <' (always true)", rule('condition: evt.type = execve'));
    assertFix(rule('condition: evt.type=execve and <|>evt.dir=<'), "Remove 'evt.dir=<' (always true)", rule('condition: evt.type=execve'));
  });
  test('the first operand: the and after it goes', () => {
    assertFix(rule('condition: <|>evt.dir = < and evt.type = execve and proc.name = bash'), "Remove 'evt.dir = <' (always true)", rule('condition: evt.type = execve and proc.name = bash'));
  });
  test('in the middle of a chain, == and a quoted value', () => {
    assertFix(rule('condition: evt.type = execve and <|>evt.dir == "<" and proc.name = bash'), "Remove 'evt.dir == \"<\"' (always true)", rule('condition: evt.type = execve and proc.name = bash'));
  });
  test('parentheses around the one operand left are dropped, unless something sticks to them', () => {
    assertFix(
      rule('condition: evt.type = execve and (<|>evt.dir = < and proc.name = bash)'),
      "Remove 'evt.dir = <' (always true)",
      rule('condition: evt.type = execve and proc.name = bash'),
    );
    assertFix(
      rule('condition: evt.type = execve and not(proc.name = bash and <|>evt.dir = <)'),
      "Remove 'evt.dir = <' (always true)",
      rule('condition: evt.type = execve and not(proc.name = bash)'),
    );
    assertFix(
      rule('condition: evt.type = execve and (<|>evt.dir = < and proc.name = bash and user.name = root)'),
      "Remove 'evt.dir = <' (always true)",
      rule('condition: evt.type = execve and (proc.name = bash and user.name = root)'),
    );
  });
  test('an always-false operand of or, and a negated one of and, go too', () => {
    assertFix(
      rule('condition: evt.type = execve and (proc.name = bash or <|>evt.dir = >)'),
      "Remove 'evt.dir = >' (always false)",
      rule('condition: evt.type = execve and proc.name = bash'),
    );
    assertFix(rule('condition: evt.type = execve and not <|>evt.dir = >'), "Remove 'not evt.dir = >' (always true)", rule('condition: evt.type = execve'));
    assertFix(rule('condition: evt.type = execve and (<|>evt.dir != >)'), "Remove '(evt.dir != >)' (always true)", rule('condition: evt.type = execve'));
  });
  test('no fix where removing would change the meaning or empty the condition', () => {
    assert.deepEqual(titles(rule('condition: evt.type = execve and (proc.name = bash or <|>evt.dir = <)')), []);
    assert.deepEqual(titles(rule('condition: evt.type = execve and not <|>evt.dir = <')), []);
    assert.deepEqual(titles(rule('condition: evt.type = execve and <|>evt.dir = >')), []);
    assert.deepEqual(titles('- macro: exit_event\n  condition: <|>evt.dir = <\n'), []);
    assert.deepEqual(titles(rule('condition: evt.type = execve and <|>evt.dir in (<)')), []);
  });
  test('a folded condition: the line goes and the scalar stays folded', () => {
    assertFix(
      rule('condition: >\n    evt.type = execve and\n    <|>evt.dir = < and\n    proc.name = bash'),
      "Remove 'evt.dir = <' (always true)",
      rule('condition: >\n    evt.type = execve and\n    proc.name = bash'),
    );
    assertFix(
      rule('condition: >\n    <|>evt.dir = <\n    and evt.type = execve'),
      "Remove 'evt.dir = <' (always true)",
      rule('condition: >\n    evt.type = execve'),
    );
  });
  test('a folded condition with CRLF line breaks', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    assertFix(
      crlf(rule('condition: >\n    evt.type = execve and\n    <|>evt.dir = <\n    and proc.name = bash')),
      "Remove 'evt.dir = <' (always true)",
      crlf(rule('condition: >\n    evt.type = execve\n    and proc.name = bash')),
    );
  });
  test('a literal condition, and a multi-line plain one', () => {
    assertFix(
      rule('condition: |\n    evt.type = execve and\n    <|>evt.dir = <'),
      "Remove 'evt.dir = <' (always true)",
      rule('condition: |\n    evt.type = execve'),
    );
    assertFix(
      rule('condition: evt.type = execve\n    and <|>evt.dir = <\n    and proc.name = bash   # shells'),
      "Remove 'evt.dir = <' (always true)",
      rule('condition: evt.type = execve\n    and proc.name = bash   # shells'),
    );
  });
  test('an appended fragment keeps its leading connective; a fragment of only the comparison gets no fix', () => {
    const macro = '- macro: m\n  condition: evt.type = execve\n- rule: R\n  desc: d\n  condition: m\n  output: o\n  priority: INFO\n';
    assertFix(
      `${macro}- macro: m\n  condition: and <|>evt.dir = < and proc.name = bash\n  override:\n    condition: append\n`,
      "Remove 'evt.dir = <' (always true)",
      `${macro}- macro: m\n  condition: and proc.name = bash\n  override:\n    condition: append\n`,
    );
    assert.deepEqual(titles(`${macro}- macro: m\n  condition: and <|>evt.dir = <\n  override:\n    condition: append\n`), []);
  });
  test('fix all in the file', () => {
    const before = `${rule('condition: evt.type = execve and <|>evt.dir = <')}- macro: m\n  condition: evt.dir = < and evt.type = open\n- rule: R\n  desc: d\n  condition: m\n  output: o\n  priority: INFO\n`;
    assertFix(
      before,
      'Fix all deprecated-field problems in this file (2)',
      `${rule('condition: evt.type = execve')}- macro: m\n  condition: evt.type = open\n- rule: R\n  desc: d\n  condition: m\n  output: o\n  priority: INFO\n`,
    );
  });
});

describe('deprecated-field: remove %container.info', () => {
  const condition = 'condition: evt.type = execve';
  test('with the blank before it, quotes kept', () => {
    const before = rule(condition, 'output: "shell %proc.name <|>%container.info"');
    assert.deepEqual(titles(before), [["Remove '%container.info' from the output", true]]);
    assertFix(before, "Remove '%container.info' from the output", rule(condition, 'output: "shell %proc.name"'));
    assertFix(rule(condition, "output: 'shell %proc.name <|>%container.info (id=%container.id)'"), "Remove '%container.info' from the output", rule(condition, "output: 'shell %proc.name (id=%container.id)'"));
  });
  test('at the start: with the blank after it; with nothing around it: alone', () => {
    assertFix(rule(condition, 'output: "<|>%container.info shell %proc.name"'), "Remove '%container.info' from the output", rule(condition, 'output: "shell %proc.name"'));
    assertFix(rule(condition, 'output: "shell %proc.name (<|>%container.info)"'), "Remove '%container.info' from the output", rule(condition, 'output: "shell %proc.name ()"'));
  });
  test('in a folded output, on its own line', () => {
    assertFix(
      rule(condition, 'output: >\n    shell %proc.name\n    <|>%container.info\n    user=%user.name'),
      "Remove '%container.info' from the output",
      rule(condition, 'output: >\n    shell %proc.name\n    user=%user.name'),
    );
  });
  test('no fix when the output would be empty; none for other deprecated output fields', () => {
    assert.deepEqual(titles(rule(condition, 'output: "<|>%container.info"')), []);
    assert.deepEqual(titles(rule(condition, 'output: "dir %<|>evt.dir"')), []);
  });
});
