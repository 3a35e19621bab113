/**
 * Classifies the names in a condition tree: identifiers in check position are macro references, bare words
 * in value position may name lists (Falco substitutes list names as text), and field nodes are fields.
 */
import type { Span } from '../syntax/span';

export type ConditionRole = 'macro' | 'list-candidate' | 'field';

export interface ConditionVisit {
  readonly role: ConditionRole;
  readonly name: string;
  /** Span in the parsed text (local offsets). */
  readonly span: Span;
  readonly node: unknown;
}

interface AnyNode {
  kind?: unknown;
  span?: Span;
  [key: string]: unknown;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).kind === 'string';
}

export function walkConditionTree(root: unknown, visit: (entry: ConditionVisit) => void): void {
  const stack: { node: AnyNode; parentKind: string | null; property: string | null }[] = [];
  if (isNode(root)) stack.push({ node: root, parentKind: null, property: null });
  let budget = 100_000;
  while (stack.length > 0 && budget-- > 0) {
    const { node, parentKind, property } = stack.pop()!;
    const kind = node.kind as string;
    if (kind === 'identifier' && typeof node.name === 'string' && node.span) {
      const inValuePosition = parentKind === 'check' && property === 'right';
      visit({ role: inValuePosition ? 'list-candidate' : 'macro', name: node.name, span: node.span, node });
    } else if (kind === 'value' && typeof node.value === 'string' && node.quoted === false && node.span) {
      visit({ role: 'list-candidate', name: node.value, span: node.span, node });
    } else if (kind === 'field' && typeof node.name === 'string') {
      const nameSpan = (node.nameSpan as Span | undefined) ?? node.span;
      if (nameSpan) visit({ role: 'field', name: node.name, span: nameSpan, node });
    }
    const children: { node: AnyNode; property: string }[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'span' || key === 'nameSpan') continue;
      if (Array.isArray(value)) {
        for (const element of value) if (isNode(element)) children.push({ node: element, property: key });
      } else if (isNode(value)) children.push({ node: value, property: key });
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push({ node: children[index].node, parentKind: kind, property: children[index].property });
  }
}
