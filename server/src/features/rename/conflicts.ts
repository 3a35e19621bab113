/**
 * Whether a new name is free in the workspace: no item of the same kind has it, and no word that would change
 * meaning. Falco substitutes list names as text everywhere in conditions (falco-language.md §5.1), so a list must
 * not take the name of a macro, of a field in use, or of a word already written as a value; and a macro must not
 * take a name already used, undefined, as a macro.
 */
import { walkConditionTree } from '../../semantic/conditionWalk';
import type { SymbolKind } from '../../semantic/fileSymbols';
import type { IndexedFile, WorkspaceIndex } from '../../semantic/workspaceIndex';
import { conditionSourceSpan } from '../../syntax/rulesFile';
import { getPair, type YNode } from '../../syntax/yaml/tree';
import type { Describe } from './occurrences';

const substitution = 'Falco replaces list names as text everywhere in conditions';

function firstDeclaration(index: WorkspaceIndex, kind: SymbolKind, name: string, describe: Describe): string | undefined {
  const location = index.declarationsOf(kind, name)[0];
  return location ? describe(location.file, location.declaration.nameSpan.start) : undefined;
}

function firstReference(index: WorkspaceIndex, kind: 'macro' | 'list', name: string, describe: Describe): string | undefined {
  const location = index.referencesOf(kind, name)[0];
  return location ? describe(location.file, location.reference.span.start) : undefined;
}

function scalarIs(node: YNode | null | undefined, name: string): boolean {
  if (!node) return false;
  if (node.kind === 'scalar') return node.value === name;
  return node.kind === 'seq' && node.items.some((item) => item?.kind === 'scalar' && item.value === name);
}

/** The first place a field of that name is used: in a condition, or in the `fields` of an exception. */
function fieldUse(file: IndexedFile, name: string): number | undefined {
  for (const item of file.syntax.items) {
    const condition = item.condition;
    if (condition?.parsed.ast) {
      let found: number | undefined;
      walkConditionTree(condition.parsed.ast, (visit) => {
        if (found !== undefined || visit.role !== 'field' || visit.name !== name) return;
        found = conditionSourceSpan(condition, visit.span)?.start;
      });
      if (found !== undefined) return found;
    }
    const exceptions = item.kind === 'rule' && item.map ? getPair(item.map, 'exceptions')?.value : undefined;
    if (exceptions?.kind !== 'seq') continue;
    for (const entry of exceptions.items) {
      const fields = entry?.kind === 'map' ? getPair(entry, 'fields')?.value : undefined;
      if (fields && scalarIs(fields, name)) return fields.span.start;
    }
  }
  return undefined;
}

function firstFieldUse(index: WorkspaceIndex, name: string, describe: Describe): string | undefined {
  for (const file of index.files()) {
    const offset = fieldUse(file, name);
    if (offset !== undefined) return describe(file, offset);
  }
  return undefined;
}

/** Why `kind` `newName` would clash with the workspace, or undefined when the name is free. */
export function conflictReason(index: WorkspaceIndex, kind: SymbolKind, newName: string, describe: Describe): string | undefined {
  const same = firstDeclaration(index, kind, newName, describe);
  if (same) return `A ${kind} named \`${newName}\` already exists in ${same}.`;
  if (kind === 'macro') {
    const list = firstDeclaration(index, 'list', newName, describe);
    if (list) return `A list named \`${newName}\` exists in ${list}; ${substitution}, so it would replace the macro's uses.`;
    const use = firstReference(index, 'macro', newName, describe);
    if (use) return `\`${newName}\` is already used as a macro in ${use}, where no macro defines it; the rename would change what it refers to.`;
  }
  if (kind === 'list') {
    const macro = firstDeclaration(index, 'macro', newName, describe);
    if (macro) return `A macro named \`${newName}\` exists in ${macro}; ${substitution}, so the list would replace the macro's uses.`;
    const value = firstReference(index, 'list', newName, describe);
    if (value) return `\`${newName}\` already appears as a value in ${value}; ${substitution}, so the rename would change it there.`;
    const use = firstReference(index, 'macro', newName, describe);
    if (use) return `\`${newName}\` is used as a macro in ${use}; ${substitution}, so the list would replace it.`;
    const field = firstFieldUse(index, newName, describe);
    if (field) return `\`${newName}\` is a field used in ${field}; ${substitution}, so the list would replace it.`;
  }
  return undefined;
}
