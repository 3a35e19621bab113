/**
 * Code actions of a range: the refactorings every provider offers there, and "fix all" merges of the quick
 * fixes diagnostics carry. Providers never throw into the caller: a failing provider offers nothing.
 */
import type { FalcoDiagnostic, TextChange } from '../diagnostics/diagnostic';
import { refactorProviders } from './providers';
import type { RefactorContext, Refactoring } from './types';

export type { FileChanges, RefactorContext, Refactoring, RefactorKind, RefactorProvider } from './types';
export { escapeSnippet, placeholder, snippetToPlain } from './snippets';

export function getRefactorings(context: RefactorContext, onError?: (error: unknown) => void): Refactoring[] {
  const found: Refactoring[] = [];
  for (const provider of refactorProviders) {
    try {
      found.push(...provider(context));
    } catch (error) {
      onError?.(error);
    }
  }
  return found;
}

/** Whether a diagnostic's preferred fix may be applied together with the others of its code. */
export function fixAllCandidate(diagnostic: FalcoDiagnostic): readonly TextChange[] | undefined {
  const fix = diagnostic.fixes?.find((candidate) => candidate.preferred);
  if (!fix || fix.changes.length === 0 || fix.changes.some((change) => change.snippet)) return undefined;
  return fix.changes;
}

/**
 * The preferred fixes of `diagnostics` merged into one set of changes, in file order; a fix whose changes
 * overlap or touch an earlier accepted fix is left for a second pass. Returns the changes and how many fixes
 * they apply.
 */
export function mergeFixes(diagnostics: readonly FalcoDiagnostic[]): { changes: TextChange[]; count: number } {
  const fixes = diagnostics.map(fixAllCandidate).filter((changes): changes is readonly TextChange[] => changes !== undefined);
  fixes.sort((a, b) => Math.min(...a.map((change) => change.span.start)) - Math.min(...b.map((change) => change.span.start)));
  const accepted: TextChange[] = [];
  let count = 0;
  for (const changes of fixes) {
    const clash = changes.some((change) => accepted.some((other) => change.span.start <= other.span.end && other.span.start <= change.span.end));
    const duplicate = changes.every((change) => accepted.some((other) => other.span.start === change.span.start && other.span.end === change.span.end && other.newText === change.newText));
    if (duplicate) continue;
    if (clash) continue;
    accepted.push(...changes);
    count += 1;
  }
  accepted.sort((a, b) => a.span.start - b.span.start);
  return { changes: accepted, count };
}
