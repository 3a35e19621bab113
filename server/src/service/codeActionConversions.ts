/**
 * Code actions of the features layer as LSP code actions: quick fixes attached to their diagnostic, "fix all"
 * merges, and refactorings (resolved lazily when the client can). Edits become a workspace edit; snippet edits
 * stay snippets only for clients that take them.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import { snippetToPlain, type FileChanges, type Refactoring } from '../features/codeActions';
import type { FalcoDiagnostic } from '../features/diagnostics/diagnostic';
import type { TextLines } from './lineIndex';

/** What the client can take, from its capabilities. */
export interface CodeActionClientSupport {
  /** `workspace.workspaceEdit.snippetEditSupport` (and document changes). */
  readonly snippets: boolean;
  /** `codeAction.resolveSupport` includes `edit`: edits of refactorings are computed on resolve. */
  readonly resolve: boolean;
}

/** The data a lazily resolved action carries back in `codeAction/resolve`. */
export interface CodeActionData {
  readonly uri: string;
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  readonly id: string;
}

/** Where edits go: the lines of a client document, and how edits of index files become edits of client documents. */
export interface EditContext {
  linesOf(uri: string): TextLines | undefined;
  /** Edits of embedded files become edits of their host file; null when they cannot be written back. */
  toClientChanges(files: readonly FileChanges[]): FileChanges[] | null;
}

/** The workspace edit of file changes, or null when a change cannot be written to the client's documents. */
export function toWorkspaceEdit(indexFiles: readonly FileChanges[], context: EditContext, support: CodeActionClientSupport): WorkspaceEdit | null {
  const files = context.toClientChanges(indexFiles);
  if (!files) return null;
  const linesOf = (uri: string) => context.linesOf(uri);
  const withSnippets = support.snippets && files.some((file) => file.changes.some((change) => change.snippet));
  if (withSnippets) {
    return {
      documentChanges: files.flatMap((file) => {
        const lines = linesOf(file.uri);
        if (!lines) return [];
        return [{
          textDocument: { uri: file.uri, version: null },
          edits: file.changes.map((change) => change.snippet
            ? { range: lines.toRange(change.span), snippet: { kind: 'snippet' as const, value: change.newText } }
            : { range: lines.toRange(change.span), newText: change.newText }),
        }];
      }),
    };
  }
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const file of files) {
    const lines = linesOf(file.uri);
    if (!lines) continue;
    const edits = file.changes.map((change) => ({ range: lines.toRange(change.span), newText: change.snippet ? snippetToPlain(change.newText) : change.newText }));
    changes[file.uri] = [...(changes[file.uri] ?? []), ...edits];
  }
  return { changes };
}

export function toQuickFixes(uri: string, diagnostic: FalcoDiagnostic, context: EditContext, lspDiagnostic: Diagnostic, support: CodeActionClientSupport): CodeAction[] {
  return (diagnostic.fixes ?? []).flatMap((fix) => {
    const edit = toWorkspaceEdit([{ uri, changes: fix.changes }], context, support);
    return edit ? [{ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lspDiagnostic], isPreferred: fix.preferred === true, edit }] : [];
  });
}

/** Why a refactoring is disabled when its edits cannot be written back (embedded folded or quoted scalars). */
export const CANNOT_EDIT_HERE = 'The rules here are in a folded or quoted YAML string, which this action cannot edit; use a literal block (|-).';

/** A refactoring as an LSP action: disabled, a command, or edits (now, or on resolve with `data`). */
export function toRefactorAction(refactoring: Refactoring, data: CodeActionData, context: EditContext, support: CodeActionClientSupport): CodeAction {
  const action: CodeAction = { title: refactoring.title, kind: refactoring.kind };
  if (refactoring.preferred) action.isPreferred = true;
  if (refactoring.disabled !== undefined) {
    action.disabled = { reason: refactoring.disabled };
    return action;
  }
  if (refactoring.command) {
    action.command = { command: refactoring.command.command, title: refactoring.command.title, arguments: [...refactoring.command.arguments] };
    return action;
  }
  if (support.resolve) action.data = data;
  else {
    const edit = toWorkspaceEdit(refactoring.edits?.() ?? [], context, support);
    if (edit) action.edit = edit;
    else action.disabled = { reason: CANNOT_EDIT_HERE };
  }
  return action;
}
