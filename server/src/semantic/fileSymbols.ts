/**
 * Per-file summary for the workspace index: the rules, macros and lists a file declares (full definitions and
 * updates) and the names it refers to, with spans. Built from the syntax model only; no catalog, no I/O.
 */
import { toSourceSpan } from '../syntax/embeddedText';
import { conditionSourceSpan, type EmbeddedCondition, type RulesFileSyntax, type RulesItem } from '../syntax/rulesFile';
import type { Span } from '../syntax/span';
import { getPair, type YNode, type YScalar } from '../syntax/yaml/tree';
import { walkConditionTree, type ConditionVisit } from './conditionWalk';

export type SymbolKind = 'rule' | 'macro' | 'list';

/**
 * How an item affects its name: `define` is a full definition, `append` extends (legacy `append: true` or
 * `override: append` on some key), `replace` replaces keys (`override` with only `replace`), `enable` is the
 * legacy enabled-only rule item.
 */
export type DeclarationMode = 'define' | 'append' | 'replace' | 'enable';

export interface Declaration {
  readonly kind: SymbolKind;
  readonly name: string;
  readonly nameSpan: Span;
  readonly itemIndex: number;
  readonly itemSpan: Span;
  readonly mode: DeclarationMode;
}

export type ReferenceContext = 'condition' | 'list-item' | 'exception-value';

export interface Reference {
  /**
   * `macro`: an identifier in check position. `list`: a word that names a list if one exists (Falco substitutes
   * list names as text; an undefined name stays a literal string).
   */
  readonly kind: 'macro' | 'list';
  readonly name: string;
  readonly span: Span;
  readonly itemIndex: number;
  readonly context: ReferenceContext;
}

export interface FileSymbols {
  readonly declarations: readonly Declaration[];
  readonly references: readonly Reference[];
  /** The same, per item of the file (in item order). */
  readonly byItem: readonly { readonly declarations: readonly Declaration[]; readonly references: readonly Reference[] }[];
}

const listWord = /^[^()"'\s=,]+$/;

function declarationMode(item: RulesItem): DeclarationMode {
  if (item.legacyAppend) return 'append';
  if (item.override) {
    const appends = item.override.pairs.some((pair) => pair.value?.kind === 'scalar' && pair.value.value === 'append');
    return appends ? 'append' : 'replace';
  }
  if (item.kind === 'rule' && item.map) {
    const hasBody = ['condition', 'output', 'desc', 'priority'].some((key) => getPair(item.map!, key));
    if (!hasBody && getPair(item.map, 'enabled')) return 'enable';
  }
  return 'define';
}

function collectConditionReferences(condition: EmbeddedCondition, itemIndex: number, references: Reference[]): void {
  const ast = condition.parsed.ast;
  if (!ast) return;
  walkConditionTree(ast, (visit: ConditionVisit) => {
    const span = conditionSourceSpan(condition, visit.span);
    if (!span) return;
    if (visit.role === 'macro') references.push({ kind: 'macro', name: visit.name, span, itemIndex, context: 'condition' });
    else if (visit.role === 'list-candidate' && listWord.test(visit.name)) {
      references.push({ kind: 'list', name: visit.name, span, itemIndex, context: 'condition' });
    }
  });
}

function collectScalarWords(node: YNode | null | undefined, visit: (scalar: YScalar) => void, depth = 0): void {
  if (!node || depth > 8) return;
  if (node.kind === 'scalar') {
    if (!node.isNull) visit(node);
  } else if (node.kind === 'seq') {
    for (const item of node.items) collectScalarWords(item, visit, depth + 1);
  }
}

function scalarContentSpan(scalar: YScalar): Span {
  return toSourceSpan(scalar.text, { start: 0, end: scalar.text.value.length });
}

function collectItemReferences(item: RulesItem, references: Reference[]): void {
  if (item.condition) collectConditionReferences(item.condition, item.index, references);
  const map = item.map;
  if (!map) return;
  if (item.kind === 'list') {
    collectScalarWords(getPair(map, 'items')?.value, (scalar) => {
      if (listWord.test(scalar.value)) {
        references.push({ kind: 'list', name: scalar.value, span: scalarContentSpan(scalar), itemIndex: item.index, context: 'list-item' });
      }
    });
  }
  if (item.kind === 'rule') {
    const exceptions = getPair(map, 'exceptions')?.value;
    if (exceptions && exceptions.kind === 'seq') {
      for (const entry of exceptions.items) {
        if (!entry || entry.kind !== 'map') continue;
        collectScalarWords(getPair(entry, 'values')?.value, (scalar) => {
          if (listWord.test(scalar.value)) {
            references.push({ kind: 'list', name: scalar.value, span: scalarContentSpan(scalar), itemIndex: item.index, context: 'exception-value' });
          }
        });
      }
    }
  }
}

function itemSymbols(item: RulesItem): { declarations: Declaration[]; references: Reference[] } {
  const declarations: Declaration[] = [];
  const references: Reference[] = [];
  if ((item.kind === 'rule' || item.kind === 'macro' || item.kind === 'list') && item.name !== null && item.nameNode) {
    declarations.push({
      kind: item.kind,
      name: item.name,
      nameSpan: scalarContentSpan(item.nameNode),
      itemIndex: item.index,
      itemSpan: item.span,
      mode: declarationMode(item),
    });
  }
  collectItemReferences(item, references);
  return { declarations, references };
}

/**
 * The symbols of items that did not change between two parses (the parser hands over the same item objects,
 * moved in place when an edit above them changed their offsets) are reused, shifted when needed.
 */
interface CachedItemSymbols {
  readonly start: number;
  readonly declarations: Declaration[];
  readonly references: Reference[];
}

const itemSymbolCache = new WeakMap<RulesItem, CachedItemSymbols>();

function shifted<T extends { span?: Span; nameSpan?: Span }>(entries: T[], delta: number, fields: readonly ('span' | 'nameSpan' | 'itemSpan')[]): T[] {
  return entries.map((entry) => {
    const copy: Record<string, unknown> = { ...entry };
    for (const field of fields) {
      const value = copy[field] as Span | undefined;
      if (value) copy[field] = { start: value.start + delta, end: value.end + delta };
    }
    return copy as T;
  });
}

function cachedItemSymbols(item: RulesItem): CachedItemSymbols {
  const cached = itemSymbolCache.get(item);
  if (cached && cached.start === item.span.start) return cached;
  let entry: CachedItemSymbols;
  if (cached) {
    const delta = item.span.start - cached.start;
    entry = {
      start: item.span.start,
      declarations: shifted(cached.declarations, delta, ['nameSpan']).map((declaration) => ({ ...declaration, itemSpan: item.span })),
      references: shifted(cached.references, delta, ['span']),
    };
  } else entry = { start: item.span.start, ...itemSymbols(item) };
  itemSymbolCache.set(item, entry);
  return entry;
}

export function buildFileSymbols(syntax: RulesFileSyntax): FileSymbols {
  const declarations: Declaration[] = [];
  const references: Reference[] = [];
  const byItem = syntax.items.map(cachedItemSymbols);
  for (const symbols of byItem) {
    for (const declaration of symbols.declarations) declarations.push(declaration);
    for (const reference of symbols.references) references.push(reference);
  }
  return { declarations, references, byItem };
}

/** A stable key of the declared names, to tell whether an edit changed what other files can see. */
export function declarationSignature(symbols: FileSymbols): string {
  return symbols.declarations.map((declaration) => `${declaration.kind}\u0000${declaration.name}\u0000${declaration.mode}`).join('\u0001');
}
