/**
 * The safety net of a rename: each changed file is parsed again with its edits applied, and must declare and
 * refer to exactly what it did before, with only the renamed name changed, and have the same syntax problems.
 * A new name that YAML or the condition grammar would read differently at some place (a `#` after a blank in a
 * plain scalar, a `: `) is refused there instead of silently changing the file.
 */
import { buildFileSymbols, type SymbolKind } from '../../semantic/fileSymbols';
import type { IndexedFile } from '../../semantic/workspaceIndex';
import { parseRulesFile } from '../../syntax/rulesFile';
import type { TextChange } from '../diagnostics/diagnostic';
import type { Describe } from './occurrences';

/** Applies non-overlapping changes to a text. */
function applyChanges(text: string, changes: readonly TextChange[]): string {
  const sorted = [...changes].sort((a, b) => b.span.start - a.span.start);
  let result = text;
  for (const change of sorted) result = result.slice(0, change.span.start) + change.newText + result.slice(change.span.end);
  return result;
}

/** Maps an offset of the changed text back to the text before the changes. */
function toOldOffset(changes: readonly TextChange[], offset: number): number {
  let delta = 0;
  for (const change of [...changes].sort((a, b) => a.span.start - b.span.start)) {
    const start = change.span.start + delta;
    if (offset < start) break;
    if (offset < start + change.newText.length) return change.span.start;
    delta += change.newText.length - (change.span.end - change.span.start);
  }
  return offset - delta;
}

interface Signature {
  readonly key: string;
  /** Where the entry is in the file before the rename (for the message). */
  readonly offset: number;
}

function signatures(
  symbols: ReturnType<typeof buildFileSymbols>,
  rename: (kind: string, name: string) => string,
  offsetOf: (offset: number) => number,
): Signature[] {
  const result: Signature[] = [];
  for (const declaration of symbols.declarations) {
    result.push({
      key: `d\u0000${declaration.kind}\u0000${rename(declaration.kind, declaration.name)}\u0000${declaration.mode}\u0000${declaration.itemIndex}`,
      offset: offsetOf(declaration.nameSpan.start),
    });
  }
  for (const reference of symbols.references) {
    result.push({
      key: `r\u0000${reference.kind}\u0000${rename(reference.kind, reference.name)}\u0000${reference.context}\u0000${reference.itemIndex}`,
      offset: offsetOf(reference.span.start),
    });
  }
  return result;
}

function changedReading(newName: string, place: string): string {
  return `\`${newName}\` would be read differently in ${place} (by YAML or by the condition grammar); choose another name or edit that place by hand.`;
}

/** Why the changes would alter the file beyond the rename (naming the place), or undefined when they do not. */
export function verifyRename(
  file: IndexedFile,
  changes: readonly TextChange[],
  kind: SymbolKind,
  oldName: string,
  newName: string,
  describe: Describe,
): string | undefined {
  const syntax = parseRulesFile(applyChanges(file.syntax.text, changes));
  const before = signatures(file.symbols, (entryKind, name) => (entryKind === kind && name === oldName ? newName : name), (offset) => offset);
  const after = signatures(buildFileSymbols(syntax), (_kind, name) => name, (offset) => toOldOffset(changes, offset));
  const length = Math.max(before.length, after.length);
  for (let position = 0; position < length; position++) {
    if (before[position]?.key === after[position]?.key) continue;
    const offset = before[position]?.offset ?? after[position].offset;
    return changedReading(newName, describe(file, offset));
  }
  const problemsBefore = file.syntax.problems.map((problem) => problem.code);
  const problemsAfter = syntax.problems.map((problem) => problem.code);
  for (let position = 0; position < Math.max(problemsBefore.length, problemsAfter.length); position++) {
    if (problemsBefore[position] === problemsAfter[position]) continue;
    const offsets = [file.syntax.problems[position]?.span.start, syntax.problems[position] && toOldOffset(changes, syntax.problems[position].span.start)];
    const offset = Math.min(...offsets.filter((entry): entry is number => entry !== undefined));
    return changedReading(newName, describe(file, offset));
  }
  return undefined;
}
