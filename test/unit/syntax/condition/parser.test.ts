// Targeted tests of the condition parser: exact problem spans, recovery, limits, exported vocabulary and the walker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHECK_OPERATORS, COMPARISON_MODIFIERS, MAX_CONDITION_DEPTH, TRANSFORMERS, getConditionVocabulary, parseCondition,
} from '../../../../server/src/syntax/condition/parser';
import { walkCondition, type ConditionNode } from '../../../../server/src/syntax/condition/ast';
import { assertSpansValid } from './dump';

/** The text under each problem span, with its code. */
function problemTexts(text: string): string[] {
  const { ast, problems } = parseCondition(text);
  assertSpansValid(text, ast, problems);
  return problems.map((p) => `${p.code}:${text.slice(p.span.start, p.span.end)}`);
}

function kinds(text: string): string[] {
  const out: string[] = [];
  const { ast } = parseCondition(text);
  if (ast) walkCondition(ast, (node) => void out.push(node.kind));
  return out;
}

test('valid conditions have no problems', () => {
  for (const text of [
    'proc.name = bash',
    'fd.num>=0',
    'proc.name in(a,b)',
    'proc.name="x"and evt.type=open',
    'not not a',
    'a and(b)or(c)',
    'fd.name startswith oneof (/etc/, /root/)',
    'tolower(basename(proc.exepath)) = bash',
    'proc.name = val(proc.pname)',
    'proc.name in ()',
    'evt.type in (open, openat) and\r\n  proc.name exists',
    'a and\bb',
  ]) {
    assert.deepEqual(problemTexts(text), [], text);
  }
});

test('an unknown operator is reported exactly on the operator word', () => {
  const text = 'proc.name equals x';
  const { problems } = parseCondition(text);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, { start: 10, end: 16 });
  assert.equal(problems[0]!.code, 'condition-syntax');
  assert.equal(problems[0]!.severity, 'error');
  assert.match(problems[0]!.message, /'equals'/);
  assert.match(problems[0]!.message, /'startswith'/);
});

test('a dangling and/or is reported on the keyword', () => {
  assert.deepEqual(problemTexts('f.a = 1 and'), ['condition-syntax:and']);
  assert.deepEqual(problemTexts('f.a = 1 and   \n'), ['condition-syntax:and']);
  assert.deepEqual(problemTexts('f.a = 1 or'), ['condition-syntax:or']);
  assert.deepEqual(problemTexts('(f.a = 1 and) or b'), ['condition-syntax:and']);
});

test('a trailing "and not" gives a macro named not, or a problem on not when a blank follows', () => {
  const plain = parseCondition('f.a = 1 and not');
  assert.deepEqual(plain.problems, []);
  const identifiers: string[] = [];
  walkCondition(plain.ast!, (node) => void (node.kind === 'identifier' && identifiers.push(node.name)));
  assert.deepEqual(identifiers, ['not']);
  assert.deepEqual(problemTexts('f.a = 1 and not\n'), ['condition-syntax:not']);
});

test('an unmatched parenthesis is reported on the parenthesis', () => {
  assert.deepEqual(problemTexts('(a and (b or c)'), ['condition-syntax:(']);
  assert.deepEqual(problemTexts('a and b)'), ['condition-syntax:)']);
});

test('several independent mistakes are all reported', () => {
  const text = 'proc.name equals x and (fd.num > abc or) and tolower(proc.name = y and evt.type in /x and proc.name = "\\q"';
  assert.deepEqual(problemTexts(text), [
    'condition-syntax:equals',
    'condition-syntax:abc',
    // The transformer's '(' is never closed: reported on it, naming the '=' found where ')' should come.
    'condition-syntax:tolower(',
    'condition-syntax:/x',
    'condition-string-escape:\\q',
  ]);
});

test('recovery keeps the valid parts of the tree', () => {
  const { ast } = parseCondition('proc.name equals x and evt.type = open');
  assert.equal(ast?.kind, 'and');
  const fields: string[] = [];
  walkCondition(ast!, (node) => void (node.kind === 'field' && fields.push(node.name)));
  assert.deepEqual(fields, ['proc.name', 'evt.type']);
});

test('empty and blank inputs', () => {
  const empty = parseCondition('');
  assert.equal(empty.ast, null);
  assert.equal(empty.problems[0]!.message, 'filter input string is empty');
  assert.deepEqual(empty.problems[0]!.span, { start: 0, end: 0 });
  const blank = parseCondition('  \n ');
  assert.equal(blank.ast, null);
  assert.deepEqual(blank.problems[0]!.span, { start: 0, end: 4 });
});

test('keywords are case-sensitive', () => {
  assert.deepEqual(problemTexts('a AND b'), ['condition-syntax:AND']);
  assert.deepEqual(problemTexts('proc.name IN (a)'), ['condition-syntax:IN']);
  assert.deepEqual(kinds('NOT'), ['identifier']);
});

test('deep nesting is bounded: a problem, no stack overflow', () => {
  for (const text of [
    '('.repeat(20000) + 'a' + ')'.repeat(20000),
    'not '.repeat(50000) + 'a',
    'tolower('.repeat(20000) + 'proc.name' + ')'.repeat(20000) + ' = x',
    'f.a = 1 and ' + 'not ('.repeat(20000) + 'b',
    'proc.name = ' + 'concat('.repeat(20000),
  ]) {
    const { ast, problems } = parseCondition(text);
    assert.equal(problems.length, 1, text.slice(0, 30));
    assert.match(problems[0]!.message, new RegExp(`max depth limit of ${MAX_CONDITION_DEPTH}`));
    assertSpansValid(text, ast, problems);
  }
  const reasonable = '('.repeat(150) + 'a' + ')'.repeat(150);
  assert.deepEqual(parseCondition(reasonable).problems, []);
});

test('long flat chains do not nest', () => {
  const text = Array.from({ length: 20000 }, (_, i) => `f.x${i} = ${i}`).join(' and ');
  const { ast, problems } = parseCondition(text);
  assert.deepEqual(problems, []);
  assert.equal(ast?.kind, 'and');
  assert.equal(ast?.kind === 'and' ? ast.children.length : 0, 20000);
});

test('not keywords nest one node each and keep their spans', () => {
  const { ast } = parseCondition('not not(a)');
  assert.equal(ast?.kind, 'not');
  if (ast?.kind !== 'not') return;
  assert.deepEqual(ast.keywordSpan, { start: 0, end: 3 });
  assert.equal(ast.operand.kind, 'not');
  if (ast.operand.kind !== 'not') return;
  assert.deepEqual(ast.operand.keywordSpan, { start: 4, end: 7 });
  assert.equal(ast.operand.operand.kind, 'group');
});

test('operator, modifier and value details', () => {
  const { ast } = parseCondition('fd.name startswith   anyof ( "/a" , b )');
  assert.equal(ast?.kind, 'check');
  if (ast?.kind !== 'check') return;
  assert.equal(ast.operator.text, 'startswith anyof');
  assert.equal(ast.operator.name, 'startswith');
  assert.deepEqual(ast.operator.modifier, { name: 'anyof', span: { start: 21, end: 26 } });
  assert.deepEqual(ast.operator.span, { start: 8, end: 26 });
  assert.equal(ast.right?.kind, 'list');
  if (ast.right?.kind !== 'list') return;
  assert.deepEqual(
    ast.right.items.map((item) => [item.value, item.quoted, item.token]),
    [['/a', true, 'quoted'], ['b', false, 'bare']],
  );
});

test('exported vocabulary', () => {
  assert.deepEqual(TRANSFORMERS, ['tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt']);
  assert.deepEqual(COMPARISON_MODIFIERS, ['oneof', 'anyof', 'allof']);
  assert.equal(CHECK_OPERATORS.length, 20);
  const vocabulary = getConditionVocabulary();
  const byName = new Map(vocabulary.operators.map((op) => [op.name, op]));
  assert.deepEqual(byName.get('contains'), { name: 'contains', kind: 'string', needsBlank: true });
  assert.deepEqual(byName.get('in'), { name: 'in', kind: 'list', needsBlank: false });
  assert.deepEqual(byName.get('='), { name: '=', kind: 'string', needsBlank: false });
  assert.deepEqual(byName.get('exists'), { name: 'exists', kind: 'unary', needsBlank: false });
  assert.deepEqual(vocabulary.transformers[0], { name: 'val', rhsOnly: true });
  assert.deepEqual(vocabulary.keywords, ['and', 'or', 'not']);
});

test('walkCondition visits in source order, can skip children, and calls leave', () => {
  const { ast } = parseCondition('a and tolower(x.y) = b or c');
  const entered: string[] = [];
  const left: string[] = [];
  walkCondition(ast!, {
    enter(node: ConditionNode) {
      entered.push(node.kind);
      return node.kind !== 'check';
    },
    leave(node: ConditionNode) {
      left.push(node.kind);
    },
  });
  assert.deepEqual(entered, ['or', 'and', 'identifier', 'check', 'identifier']);
  assert.deepEqual(left, ['identifier', 'and', 'identifier', 'or']);
});
