/**
 * Quick fixes of the features layer as LSP code actions: one action per fix, attached to its diagnostic, with
 * the edits of the document as a workspace edit.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { FalcoDiagnostic } from '../features/diagnostics/diagnostic';
import type { LineIndex } from './lineIndex';

export function toCodeActions(uri: string, diagnostic: FalcoDiagnostic, lines: LineIndex, lspDiagnostic: Diagnostic): CodeAction[] {
  return (diagnostic.fixes ?? []).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [lspDiagnostic],
    isPreferred: fix.preferred === true,
    edit: { changes: { [uri]: fix.changes.map((change) => ({ range: lines.toRange(change.span), newText: change.newText })) } },
  }));
}
