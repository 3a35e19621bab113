/**
 * The diagnostic shape of the features layer: a stable code, a message that says what is wrong and how to fix
 * it, the exact span, and optional related places. The service turns it into an LSP diagnostic.
 */
import type { ProblemSeverity } from '../../syntax/problems';
import type { Span } from '../../syntax/span';

export interface RelatedPlace {
  readonly uri: string;
  readonly span: Span;
  readonly message: string;
}

/** One replacement in the diagnostic's document: `span` (may be empty, for an insertion) becomes `newText`. */
export interface TextChange {
  readonly span: Span;
  readonly newText: string;
  /**
   * `newText` is in snippet syntax (`${1:placeholder}`, `$0`, `\$` for a dollar): clients that take snippet edits
   * let the user tab through the placeholders; others get the text with the placeholders' defaults.
   */
  readonly snippet?: boolean;
}

/** A quick fix a check offers with its diagnostic: minimal edits of the same document. */
export interface DiagnosticFix {
  readonly title: string;
  readonly changes: readonly TextChange[];
  /**
   * The fix to apply when the user asks for "the" fix (one per diagnostic at most). A preferred fix without
   * snippet changes is also safe to apply to every diagnostic of its code at once ("fix all in file").
   */
  readonly preferred?: boolean;
}

export interface FalcoDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly severity: ProblemSeverity;
  readonly related?: readonly RelatedPlace[];
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
  readonly fixes?: readonly DiagnosticFix[];
}
