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

export interface FalcoDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly severity: ProblemSeverity;
  readonly related?: readonly RelatedPlace[];
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}
