/**
 * Go to definition: from a macro or list reference (conditions, list items, exception values) to its full
 * definitions in load order, and from an override/append item to the definitions it modifies.
 */
import type { DeclarationLocation, IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import { locate, type FileSpan } from './locate';

function toFileSpan(location: DeclarationLocation): FileSpan {
  return { uri: location.file.uri, span: location.declaration.nameSpan, itemSpan: location.declaration.itemSpan };
}

function isBefore(location: DeclarationLocation, filePosition: number, itemIndex: number): boolean {
  return location.filePosition < filePosition || (location.filePosition === filePosition && location.declaration.itemIndex < itemIndex);
}

export function findDefinition(index: WorkspaceIndex, file: IndexedFile, offset: number): FileSpan[] {
  const target = locate(file, offset);
  if (!target) return [];
  if (target.type === 'reference') {
    const declarations = index.declarationsOf(target.reference.kind, target.reference.name);
    const definitions = declarations.filter((location) => location.declaration.mode === 'define');
    return (definitions.length > 0 ? definitions : declarations).map(toFileSpan);
  }
  if (target.type === 'declaration') {
    const { kind, name, mode, itemIndex } = target.declaration;
    const definitions = index.declarationsOf(kind, name).filter((location) => location.declaration.mode === 'define');
    if (mode === 'define') return definitions.map(toFileSpan);
    // An update item: the definitions loaded before it are the ones it modifies.
    const filePosition = index.positionOf(file.uri);
    const earlier = definitions.filter((location) => isBefore(location, filePosition, itemIndex));
    return (earlier.length > 0 ? earlier : definitions).map(toFileSpan);
  }
  return [];
}
