/**
 * Find references: every use of a macro or list (conditions, list items, exception values) and every
 * override/append item of a rule, macro or list, across the workspace in load order.
 */
import type { IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import { locate, symbolOf, type FileSpan } from './locate';

export function findReferences(index: WorkspaceIndex, file: IndexedFile, offset: number, includeDeclaration: boolean): FileSpan[] {
  const target = locate(file, offset);
  if (!target) return [];
  const symbol = symbolOf(target);
  if (!symbol) return [];
  const results: FileSpan[] = [];
  for (const location of index.declarationsOf(symbol.kind, symbol.name)) {
    if (location.declaration.mode === 'define' && !includeDeclaration) continue;
    results.push({ uri: location.file.uri, span: location.declaration.nameSpan });
  }
  if (symbol.kind !== 'rule') {
    for (const location of index.referencesOf(symbol.kind, symbol.name)) {
      results.push({ uri: location.file.uri, span: location.reference.span });
    }
  }
  return results;
}
