/**
 * Where a code action's range falls in a condition: the item, its parsed condition, and the range in offsets of
 * the parsed text (blanks trimmed), plus small helpers to find expression nodes and to read the decoded text of
 * a span. Offsets of the parsed text include the placeholder of an appended `and …`/`or …` fragment.
 */
import type { ConditionNode, Expr } from '../../../syntax/condition/ast';
import { walkCondition } from '../../../syntax/condition/ast';
import { isBlank } from '../../../syntax/condition/lexer';
import { toValueOffset, type EmbeddedText } from '../../../syntax/embeddedText';
import { conditionSourceSpan, itemsWithYamlErrors, type EmbeddedCondition, type RulesItem } from '../../../syntax/rulesFile';
import type { Span } from '../../../syntax/span';
import type { IndexedFile } from '../../../semantic/workspaceIndex';
import { findItemAt } from '../../locate';

export interface ConditionSite {
  readonly file: IndexedFile;
  readonly item: RulesItem;
  readonly condition: EmbeddedCondition;
  readonly ast: Expr;
  /** The parsed text: blanks standing for the placeholder of an appended fragment, then the decoded value. */
  readonly parsedText: string;
  /** The range in offsets of the parsed text, blanks trimmed (empty at a cursor). */
  readonly local: Span;
}

/** Number of value units that start before the source offset `absoluteEnd`. */
function valueEnd(text: EmbeddedText, absoluteEnd: number): number {
  const relative = absoluteEnd - text.base;
  let low = 0;
  let high = text.value.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (text.starts[middle] < relative) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The condition under a range of the file, when the whole range lies inside one condition value. */
export function conditionSiteAt(file: IndexedFile, range: Span): ConditionSite | undefined {
  const item = findItemAt(file, range.start);
  const condition = item?.condition;
  if (!item || !condition?.parsed.ast) return undefined;
  if (itemsWithYamlErrors(file.syntax).has(item.index)) return undefined;
  const scalar = condition.scalar;
  // An approximate source map could put an edit on the wrong characters.
  if (!scalar.text.exact) return undefined;
  if (range.start < scalar.span.start || range.end > scalar.span.end) return undefined;
  const text = scalar.text;
  let start = toValueOffset(text, range.start);
  if (start < 0) return undefined;
  let end = range.end > range.start ? Math.max(start, valueEnd(text, range.end)) : start;
  const value = text.value;
  if (end > start) {
    while (start < end && isBlank(value[start])) start++;
    while (end > start && isBlank(value[end - 1])) end--;
  }
  const prefix = condition.prefixLength;
  const parsedText = prefix > 0 ? `${' '.repeat(prefix)}${value}` : value;
  return { file, item, condition, ast: condition.parsed.ast, parsedText, local: { start: start + prefix, end: end + prefix } };
}

/** The decoded text of a span of the parsed text (never the placeholder). */
export function textOf(site: ConditionSite, span: Span): string {
  return site.parsedText.slice(Math.max(span.start, site.condition.prefixLength), span.end);
}

/** The source span of a span of the parsed text. */
export function sourceSpanOf(site: ConditionSite, span: Span): Span | null {
  return conditionSourceSpan(site.condition, span);
}

/** The boolean-expression nodes (not operands) from the root down to the deepest one containing `span`. */
export function expressionPath(ast: Expr, span: Span): Expr[] {
  const path: Expr[] = [];
  let node: Expr | undefined = ast;
  while (node && node.span.start <= span.start && span.end <= node.span.end) {
    path.push(node);
    const current: Expr = node;
    node = undefined;
    if (current.kind === 'and' || current.kind === 'or') node = current.children.find((child) => child.span.start <= span.start && span.end <= child.span.end);
    else if (current.kind === 'not') node = current.operand;
    else if (current.kind === 'group') node = current.expr;
  }
  return path;
}

/** True when the subtree has a recovery node or an unclosed group, list or transformer. */
export function hasSyntaxError(node: ConditionNode): boolean {
  let broken = false;
  walkCondition(node, (entry) => {
    if (broken) return false;
    if (entry.kind === 'error') broken = true;
    else if ((entry.kind === 'group' || entry.kind === 'list' || entry.kind === 'transformer' || entry.kind === 'transformerList') && !entry.closed) broken = true;
    return !broken;
  });
  return broken;
}

/** The identifiers (macro references) of a subtree, in source order. */
export function identifiersIn(node: ConditionNode): string[] {
  const names: string[] = [];
  walkCondition(node, (entry) => {
    if (entry.kind === 'identifier') names.push(entry.name);
  });
  return names;
}
