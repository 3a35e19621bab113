/**
 * Document symbols: one entry per rule, macro and list (and required_* item), with a rule's exceptions nested
 * under it; and workspace symbols over every declaration of the index.
 */
import type { IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import type { RulesItem } from '../syntax/rulesFile';
import type { Span } from '../syntax/span';
import { getPair, getScalar } from '../syntax/yaml/tree';

/** `file`: a rules file embedded in another file (a Helm values file's `customRules` entry), grouping its items. */
export type OutlineKind = 'rule' | 'macro' | 'list' | 'exception' | 'required_engine_version' | 'required_plugin_versions' | 'file';

export interface OutlineSymbol {
  readonly name: string;
  readonly kind: OutlineKind;
  readonly detail: string;
  readonly span: Span;
  readonly selectionSpan: Span;
  readonly children: readonly OutlineSymbol[];
}

function itemDetail(item: RulesItem): string {
  const parts: string[] = [];
  if (item.legacyAppend) parts.push('append');
  if (item.override) parts.push('override');
  if (item.kind === 'rule' && item.map) {
    const priority = getScalar(item.map, 'priority');
    if (priority && !priority.isNull) parts.push(priority.value);
    const source = getScalar(item.map, 'source');
    if (source && !source.isNull && source.value !== 'syscall') parts.push(source.value);
    const enabled = getScalar(item.map, 'enabled');
    if (enabled && /^(false|no|off|n)$/i.test(enabled.value)) parts.push('disabled');
  }
  return parts.join(' · ');
}

function exceptionSymbols(item: RulesItem): OutlineSymbol[] {
  const exceptions = item.map ? getPair(item.map, 'exceptions')?.value : undefined;
  if (!exceptions || exceptions.kind !== 'seq') return [];
  const symbols: OutlineSymbol[] = [];
  for (const entry of exceptions.items) {
    if (!entry || entry.kind !== 'map') continue;
    const name = getScalar(entry, 'name');
    symbols.push({
      name: name && !name.isNull ? name.value : '(exception without name)',
      kind: 'exception',
      detail: 'exception',
      span: entry.span,
      selectionSpan: name ? name.span : entry.span,
      children: [],
    });
  }
  return symbols;
}

export function getDocumentSymbols(file: IndexedFile): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  for (const item of file.syntax.items) {
    if (item.kind === 'unknown' || item.kind === 'invalid') continue;
    if (item.kind === 'required_engine_version' || item.kind === 'required_plugin_versions') {
      const value = item.kindPair?.value;
      symbols.push({
        name: item.kind,
        kind: item.kind,
        detail: value && value.kind === 'scalar' ? value.value : '',
        span: item.span,
        selectionSpan: item.kindPair?.keySpan ?? item.span,
        children: [],
      });
      continue;
    }
    symbols.push({
      name: item.name ?? `(${item.kind} without name)`,
      kind: item.kind,
      detail: itemDetail(item),
      span: item.span,
      selectionSpan: item.nameNode ? item.nameNode.span : (item.kindPair?.keySpan ?? item.span),
      children: item.kind === 'rule' ? exceptionSymbols(item) : [],
    });
  }
  return symbols;
}

export interface WorkspaceSymbolEntry {
  readonly uri: string;
  readonly name: string;
  readonly kind: 'rule' | 'macro' | 'list';
  readonly span: Span;
  readonly detail: string;
}

function matchesQuery(name: string, query: string): boolean {
  if (query === '') return true;
  const lowerName = name.toLowerCase();
  let position = 0;
  for (const char of query.toLowerCase()) {
    position = lowerName.indexOf(char, position);
    if (position < 0) return false;
    position++;
  }
  return true;
}

export function getWorkspaceSymbols(index: WorkspaceIndex, query: string, limit = 1000): WorkspaceSymbolEntry[] {
  const results: WorkspaceSymbolEntry[] = [];
  for (const location of index.allDeclarations()) {
    const { declaration, file } = location;
    if (!matchesQuery(declaration.name, query)) continue;
    results.push({
      uri: file.uri,
      name: declaration.name,
      kind: declaration.kind,
      span: declaration.nameSpan,
      detail: declaration.mode === 'define' ? declaration.kind : `${declaration.kind} (${declaration.mode})`,
    });
    if (results.length >= limit) break;
  }
  return results;
}
