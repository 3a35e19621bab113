/**
 * Finds what is under an offset of a rules file: the name of a declaration, a macro or list reference, or a
 * field in a condition or output. Every position-based feature starts here.
 */
import { walkConditionTree } from '../semantic/conditionWalk';
import type { Declaration, Reference } from '../semantic/fileSymbols';
import type { IndexedFile } from '../semantic/workspaceIndex';
import { toSourceSpan } from '../syntax/embeddedText';
import { conditionSourceSpan, type RulesItem } from '../syntax/rulesFile';
import type { Span } from '../syntax/span';
import { getScalar } from '../syntax/yaml/tree';

export type Target =
  | { readonly type: 'declaration'; readonly declaration: Declaration; readonly span: Span }
  | { readonly type: 'reference'; readonly reference: Reference; readonly span: Span }
  | { readonly type: 'field'; readonly name: string; readonly span: Span; readonly item: RulesItem; readonly inOutput: boolean };

function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

export function findItemAt(file: IndexedFile, offset: number): RulesItem | undefined {
  const items = file.syntax.items;
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (offset < item.span.start) high = middle - 1;
    else if (offset > item.span.end) low = middle + 1;
    else return item;
  }
  return undefined;
}

function findField(item: RulesItem, offset: number): Target | undefined {
  const condition = item.condition;
  if (condition && inside(condition.scalar.span, offset) && condition.parsed.ast) {
    let found: Target | undefined;
    walkConditionTree(condition.parsed.ast, (visit) => {
      if (found || visit.role !== 'field') return;
      const span = conditionSourceSpan(condition, visit.span);
      if (span && inside(span, offset)) found = { type: 'field', name: visit.name, span, item, inOutput: false };
    });
    if (found) return found;
  }
  const output = item.output;
  if (output && inside(output.scalar.span, offset)) {
    for (const token of output.parsed.tokens as readonly { name?: unknown; nameSpan?: Span }[]) {
      if (typeof token.name !== 'string' || !token.nameSpan) continue;
      const span = toSourceSpan(output.scalar.text, token.nameSpan);
      if (inside(span, offset)) return { type: 'field', name: token.name, span, item, inOutput: true };
    }
  }
  return undefined;
}

export function locate(file: IndexedFile, offset: number): Target | undefined {
  const item = findItemAt(file, offset);
  if (!item) return undefined;
  for (const declaration of file.symbols.declarations) {
    if (declaration.itemIndex === item.index && inside(declaration.nameSpan, offset)) {
      return { type: 'declaration', declaration, span: declaration.nameSpan };
    }
  }
  for (const reference of file.symbols.references) {
    if (reference.itemIndex === item.index && inside(reference.span, offset)) return { type: 'reference', reference, span: reference.span };
  }
  return findField(item, offset);
}

/** The `source` of a rule item (default `syscall`), or undefined for other items. */
export function sourceOf(item: RulesItem): string | undefined {
  if (item.kind !== 'rule' || !item.map) return undefined;
  const source = getScalar(item.map, 'source');
  return source && !source.isNull ? source.value : 'syscall';
}

/** The workspace symbol a target names, if any. */
export function symbolOf(target: Target): { kind: 'rule' | 'macro' | 'list'; name: string } | undefined {
  if (target.type === 'declaration') return { kind: target.declaration.kind, name: target.declaration.name };
  if (target.type === 'reference') return { kind: target.reference.kind, name: target.reference.name };
  return undefined;
}

/** A span in a given file: what navigation features return. */
export interface FileSpan {
  readonly uri: string;
  readonly span: Span;
  /** The whole item, for clients that show the full target (LocationLink.targetRange). */
  readonly itemSpan?: Span;
}
