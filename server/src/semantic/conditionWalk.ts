/**
 * Classifies the names in a condition tree: identifiers in check position are macro references, bare words
 * in value position may name lists (Falco substitutes list names as text), and field nodes are fields.
 */
import { walkCondition, type ConditionNode } from '../syntax/condition/ast';
import type { Span } from '../syntax/span';

export type ConditionRole = 'macro' | 'list-candidate' | 'field';

export interface ConditionVisit {
  readonly role: ConditionRole;
  readonly name: string;
  /** Span in the parsed text (local offsets). */
  readonly span: Span;
  readonly node: ConditionNode;
}

export function walkConditionTree(root: ConditionNode, visit: (entry: ConditionVisit) => void): void {
  walkCondition(root, (node) => {
    switch (node.kind) {
      case 'identifier':
        visit({ role: 'macro', name: node.name, span: node.span, node });
        break;
      case 'value':
        // Unquoted words may name lists; an identifier after `in` is one too.
        if (!node.quoted) visit({ role: 'list-candidate', name: node.value, span: node.span, node });
        break;
      case 'field':
        visit({ role: 'field', name: node.name, span: node.nameSpan, node });
        break;
      default:
        break;
    }
  });
}
