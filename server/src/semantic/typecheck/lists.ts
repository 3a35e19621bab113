/**
 * Lists as the engine substitutes them (falco-language.md §5.1–§5.2, engine-verified.md): a word in a condition
 * that names a list becomes the list's items; an item that names another list becomes that list's raw items (one
 * level only: a name found there stays literal); an undefined name stays the literal word. Definitions count up
 * to and including the file being checked, in load order: a full definition or `replace` resets the items, an
 * append adds to them.
 */
import { getPair, type YNode } from '../../syntax/yaml/tree';
import type { WorkspaceIndex } from '../workspaceIndex';

/** One value a list contributes after substitution. */
export interface ListValue {
  /** The value as the condition lexer reads it (quotes removed). */
  readonly value: string;
  /** The raw item text. */
  readonly raw: string;
  /** The nested list the item came from, when it was expanded from one. */
  readonly viaList?: string;
  /** The raw item breaks the condition once pasted (unquoted `,`, `(`, `)`, `=` or a stray quote). */
  readonly breaksSyntax: boolean;
}

function rawItems(node: YNode | null | undefined): string[] {
  if (!node || node.kind !== 'seq') return [];
  const items: string[] = [];
  for (const entry of node.items) if (entry && entry.kind === 'scalar' && !entry.isNull) items.push(entry.value);
  return items;
}

/** How a pasted item reads in the condition. */
function toValue(raw: string, viaList?: string): ListValue {
  const trimmed = raw.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'") && trimmed.length >= 2 && trimmed[trimmed.length - 1] === quote) {
    return { value: trimmed.slice(1, -1), raw, breaksSyntax: false, ...(viaList ? { viaList } : {}) };
  }
  // Items with blanks are quoted by the engine when pasted; other special characters are pasted as they are.
  const breaksSyntax = !/\s/.test(trimmed) && /[(),="']/.test(trimmed);
  return { value: trimmed, raw, breaksSyntax, ...(viaList ? { viaList } : {}) };
}

export class ListResolver {
  private readonly rawCache = new Map<string, string[] | null>();
  private readonly valueCache = new Map<string, readonly ListValue[] | null>();
  private names: readonly string[] | undefined;

  constructor(
    private readonly index: WorkspaceIndex,
    /** Position of the file being checked in the load order (-1: every file counts). */
    private readonly filePosition: number,
  ) {}

  /** The raw items of a list as the engine has them at this point, or null when no such list is defined. */
  rawItemsOf(name: string): readonly string[] | null {
    let items = this.rawCache.get(name);
    if (items !== undefined) return items;
    items = null;
    for (const location of this.index.declarationsOf('list', name)) {
      if (this.filePosition >= 0 && location.filePosition > this.filePosition) continue;
      const item = location.file.syntax.items[location.declaration.itemIndex];
      if (!item?.map) continue;
      const own = rawItems(getPair(item.map, 'items')?.value);
      const mode = location.declaration.mode;
      if (mode === 'define' || mode === 'replace' || items === null) items = [...own];
      else items.push(...own);
    }
    this.rawCache.set(name, items);
    return items;
  }

  isList(name: string): boolean {
    return this.rawItemsOf(name) !== null;
  }

  /** The values a list name stands for, nested lists expanded one level; null when no such list is defined. */
  valuesOf(name: string): readonly ListValue[] | null {
    let values = this.valueCache.get(name);
    if (values !== undefined) return values;
    const raw = this.rawItemsOf(name);
    if (raw === null) values = null;
    else {
      const expanded: ListValue[] = [];
      for (const item of raw) {
        const nested = item !== name ? this.rawItemsOf(item.trim()) : null;
        if (nested) for (const inner of nested) expanded.push(toValue(inner, item.trim()));
        else expanded.push(toValue(item));
      }
      values = expanded;
    }
    this.valueCache.set(name, values);
    return values;
  }

  /** Names of every list defined up to this point, for suggestions. */
  listNames(): readonly string[] {
    if (this.names) return this.names;
    const names = new Set<string>();
    for (const location of this.index.allDeclarations()) {
      if (location.declaration.kind !== 'list') continue;
      if (this.filePosition >= 0 && location.filePosition > this.filePosition) continue;
      names.add(location.declaration.name);
    }
    this.names = [...names];
    return this.names;
  }
}

const resolvers = new WeakMap<WorkspaceIndex, { generation: number; byPosition: Map<number, ListResolver> }>();

/** The (cached until the index changes) list resolver for a file position. */
export function listResolver(index: WorkspaceIndex, filePosition: number): ListResolver {
  let entry = resolvers.get(index);
  if (!entry || entry.generation !== index.contentGeneration) {
    entry = { generation: index.contentGeneration, byPosition: new Map() };
    resolvers.set(index, entry);
  }
  let resolver = entry.byPosition.get(filePosition);
  if (!resolver) entry.byPosition.set(filePosition, (resolver = new ListResolver(index, filePosition)));
  return resolver;
}
