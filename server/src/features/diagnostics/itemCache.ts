/**
 * Caches the diagnostics of item-local checks per item, so a keystroke re-checks only the item it touched. An
 * entry is valid while the item object is the same (the parser hands over unchanged items) and the workspace
 * key (names, uses, facts, catalogs, options) has not changed; an item that only moved has its diagnostics
 * shifted. Diagnostics that point at another item of the same file are never cached.
 */
import type { RulesItem } from '../../syntax/rulesFile';
import type { CheckContext } from './check';
import type { FalcoDiagnostic } from './diagnostic';

interface Entry {
  readonly key: string;
  readonly start: number;
  readonly diagnostics: readonly FalcoDiagnostic[];
}

const cache = new WeakMap<RulesItem, Entry>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function idOf(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = nextObjectId++));
  return id;
}

/** Everything item-local results depend on besides the item itself. */
export function workspaceKey(context: Omit<CheckContext, 'report' | 'items'>): string {
  const { index, model } = context;
  return `${idOf(index)}:${index.generation}:${index.factsGeneration}:${model.usageVersion}:${idOf(context.catalogs)}:${idOf(context.options)}`;
}

function shift(diagnostic: FalcoDiagnostic, delta: number, uri: string): FalcoDiagnostic {
  if (delta === 0) return diagnostic;
  const move = (span: { start: number; end: number }) => ({ start: span.start + delta, end: span.end + delta });
  return {
    ...diagnostic,
    span: move(diagnostic.span),
    related: diagnostic.related?.map((place) => (place.uri === uri ? { ...place, span: move(place.span) } : place)),
    fixes: diagnostic.fixes?.map((fix) => ({ ...fix, changes: fix.changes.map((change) => ({ ...change, span: move(change.span) })) })),
  };
}

/** Cached diagnostics of an item, shifted to where it is now, or undefined. */
export function cachedDiagnostics(item: RulesItem, key: string, uri: string): readonly FalcoDiagnostic[] | undefined {
  const entry = cache.get(item);
  if (!entry || entry.key !== key) return undefined;
  const delta = item.span.start - entry.start;
  return entry.diagnostics.map((diagnostic) => shift(diagnostic, delta, uri));
}

function detach(diagnostic: FalcoDiagnostic): FalcoDiagnostic {
  return {
    ...diagnostic,
    span: { start: diagnostic.span.start, end: diagnostic.span.end },
    related: diagnostic.related?.map((place) => ({ ...place, span: { start: place.span.start, end: place.span.end } })),
    fixes: diagnostic.fixes?.map((fix) => ({ ...fix, changes: fix.changes.map((change) => ({ ...change, span: { start: change.span.start, end: change.span.end } })) })),
  };
}

function inside(item: RulesItem, span: { start: number; end: number }): boolean {
  return span.start >= item.span.start && span.end <= item.span.end;
}

/**
 * Stores the diagnostics found for `items`, each under the item that contains it. An item with a diagnostic
 * outside every item (which an item-local check should not report) or pointing at another item of the file is
 * not cached.
 */
export function storeDiagnostics(items: readonly RulesItem[], diagnostics: readonly FalcoDiagnostic[], key: string, uri: string): void {
  const perItem = new Map<RulesItem, FalcoDiagnostic[]>(items.map((item) => [item, []]));
  const uncacheable = new Set<RulesItem>();
  for (const diagnostic of diagnostics) {
    const owner = items.find((item) => inside(item, diagnostic.span));
    if (!owner) {
      for (const item of items) uncacheable.add(item);
      continue;
    }
    perItem.get(owner)!.push(diagnostic);
    if (diagnostic.related?.some((place) => place.uri === uri && !inside(owner, place.span))) uncacheable.add(owner);
    if (diagnostic.fixes?.some((fix) => fix.changes.some((change) => !inside(owner, change.span)))) uncacheable.add(owner);
  }
  for (const [item, found] of perItem) {
    if (uncacheable.has(item)) cache.delete(item);
    // Copies: a check may report a span object of the syntax tree, which moves in place with later edits.
    else cache.set(item, { key, start: item.span.start, diagnostics: found.map(detach) });
  }
}
