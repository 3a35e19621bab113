/**
 * Removing a comparison whose value is constant (`evt.dir = <` is always true since Falco only sees exit events)
 * from a condition, when that keeps the condition's meaning: an always-true operand of `and`, an always-false
 * operand of `or` (a `not` around it flips its value). The `and`/`or` joining it goes too, and parentheses left
 * around a single operand are dropped when nothing sticks to them. Edits are made on the AST's exact spans and
 * confirmed by re-reading the scalar (see scalarEdits.ts).
 */
import { childrenOf, type CheckExpr, type ConditionNode } from '../../../syntax/condition/ast';
import type { EmbeddedCondition, RulesItem } from '../../../syntax/rulesFile';
import type { Span } from '../../../syntax/span';
import type { DiagnosticFix } from '../diagnostic';
import { firstScalarEdit, type ValueEdit } from './scalarEdits';

/** The value of `evt.dir =|==|!= <|>`: true or false for every event Falco sees; undefined for other checks. */
export function constantDirectionCheck(check: CheckExpr): boolean | undefined {
  if (check.left.kind !== 'field' || check.left.name !== 'evt.dir' || check.left.arg || check.operator.modifier) return undefined;
  const right = check.right;
  if (!right || right.kind !== 'value' || (right.value !== '<' && right.value !== '>')) return undefined;
  const operator = check.operator.name;
  if (operator !== '=' && operator !== '==' && operator !== '!=') return undefined;
  const equalsExit = right.value === '<';
  return operator === '!=' ? !equalsExit : equalsExit;
}

function parentsOf(root: ConditionNode): Map<ConditionNode, ConditionNode> {
  const parents = new Map<ConditionNode, ConditionNode>();
  const stack: ConditionNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of childrenOf(node)) {
      parents.set(child, node);
      stack.push(child);
    }
  }
  return parents;
}

const ATOMS = new Set<ConditionNode['kind']>(['check', 'identifier', 'group', 'not']);

/**
 * Local edits (offsets of the parsed text) that drop the parentheses of `group` around its single remaining
 * operand `kept`, or none when they are needed or something is written right against them.
 */
function dropParentheses(parsedText: string, group: ConditionNode, kept: ConditionNode): Span[] {
  if (group.kind !== 'group' || !group.closed || !ATOMS.has(kept.kind)) return [];
  const before = group.span.start > 0 ? parsedText[group.span.start - 1] : ' ';
  const after = group.span.end < parsedText.length ? parsedText[group.span.end] : ' ';
  if (!/[\s(]/.test(before) || !/[\s)]/.test(after)) return [];
  return [
    { start: group.span.start, end: kept.span.start },
    { start: kept.span.end, end: group.span.end },
  ];
}

function describe(parsedText: string, span: Span): string {
  const text = parsedText.slice(span.start, span.end).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * A fix removing `check` (whose constant value is `value`) from `condition`, or undefined when removing it
 * would change what the condition matches, leave it empty, or cannot be written exactly in the source.
 */
export function removeConstantCheck(text: string, item: RulesItem, condition: EmbeddedCondition, check: CheckExpr, value: boolean): DiagnosticFix | undefined {
  const root = condition.parsed.ast;
  if (!root || condition.parsed.problems.length > 0) return undefined;
  const parents = parentsOf(root);
  let unit: ConditionNode = check;
  let unitValue = value;
  let parent = parents.get(unit);
  while (parent && (parent.kind === 'group' || parent.kind === 'not')) {
    if (parent.kind === 'not') unitValue = !unitValue;
    unit = parent;
    parent = parents.get(unit);
  }
  if (!parent || !((parent.kind === 'and' && unitValue) || (parent.kind === 'or' && !unitValue))) return undefined;
  const siblings = parent.children;
  const position = siblings.indexOf(unit as (typeof siblings)[number]);
  if (position < 0) return undefined;
  const prefix = condition.prefixLength;
  const parsedText = ' '.repeat(prefix) + condition.scalar.text.value;
  const previous = position > 0 ? siblings[position - 1] : undefined;
  const next = position + 1 < siblings.length ? siblings[position + 1] : undefined;
  // The placeholder of an appended fragment stands for text that is not here: keep the connective after it.
  const previousIsReal = previous !== undefined && previous.span.end > prefix;
  const removals: Span[][] = [];
  if (previousIsReal) removals.push([{ start: previous.span.end, end: unit.span.end }]);
  if (next) removals.push([{ start: unit.span.start, end: next.span.start }]);
  const grandparent = parents.get(parent);
  const kept = siblings.length === 2 ? siblings[1 - position] : undefined;
  const parentheses = kept && grandparent && kept.span.end > prefix ? dropParentheses(parsedText, grandparent, kept) : [];
  // Without the parentheses that became redundant when that can be written, else with them.
  if (parentheses.length > 0) removals.unshift(...removals.map((spans) => [...spans, ...parentheses]));
  const candidates: ValueEdit[][] = removals.map((spans) =>
    spans.map((span) => ({ span: { start: span.start - prefix, end: span.end - prefix }, newText: '' })),
  );
  const changes = firstScalarEdit(text, item, condition.scalar, candidates.filter((edits) => edits.every((edit) => edit.span.start >= 0)));
  if (!changes) return undefined;
  return { title: `Remove '${describe(parsedText, unit.span)}' (always ${unitValue ? 'true' : 'false'})`, changes, preferred: true };
}
