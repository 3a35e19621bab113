/**
 * AST of a Falco condition (libsinsp filter grammar) as plain data objects discriminated by `kind`, with spans in
 * offsets of the parsed string, plus a non-recursive tree walker.
 */
import type { Span } from '../span';

/** A boolean expression: what `parseCondition` returns and what `and`/`or`/`not`/groups contain. */
export type Expr = AndExpr | OrExpr | NotExpr | GroupExpr | IdentifierExpr | CheckExpr | ErrorNode;

/** `a and b and c`; same-operator chains are flattened, as in the engine. */
export interface AndExpr {
  readonly kind: 'and';
  readonly span: Span;
  readonly children: readonly Expr[];
}

export interface OrExpr {
  readonly kind: 'or';
  readonly span: Span;
  readonly children: readonly Expr[];
}

/**
 * One `not` keyword (`not x`, or `not(x)`). Repeated keywords nest (`not not x` → not(not(x))), which evaluates
 * like the engine's toggling.
 */
export interface NotExpr {
  readonly kind: 'not';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly operand: Expr;
}

/** A parenthesised expression; `closed` is false when the `)` is missing (a problem was reported). */
export interface GroupExpr {
  readonly kind: 'group';
  readonly span: Span;
  readonly expr: Expr;
  readonly closed: boolean;
}

/** A bare identifier in check position: a macro reference. */
export interface IdentifierExpr {
  readonly kind: 'identifier';
  readonly span: Span;
  readonly name: string;
}

export interface OperatorModifier {
  /** `oneof`, `anyof` or `allof`. */
  readonly name: string;
  readonly span: Span;
}

export interface CheckOperator {
  /** Trimmed operator text as the engine sees it: `=`, `exists`, `startswith oneof`. */
  readonly text: string;
  /** From the operator to the end of the modifier, if any. */
  readonly span: Span;
  /** The base operator alone (`startswith` for `startswith oneof`). */
  readonly name: string;
  readonly nameSpan: Span;
  readonly modifier?: OperatorModifier;
}

/** Right-hand side of a binary check. A `value` with token `identifier` is a list name after `in`/a modifier. */
export type CheckRhs = ValueExpr | ListExpr | TransformerExpr | ErrorNode;

/** `field op value`, `field exists`, `tolower(field) op value`. */
export interface CheckExpr {
  readonly kind: 'check';
  readonly span: Span;
  readonly left: FieldExpr | TransformerExpr;
  readonly operator: CheckOperator;
  /** Absent for the unary `exists`. */
  readonly right?: CheckRhs;
}

export interface FieldArg {
  /** Unescaped argument text (the same as `raw` for bare arguments). */
  readonly value: string;
  /** Source text between the brackets, quotes included. */
  readonly raw: string;
  /** Span of `raw` (inside the brackets). */
  readonly span: Span;
  readonly quoted: boolean;
}

/** `proc.name`, `proc.aname[2]`, `jevt.value["/a b"]`. */
export interface FieldExpr {
  readonly kind: 'field';
  readonly span: Span;
  readonly name: string;
  readonly nameSpan: Span;
  readonly arg?: FieldArg;
}

export type TransformerArg = FieldExpr | TransformerExpr | ValueExpr | TransformerListExpr | ErrorNode;

/** `tolower(proc.name)`, `concat(a.b, "-", c.d)`, `getopt(proc.args, "x:")[x]`, and `val(field)` on the RHS. */
export interface TransformerExpr {
  readonly kind: 'transformer';
  readonly span: Span;
  /** `tolower`, …, or `val`. */
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly TransformerArg[];
  readonly arg?: FieldArg;
  readonly closed: boolean;
}

/** Parenthesised list inside transformer arguments (`join(",", (a.b, "x"))`). */
export interface TransformerListExpr {
  readonly kind: 'transformerList';
  readonly span: Span;
  readonly items: readonly (FieldExpr | TransformerExpr | ValueExpr | ErrorNode)[];
  readonly closed: boolean;
}

/** How a value was lexed: a quoted string, a bare string, a number/hex number, or an identifier (list name). */
export type ValueToken = 'quoted' | 'bare' | 'number' | 'identifier';

export interface ValueExpr {
  readonly kind: 'value';
  readonly span: Span;
  /** Unescaped value (quotes removed); the raw text for other tokens. */
  readonly value: string;
  readonly raw: string;
  readonly quoted: boolean;
  readonly token: ValueToken;
}

/** List literal `(a, "b c", d)`; `()` is valid. */
export interface ListExpr {
  readonly kind: 'list';
  readonly span: Span;
  readonly items: readonly ValueExpr[];
  readonly closed: boolean;
}

/** Recovery placeholder covering text that could not be parsed; keeps the parts that did parse. */
export interface ErrorNode {
  readonly kind: 'error';
  readonly span: Span;
  readonly children: readonly ConditionNode[];
}

export type ConditionNode =
  | Expr
  | FieldExpr
  | TransformerExpr
  | TransformerListExpr
  | ValueExpr
  | ListExpr;

/** Direct children of a node, in source order. */
export function childrenOf(node: ConditionNode): readonly ConditionNode[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children;
    case 'not':
      return [node.operand];
    case 'group':
      return [node.expr];
    case 'check':
      return node.right ? [node.left, node.right] : [node.left];
    case 'transformer':
      return node.args;
    case 'transformerList':
    case 'list':
      return node.items;
    case 'error':
      return node.children;
    case 'identifier':
    case 'field':
    case 'value':
      return [];
  }
}

export interface ConditionVisitor {
  /** Called before the children; return `false` to skip them. */
  enter?(node: ConditionNode, parent: ConditionNode | undefined): boolean | void;
  /** Called after the children (not called when `enter` returned false). */
  leave?(node: ConditionNode, parent: ConditionNode | undefined): void;
}

/**
 * Depth-first walk in source order. Accepts a function (used as `enter`) or a visitor. Uses an explicit stack,
 * so tree depth never threatens the call stack.
 */
export function walkCondition(
  root: ConditionNode,
  visitor: ConditionVisitor | ((node: ConditionNode, parent: ConditionNode | undefined) => boolean | void),
): void {
  const { enter, leave } = typeof visitor === 'function' ? { enter: visitor, leave: undefined } : visitor;
  type Frame = { node: ConditionNode; parent: ConditionNode | undefined; exiting: boolean };
  const stack: Frame[] = [{ node: root, parent: undefined, exiting: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.exiting) {
      leave?.(frame.node, frame.parent);
      continue;
    }
    if (enter?.(frame.node, frame.parent) === false) continue;
    if (leave) stack.push({ ...frame, exiting: true });
    const children = childrenOf(frame.node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: frame.node, exiting: false });
  }
}
