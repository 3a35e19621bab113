/**
 * Rename (F2) of a macro, list or rule across the workspace. Every item of the name (definitions, appends,
 * overrides, `enabled` toggles: one entity in the load) and every use (conditions, list items, exception values)
 * is rewritten in the style of its scalar. Names Falco would reject, or that would change the meaning of other
 * words once Falco substitutes them, are refused with the reason and the place.
 */
import type { SymbolKind } from '../semantic/fileSymbols';
import type { IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import type { Span } from '../syntax/span';
import type { FileChanges } from './codeActions/types';
import type { TextChange } from './diagnostics/diagnostic';
import { fileLabel, fileLine } from './diagnostics/checks/references/support';
import { locate, symbolOf } from './locate';
import { conflictReason } from './rename/conflicts';
import { invalidNameReason } from './rename/names';
import { changeFor, collectOccurrences, occurrenceProblem, type Describe, type Occurrence } from './rename/occurrences';
import { verifyRename } from './rename/verify';

export type PrepareRenameResult = { readonly span: Span; readonly placeholder: string } | { readonly error: string };
export type RenameResult = { readonly changes: readonly FileChanges[] } | { readonly error: string };

export interface RenameOptions {
  /** How messages name a file (default: its file name). */
  readonly displayPath?: (uri: string) => string;
}

export const NOT_RENAMABLE = 'Only macros, lists and rules can be renamed';

interface Subject {
  readonly kind: SymbolKind;
  readonly name: string;
  readonly span: Span;
  readonly occurrences: readonly Occurrence[];
}

function describer(options: RenameOptions): Describe {
  const name = (file: IndexedFile): string => (file.origin ? file.origin.label : options.displayPath ? options.displayPath(file.uri) : fileLabel(file.path));
  return (file, offset) => `\`${name(file)}\` line ${fileLine(file, offset)}`;
}

/** What the offset names, with all its occurrences; an error when it cannot be renamed; null when nothing is there. */
function subjectAt(index: WorkspaceIndex, file: IndexedFile, offset: number, describe: Describe): Subject | { error: string } | null {
  const target = locate(file, offset);
  if (!target) return null;
  if (target.type === 'field') return { error: NOT_RENAMABLE };
  const symbol = symbolOf(target);
  if (!symbol) return null;
  if (target.type === 'reference' && index.declarationsOf(symbol.kind, symbol.name).length === 0) {
    return symbol.kind === 'macro'
      ? { error: `No macro named \`${symbol.name}\` is defined in the workspace, so there is nothing to rename.` }
      : { error: `\`${symbol.name}\` is a value, not the name of a list of the workspace. ${NOT_RENAMABLE}.` };
  }
  const occurrences = collectOccurrences(index, symbol.kind, symbol.name);
  for (const occurrence of occurrences) {
    const problem = occurrenceProblem(occurrence, symbol.name, describe);
    if (problem) return { error: problem };
  }
  return { kind: symbol.kind, name: symbol.name, span: target.span, occurrences };
}

/**
 * Whether the name under `offset` can be renamed: the span of the name and its current text, an error saying
 * why not, or null when the offset is on nothing that has a name.
 */
export function prepareRename(index: WorkspaceIndex, file: IndexedFile, offset: number, options: RenameOptions = {}): PrepareRenameResult | null {
  const subject = subjectAt(index, file, offset, describer(options));
  if (!subject || 'error' in subject) return subject;
  return { span: subject.span, placeholder: subject.name };
}

/** The edits that rename the macro, list or rule under `offset` to `newName` in every file, or why not. */
export function rename(index: WorkspaceIndex, file: IndexedFile, offset: number, newName: string, options: RenameOptions = {}): RenameResult {
  const describe = describer(options);
  const subject = subjectAt(index, file, offset, describe);
  if (!subject) return { error: NOT_RENAMABLE };
  if ('error' in subject) return subject;
  if (newName === subject.name) return { changes: [] };
  const invalid = invalidNameReason(subject.kind, newName);
  if (invalid) return { error: invalid };
  const conflict = conflictReason(index, subject.kind, newName, describe);
  if (conflict) return { error: conflict };
  const byFile = new Map<string, { file: IndexedFile; changes: TextChange[] }>();
  for (const occurrence of subject.occurrences) {
    let entry = byFile.get(occurrence.file.uri);
    if (!entry) byFile.set(occurrence.file.uri, (entry = { file: occurrence.file, changes: [] }));
    if (entry.changes.some((change) => change.span.start === occurrence.span.start)) continue;
    entry.changes.push(changeFor(occurrence, newName));
  }
  const result: FileChanges[] = [];
  const files = [...byFile.values()].sort((a, b) => index.positionOf(a.file.uri) - index.positionOf(b.file.uri));
  for (const { file: changed, changes } of files) {
    changes.sort((a, b) => a.span.start - b.span.start);
    const problem = verifyRename(changed, changes, subject.kind, subject.name, newName, describe);
    if (problem) return { error: problem };
    result.push({ uri: changed.uri, changes });
  }
  return { changes: result };
}
