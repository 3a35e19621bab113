/**
 * Compact S-expression dump of condition trees and problems, used by the golden tests (one node per line,
 * spans as `start..end`, strings JSON-quoted), plus span invariants of condition trees and output tokens shared
 * by the corpus, fuzz and unit tests.
 */
import assert from 'node:assert/strict';
import type { ConditionNode, FieldArg } from '../../../../server/src/syntax/condition/ast';
import { walkCondition } from '../../../../server/src/syntax/condition/ast';
import type { Span } from '../../../../server/src/syntax/span';
import type { SyntaxProblem } from '../../../../server/src/syntax/problems';
import type { ParsedOutput } from '../../../../server/src/syntax/output/outputFormat';

const sp = (span: Span) => `${span.start}..${span.end}`;
const str = (value: string) => JSON.stringify(value);
const argText = (arg: FieldArg | undefined) =>
  arg ? ` [arg ${sp(arg.span)} ${arg.quoted ? 'quoted' : 'bare'} ${str(arg.value)}${arg.raw !== arg.value ? ` raw ${str(arg.raw)}` : ''}]` : '';

function head(node: ConditionNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
    case 'transformerList':
    case 'list':
    case 'error':
      return `${node.kind} ${sp(node.span)}${'closed' in node && !node.closed ? ' UNCLOSED' : ''}`;
    case 'not':
      return `not ${sp(node.span)} keyword ${sp(node.keywordSpan)}`;
    case 'group':
      return `group ${sp(node.span)}${node.closed ? '' : ' UNCLOSED'}`;
    case 'identifier':
      return `identifier ${sp(node.span)} ${str(node.name)}`;
    case 'check': {
      const op = node.operator;
      const modifier = op.modifier ? ` modifier ${str(op.modifier.name)} ${sp(op.modifier.span)}` : '';
      return `check ${sp(node.span)} op ${str(op.text)} ${sp(op.span)}${op.modifier ? ` base ${sp(op.nameSpan)}` : ''}${modifier}`;
    }
    case 'field':
      return `field ${sp(node.span)} ${str(node.name)} ${sp(node.nameSpan)}${argText(node.arg)}`;
    case 'transformer':
      return `transformer ${sp(node.span)} ${str(node.name)} ${sp(node.nameSpan)}${node.closed ? '' : ' UNCLOSED'}${argText(node.arg)}`;
    case 'value':
      return `value ${sp(node.span)} ${node.token} ${str(node.value)}${node.raw !== node.value ? ` raw ${str(node.raw)}` : ''}`;
  }
}

export function dumpTree(root: ConditionNode | null): string {
  if (!root) return '(none)';
  const out: string[] = [];
  const depth = new Map<ConditionNode, number>();
  walkCondition(root, {
    enter(node, parent) {
      const level = parent ? depth.get(parent)! + 1 : 0;
      depth.set(node, level);
      out.push(`${'  '.repeat(level)}(${head(node)}`);
    },
    leave() {
      out[out.length - 1] += ')';
    },
  });
  return out.join('\n');
}

export function dumpProblems(text: string, problems: readonly SyntaxProblem[]): string {
  if (problems.length === 0) return 'problems: none';
  const lines = problems.map(
    (p) => `  ${p.code} ${sp(p.span)} ${str(text.slice(p.span.start, p.span.end))}: ${p.message}`,
  );
  return ['problems:', ...lines].join('\n');
}

/** Every span inside [0, length] and well-formed; field names match their text. */
export function assertSpansValid(text: string, root: ConditionNode | null, problems: readonly SyntaxProblem[]): void {
  // Messages are built only on failure: texts can be long and trees large.
  const check = (span: Span, what: string) => {
    const ok = Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length;
    if (!ok) assert.fail(`${what} span ${sp(span)} out of bounds for ${str(text)} (length ${text.length})`);
  };
  const same = (actual: string, expected: string, what: string) => {
    if (actual !== expected) assert.fail(`${what}: ${str(actual)} !== ${str(expected)} in ${str(text)}`);
  };
  for (const p of problems) check(p.span, `problem "${p.message}"`);
  if (!root) return;
  walkCondition(root, (node, parent) => {
    check(node.span, node.kind);
    if (parent && (node.span.start < parent.span.start || node.span.end > parent.span.end)) {
      assert.fail(`${node.kind} ${sp(node.span)} outside its ${parent.kind} ${sp(parent.span)} in ${str(text)}`);
    }
    if (node.kind === 'field' || node.kind === 'transformer') {
      check(node.nameSpan, `${node.kind} name`);
      same(text.slice(node.nameSpan.start, node.nameSpan.end), node.name, `${node.kind} name`);
      if (node.arg) {
        check(node.arg.span, 'field arg');
        same(text.slice(node.arg.span.start, node.arg.span.end), node.arg.raw, 'field arg');
      }
    }
    if (node.kind === 'value') same(text.slice(node.span.start, node.span.end), node.raw, 'value');
    if (node.kind === 'identifier') same(text.slice(node.span.start, node.span.end), node.name, 'identifier');
    if (node.kind === 'check') {
      check(node.operator.span, 'operator');
      check(node.operator.nameSpan, 'operator name');
      same(text.slice(node.operator.nameSpan.start, node.operator.nameSpan.end), node.operator.name, 'operator');
    }
    if (node.kind === 'not') check(node.keywordSpan, 'not keyword');
  });
}

/** Output tokens tile the text in order; placeholder names, widths and args match their source text. */
export function assertOutputValid(text: string, parsed: ParsedOutput): void {
  let at = 0;
  for (const token of parsed.tokens) {
    if (token.span.start !== at) assert.fail(`token gap or overlap at ${at} in ${str(text)}`);
    if (!(token.span.end > token.span.start && token.span.end <= text.length)) assert.fail(`bad token span ${sp(token.span)} in ${str(text)}`);
    at = token.span.end;
    if (token.kind === 'text') {
      assert.equal(text.slice(token.span.start, token.span.end), token.text);
      continue;
    }
    assert.equal(text[token.span.start], '%');
    if (text.slice(token.nameSpan.start, token.nameSpan.end) !== token.name) assert.fail(`placeholder name in ${str(text)}`);
    if (token.widthSpan) assert.equal(Number(text.slice(token.widthSpan.start, token.widthSpan.end)), token.width);
    if (token.arg) assert.equal(text.slice(token.arg.span.start, token.arg.span.end), token.arg.raw);
    if (token.kind === 'transformer') assertSpansValid(text, token.expr, []);
  }
  if (at !== text.length) assert.fail(`tokens do not cover ${str(text)}`);
  for (const p of parsed.problems) {
    if (!(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length)) assert.fail(`problem span ${sp(p.span)} out of bounds`);
  }
}
