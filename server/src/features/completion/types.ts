/**
 * Completion candidates as the features layer produces them: light items (label, kind, ranking, the text to
 * insert) whose documentation is computed only when the editor asks for it (`resolve`).
 */
import type { Span } from '../../syntax/span';

export type CandidateKind =
  | 'field'
  | 'macro'
  | 'list'
  | 'operator'
  | 'keyword'
  | 'event'
  | 'param'
  | 'transformer'
  | 'key'
  | 'value'
  | 'snippet'
  | 'tactic'
  | 'technique'
  | 'tag';

/** What `resolve` needs to document a candidate: its kind and name are enough (catalogs and the index hold the rest). */
export interface CandidateData {
  readonly kind: CandidateKind;
  readonly name: string;
}

export interface Candidate {
  readonly label: string;
  readonly kind: CandidateKind;
  /** Short text shown next to the label (a field's type, a technique's name). */
  readonly detail?: string;
  /** Orders candidates: lower first. */
  readonly sortText: string;
  readonly filterText?: string;
  /** Text to insert when it differs from the label; a snippet when `snippet` is set. */
  readonly insertText?: string;
  readonly snippet?: boolean;
  readonly deprecated?: boolean;
  /** Whether `resolve` adds documentation. */
  readonly resolvable?: boolean;
  /** Re-trigger completion after inserting (e.g. after a field, to offer operators). */
  readonly retrigger?: boolean;
}

export interface CompletionResult {
  /** The source span every candidate replaces (the word being typed; empty at a fresh position). */
  readonly replace: Span;
  readonly candidates: readonly Candidate[];
  /** The list was filtered on the typed word: the editor must ask again as typing goes on. */
  readonly incomplete: boolean;
}

/** Ranks: a two-digit group then the name, so groups stay together whatever the names. */
export function sortKey(group: number, name: string): string {
  return `${String(group).padStart(2, '0')}${name}`;
}
