/**
 * Code actions of the features layer as LSP code actions: quick fixes attached to their diagnostic, "fix all"
 * merges, and refactorings (resolved lazily when the client can). Edits become a workspace edit; snippet edits
 * stay snippets only for clients that take them.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import { snippetToPlain, type FileChanges, type Refactoring } from '../features/codeActions';
import type { FalcoDiagnostic } from '../features/diagnostics/diagnostic';
import type { LineIndex } from './lineIndex';

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

export function toWorkspaceEdit(files: readonly FileChanges[], linesOf: (uri: string) => LineIndex | undefined, support: CodeActionClientSupport): WorkspaceEdit {
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

export function toQuickFixes(uri: string, diagnostic: FalcoDiagnostic, linesOf: (uri: string) => LineIndex | undefined, lspDiagnostic: Diagnostic, support: CodeActionClientSupport): CodeAction[] {
  return (diagnostic.fixes ?? []).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [lspDiagnostic],
    isPreferred: fix.preferred === true,
    edit: toWorkspaceEdit([{ uri, changes: fix.changes }], linesOf, support),
  }));
}

/** A refactoring as an LSP action: disabled, a command, or edits (now, or on resolve with `data`). */
export function toRefactorAction(refactoring: Refactoring, data: CodeActionData, linesOf: (uri: string) => LineIndex | undefined, support: CodeActionClientSupport): CodeAction {
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
  else action.edit = toWorkspaceEdit(refactoring.edits?.() ?? [], linesOf, support);
  return action;
}
