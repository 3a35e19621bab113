/**
 * The shapes of code actions in the features layer. Quick fixes of diagnostics travel with the diagnostics
 * (`DiagnosticFix`); the actions here are offered for a range whatever the diagnostics say: extract, inline,
 * convert and move refactorings, and actions that hand over to a client command. Their edits are computed only
 * when the action is applied (`codeAction/resolve`), and may touch several files.
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { LoadModel } from '../../semantic/loadModel';
import type { IndexedFile, WorkspaceIndex } from '../../semantic/workspaceIndex';
import type { Span } from '../../syntax/span';
import type { AnalysisOptions } from '../diagnostics/check';
import type { TextChange } from '../diagnostics/diagnostic';

/** Changes of one file (by URI). */
export interface FileChanges {
  readonly uri: string;
  readonly changes: readonly TextChange[];
}

/** LSP code action kinds the features use. */
export type RefactorKind = 'quickfix' | 'refactor.extract' | 'refactor.inline' | 'refactor.rewrite' | 'refactor.move';

export interface Refactoring {
  /** Stable for the same file text and range: `codeAction/resolve` finds the action again by it. */
  readonly id: string;
  readonly title: string;
  readonly kind: RefactorKind;
  readonly preferred?: boolean;
  /** Why the action cannot be applied here; shown greyed out with this reason, never applied. */
  readonly disabled?: string;
  /** A command the client runs instead of edits (the action needs input from the user). */
  readonly command?: { readonly command: string; readonly title: string; readonly arguments: readonly unknown[] };
  /** The edits, computed when the action is applied. Never throws; an empty list means nothing to do. */
  readonly edits?: () => readonly FileChanges[];
}

export interface RefactorContext {
  readonly index: WorkspaceIndex;
  readonly model: LoadModel;
  readonly catalogs: Catalogs;
  readonly options: AnalysisOptions;
  readonly file: IndexedFile;
  /** The selection (empty at a cursor), as offsets in the file's text. */
  readonly span: Span;
}

/** One module per refactoring: returns what applies at the context's range (usually nothing). */
export type RefactorProvider = (context: RefactorContext) => readonly Refactoring[];
