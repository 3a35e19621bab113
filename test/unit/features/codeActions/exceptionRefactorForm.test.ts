// Converting exceptions between the single-field form and the list form: each case is the file before (cursor in
// the exception), the action and the file after; the condition the engine would build from the exceptions
// (falco-language.md §3.3) must mean the same before and after.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCondition } from '../../../../server/src/syntax/condition/parser';
import type { Expr } from '../../../../server/src/syntax/condition/ast';
import { parseRulesFile } from '../../../../server/src/syntax/rulesFile';
import { getPair, type YNode } from '../../../../server/src/syntax/yaml/tree';
import { LineIndex } from '../../../../server/src/service/lineIndex';
import { actionsAt, assertFix, findAction } from '../../../helpers/fixes';
import { dedent, stripMarkers } from '../../../helpers/markers';

const TO_LIST = 'Convert exception to the list form';
const TO_SINGLE = 'Convert exception to the single-field form';

const rule = (exceptions: string) => `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: WARNING
  exceptions:
${exceptions}`;

// ---- what the engine builds --------------------------------------------------------------------------------------

const LIST_OPERATORS = ['in', 'intersects', 'pmatch'];
const takesList = (comp: string) => LIST_OPERATORS.includes(comp) || /\s(oneof|anyof|allof)$/.test(comp);
const quote = (value: string) => (value.includes(' ') && !/^["']/.test(value) ? `"${value}"` : value);
const paren = (value: string) => (value.startsWith('(') ? value : `(${value})`);
const scalar = (node: YNode | null | undefined) => (node && node.kind === 'scalar' ? node.value : '');
const items = (node: YNode | null | undefined) => (node && node.kind === 'seq' ? node.items : []);

/** The text the engine appends for each exception of the file's first rule (§3.3), in our own code. */
function exceptionClauses(text: string): string[] {
  const rule = parseRulesFile(text).items[0]!;
  const clauses: string[] = [];
  for (const entry of items(getPair(rule.map!, 'exceptions')?.value)) {
    if (!entry || entry.kind !== 'map') continue;
    const fields = getPair(entry, 'fields')?.value;
    const comps = getPair(entry, 'comps')?.value;
    const values = items(getPair(entry, 'values')?.value);
    if (fields && fields.kind === 'scalar') {
      const comp = comps ? scalar(comps).trim() : 'in';
      if (values.length > 0) clauses.push(`(${fields.value} ${comp} (${values.map((value) => quote(scalar(value))).join(', ')}))`);
      continue;
    }
    const names = items(fields).map(scalar);
    const ops = comps ? items(comps).map((comp) => scalar(comp).trim()) : names.map(() => '=');
    const tuples = values.map((tuple) => {
      const parts = items(tuple).map((value, index) => {
        const written = value && value.kind === 'seq' ? `(${value.items.map((item) => quote(scalar(item))).join(', ')})` : takesList(ops[index]!) ? paren(scalar(value)) : quote(scalar(value));
        return ` ${names[index]} ${ops[index]} ${written}`;
      });
      return `(${parts.join(' and ')})`;
    });
    if (tuples.length > 0) clauses.push(`(${tuples.join(' or ')})`);
  }
  return clauses;
}

/**
 * What a clause means, independent of how it is written: the set of conjunctions of single-value checks, where a
 * list compared with `in`, `pmatch`, `intersects` or an `anyof` modifier stands for one check per value.
 */
function meaning(expr: Expr): string[][] {
  switch (expr.kind) {
    case 'group':
      return meaning(expr.expr);
    case 'or':
      return expr.children.flatMap(meaning);
    case 'and':
      return expr.children.map(meaning).reduce((left, right) => left.flatMap((a) => right.map((b) => [...a, ...b].sort())), [[]] as string[][]);
    case 'check': {
      const field = expr.left.kind === 'field' ? expr.left.name : '?';
      const right = expr.right;
      const values = right?.kind === 'list' ? right.items.map((item) => item.value) : right?.kind === 'value' ? [right.value] : [];
      const base = expr.operator.name === '==' ? '=' : expr.operator.name;
      const modifier = expr.operator.modifier?.name;
      if (modifier === 'anyof' || (!modifier && LIST_OPERATORS.includes(base))) {
        const single = base === 'in' ? '=' : base;
        return values.map((value) => [`${field} ${single} ${value}`]);
      }
      if (modifier) return [[`${field} ${base} ${modifier} (${values.join(', ')})`]];
      return [[`${field} ${base} ${values[0]}`]];
    }
    default:
      assert.fail(`unexpected ${expr.kind} in an exception clause`);
  }
}

function meaningsOf(text: string): string[][] {
  return exceptionClauses(text).map((clause) => {
    const parsed = parseCondition(clause);
    assert.deepEqual(parsed.problems, [], `the engine text does not parse: ${clause}`);
    return [...new Set(meaning(parsed.ast!).map((conjunction) => conjunction.join(' and ')))].sort();
  });
}

/** Applies the conversion, compares the file after, and checks the exceptions still mean the same. */
function assertConversion(before: string, title: string, after: string): void {
  assertFix(before, title, after);
  const plainBefore = stripMarkers(dedent(`\n${before}`)).text;
  const meaningBefore = meaningsOf(plainBefore);
  assert.ok(meaningBefore.length > 0, 'the fixture builds no exception clause');
  assert.deepEqual(meaningsOf(dedent(`\n${after}`)), meaningBefore);
}

function disabledReason(fixture: string, title: string): string | undefined {
  return findAction(actionsAt(fixture).actions, title).disabled?.reason;
}

// ---- cases -----------------------------------------------------------------------------------------------------

describe('exception form: single field → list', () => {
  test('flow values become one tuple holding the list, comps in brackets', () => {
    assertConversion(
      rule('    - name: known\n      fields: <|>proc.pname\n      comps: pmatch\n      values: [/usr/bin, "/opt/my tools"]   # why'),
      TO_LIST,
      rule('    - name: known\n      fields: [proc.pname]\n      comps: [pmatch]\n      values: [[[/usr/bin, "/opt/my tools"]]]   # why'),
    );
  });
  test('without comps, the default in is written (the list form would default to =)', () => {
    assertConversion(
      rule('    - name: known  # keep\n      fields: proc.pname   # parent\n      values: [sshd, cron]<|>'),
      TO_LIST,
      rule('    - name: known  # keep\n      fields: [proc.pname]   # parent\n      comps: [in]\n      values: [[[sshd, cron]]]'),
    );
  });
  test('block values become one flow tuple in the block sequence', () => {
    assertConversion(
      rule("    - name: known\n      fields: 'proc.pname'\n      comps: <|>in\n      values:\n        - sshd\n        - 'a, b'\n        - x]y\n  enabled: true"),
      TO_LIST,
      rule("    - name: known\n      fields: ['proc.pname']\n      comps: [in]\n      values:\n        - [[sshd, 'a, b', 'x]y']]\n  enabled: true"),
    );
  });
  test('block values with comments are nested, every line kept', () => {
    assertConversion(
      rule('    - name: <|>known\n      fields: proc.pname\n      values:\n        - sshd   # login\n        # the scheduler\n        - cron'),
      TO_LIST,
      rule('    - name: known\n      fields: [proc.pname]\n      comps: [in]\n      values:\n        - - - sshd   # login\n            # the scheduler\n            - cron'),
    );
  });
  test('a flow mapping entry; a modifier comp', () => {
    assertConversion(
      rule('    - {name: tmp, fields: fd.name, comps: startswith oneof, values: [/tmp/a, /tmp/b]<|>}'),
      TO_LIST,
      rule('    - {name: tmp, fields: [fd.name], comps: [startswith oneof], values: [[[/tmp/a, /tmp/b]]]}'),
    );
    assertConversion(
      rule('    - {name: tmp, fields: fd.name<|>, values: [/tmp/a]}'),
      TO_LIST,
      rule('    - {name: tmp, fields: [fd.name], comps: [in], values: [[[/tmp/a]]]}'),
    );
  });
  test('CRLF line breaks are kept', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    assertFix(
      crlf(rule('    - name: known\n      fields: proc.pname<|>\n      values: [sshd]\n')),
      TO_LIST,
      crlf(rule('    - name: known\n      fields: [proc.pname]\n      comps: [in]\n      values: [[[sshd]]]\n')),
    );
  });
  test('values that are lists cannot be converted: offered disabled', () => {
    assert.equal(
      disabledReason(rule('    - name: known\n      fields: <|>proc.pname\n      values: [[sshd]]'), TO_LIST),
      "Cannot convert: 'values' holds lists, which the single-field form does not take.",
    );
  });
});

describe('exception form: list → single field', () => {
  test('one tuple holding a list (the inverse of the conversion above)', () => {
    assertConversion(
      rule('    - name: known\n      fields: [<|>proc.pname]\n      comps: [pmatch]\n      values: [[[/usr/bin, "/opt/my tools"]]]'),
      TO_SINGLE,
      rule('    - name: known\n      fields: proc.pname\n      comps: pmatch\n      values: [/usr/bin, "/opt/my tools"]'),
    );
  });
  test('one-item tuples compared with = (the default) become in', () => {
    assertConversion(
      rule('    - name: known\n      fields: [proc.pname]<|>\n      values: [[sshd], ["my agent"]]'),
      TO_SINGLE,
      rule('    - name: known\n      fields: proc.pname\n      values: [sshd, "my agent"]'),
    );
    assertConversion(
      rule("    - name: known\n      fields: [proc.pname]\n      comps: ['=']\n      values: [[sshd], [cron]]<|>"),
      TO_SINGLE,
      rule('    - name: known\n      fields: proc.pname\n      comps: in\n      values: [sshd, cron]'),
    );
  });
  test('several tuples of in join their values; list names stay names', () => {
    assertConversion(
      rule('    - name: known\n      fields: [proc.pname]\n      comps: [in]\n      values: [[[sshd, cron]], [<|>shell_binaries]]'),
      TO_SINGLE,
      rule('    - name: known\n      fields: proc.pname\n      comps: in\n      values: [sshd, cron, shell_binaries]'),
    );
  });
  test('block sequences: fields and comps written inline, values kept as a block', () => {
    assertConversion(
      rule('    - name: known\n      fields:\n        - fd.<|>name\n      comps:\n        - startswith\n      values:\n        - [/tmp/a]   # a\n        - [/tmp/b]\n  enabled: true'),
      TO_SINGLE,
      rule('    - name: known\n      fields: fd.name\n      comps: startswith anyof\n      values:\n        - /tmp/a   # a\n        - /tmp/b\n  enabled: true'),
    );
  });
  test('a block tuple holding a list becomes block values', () => {
    assertConversion(
      rule('    - name: known\n      fields: [proc.pname]\n      comps: [in]\n      values:\n        - - [sshd, cron]<|>'),
      TO_SINGLE,
      rule('    - name: known\n      fields: proc.pname\n      comps: in\n      values:\n        - sshd\n        - cron'),
    );
  });
  test('after exceptions: replace, the single form needs its comps written', () => {
    const base = '- rule: Shell spawned\n  desc: d\n  condition: evt.type = execve and proc.name = bash\n  output: "shell %proc.name"\n  priority: WARNING\n  exceptions:\n    - name: old\n      fields: proc.name\n      values: [zsh]\n';
    assertFix(
      `${base}- rule: Shell spawned\n  exceptions:\n    - name: known\n      fields: [proc.pname]<|>\n      values: [[sshd]]\n  override:\n    exceptions: replace\n`,
      TO_SINGLE,
      `${base}- rule: Shell spawned\n  exceptions:\n    - name: known\n      fields: proc.pname\n      comps: in\n      values: [sshd]\n  override:\n    exceptions: replace\n`,
    );
    assertFix(
      `${base}- rule: Shell spawned\n  exceptions:\n    - {name: known, fields: [proc.pname]<|>, values: [[sshd]]}\n  override:\n    exceptions: replace\n`,
      TO_SINGLE,
      `${base}- rule: Shell spawned\n  exceptions:\n    - {name: known, fields: proc.pname, comps: in, values: [sshd]}\n  override:\n    exceptions: replace\n`,
    );
  });
  test('what the single form cannot say is offered disabled with the reason', () => {
    const reason = (exception: string) => disabledReason(rule(exception), TO_SINGLE);
    assert.equal(reason('    - name: n\n      fields: [proc.pid]<|>\n      comps: [<]\n      values: [[100]]'), "Cannot convert: '<' compares with one value, which the single-field form cannot express.");
    assert.equal(reason('    - name: n\n      fields: [fd.name]<|>\n      comps: [startswith oneof]\n      values: [[[/a]], [[/b]]]'), "Cannot convert: 'startswith oneof' would judge the values of every tuple together.");
    assert.equal(reason('    - name: n\n      fields: [proc.name]<|>\n      values: [[[a, b]]]'), "Cannot convert: '=' cannot compare with a list of values.");
    assert.equal(reason('    - name: n\n      fields: [proc.name]<|>\n      values: [[a, b]]'), 'Cannot convert: a tuple has 2 items for one field.');
  });
  test('startswith needs the anyof modifier: refused for an engine before 0.62', () => {
    const fixture = rule('    - name: n\n      fields: [fd.name]<|>\n      comps: [startswith]\n      values: [[/a], [/b]]');
    const { workspace, uri } = actionsAt(fixture);
    workspace.service.configure({ analysis: { engineVersion: '0.57.0' } });
    const file = workspace.files[0]!;
    const position = new LineIndex(file.text).positionAt(file.cursors[0]!);
    const action = findAction(workspace.service.getCodeActions(uri, { start: position, end: position }), TO_SINGLE);
    assert.equal(action.disabled?.reason, "Cannot convert: 'startswith' with several values needs 'startswith anyof' (Falco 0.44, engine 0.62.0); the configured engine is 0.57.0.");
  });
});

describe('exception form: where it does not apply', () => {
  test('the meaning helper tells different exceptions apart', () => {
    const meaningOf = (exception: string) => meaningsOf(rule(exception));
    assert.deepEqual(meaningOf('    - name: a\n      fields: proc.name\n      values: [x, "y z"]'), [['proc.name = x', 'proc.name = y z']]);
    assert.notDeepEqual(meaningOf('    - name: a\n      fields: proc.name\n      values: [x, y]'), meaningOf('    - name: a\n      fields: [proc.name]\n      values: [[x]]'));
    assert.notDeepEqual(meaningOf('    - name: a\n      fields: fd.name\n      comps: pmatch\n      values: [/x]'), meaningOf('    - name: a\n      fields: fd.name\n      values: [/x]'));
    assert.notDeepEqual(meaningOf('    - name: a\n      fields: [fd.name, proc.name]\n      values: [[/x, a], [/y, b]]'), meaningOf('    - name: a\n      fields: [fd.name, proc.name]\n      values: [[/x, b], [/y, a]]'));
  });

  test('no conversion outside an exception, or with several fields', () => {
    const titles = (fixture: string) => actionsAt(fixture).actions.map((action) => action.title).filter((title) => title.startsWith('Convert exception'));
    assert.deepEqual(titles(rule('    - name: n\n      fields: proc.name\n      values: [a]').replace('desc: d', 'desc: <|>d')), []);
    assert.deepEqual(titles(rule('    - name: n\n      fields: [proc.name, <|>fd.name]\n      values: [[a, /b]]')), []);
    assert.deepEqual(titles(rule('    - name: n<|>\n      values: [a]')), []);
  });
});
