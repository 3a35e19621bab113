/**
 * Problems found while parsing: YAML structure, condition syntax and output syntax. They carry a stable
 * kebab-case code (documented in docs/diagnostics.md) and a span in the coordinates of the text that was parsed.
 */
import type { Span } from './span';

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface SyntaxProblem {
  /** Stable kebab-case identifier, e.g. `yaml-syntax`, `condition-syntax`, `output-syntax`. */
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly severity: ProblemSeverity;
}
