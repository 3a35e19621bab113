/**
 * The code actions of a range in LSP types: quick fixes of the diagnostics under it (eager, they are small),
 * "fix all" of a code when the file has several, `source.fixAll` when asked for, then the refactorings (their
 * edits on `codeAction/resolve` for clients that support it). `only` filters by kind prefix as LSP does.
 */
import type { CodeAction, Range } from 'vscode-languageserver-types';
import { fixAllCandidate, getRefactorings, mergeFixes, type RefactorContext } from '../features/codeActions';
import type { FalcoDiagnostic } from '../features/diagnostics/diagnostic';
import { toQuickFixes, toRefactorAction, toWorkspaceEdit, type CodeActionClientSupport, type CodeActionData, type EditContext } from './codeActionConversions';
import type { TextLines } from './lineIndex';
import { toLspDiagnostic } from './lspConversions';

export interface CodeActionOptions {
  readonly only?: readonly string[];
  /** What the client supports (default: no snippet edits, no resolve). */
  readonly support?: CodeActionClientSupport;
}

/** What the actions of one file need from the service. */
export interface CodeActionInputs {
  /** The index URI of the file (an embedded file's internal URI). */
  readonly uri: string;
  /** The file's offsets as positions of the client's document. */
  readonly lines: TextLines;
  readonly diagnostics: readonly FalcoDiagnostic[];
  /** The refactoring context without its span (null: no refactorings, e.g. on a Helm values file's own lines). */
  readonly refactor: Omit<RefactorContext, 'span'> | null;
  readonly edits: EditContext;
  toRange(uri: string, span: { start: number; end: number }): Range;
  /** The URI the client knows for an index URI. */
  clientUri(uri: string): string;
  log?(message: string): void;
}

const noClientSupport: CodeActionClientSupport = { snippets: false, resolve: false };

function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

export function codeActionsAt(inputs: CodeActionInputs, range: Range, options: CodeActionOptions = {}): CodeAction[] {
  const { uri, lines, diagnostics: all, edits } = inputs;
  const support = options.support ?? noClientSupport;
  const only = options.only;
  const wanted = { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
  const lspOf = (diagnostic: FalcoDiagnostic) => toLspDiagnostic(diagnostic, lines, inputs.toRange, inputs.clientUri);
  const actions: CodeAction[] = [];
  if (kindWanted('quickfix', only)) {
    const overlapping = all.filter((diagnostic) => diagnostic.fixes?.length && diagnostic.span.start <= wanted.end && diagnostic.span.end >= wanted.start);
    for (const diagnostic of overlapping) actions.push(...toQuickFixes(uri, diagnostic, edits, lspOf(diagnostic), support));
    for (const code of new Set(overlapping.filter((diagnostic) => fixAllCandidate(diagnostic)).map((diagnostic) => diagnostic.code))) {
      const same = all.filter((diagnostic) => diagnostic.code === code);
      const merged = mergeFixes(same);
      if (merged.count < 2) continue;
      const edit = toWorkspaceEdit([{ uri, changes: merged.changes }], edits, support);
      if (!edit) continue;
      actions.push({
        title: `Fix all ${code} problems in this file (${merged.count})`,
        kind: 'quickfix',
        diagnostics: same.filter((diagnostic) => fixAllCandidate(diagnostic)).map(lspOf),
        edit,
      });
    }
  }
  if (only && kindWanted('source.fixAll', only) && !kindWanted('quickfix', only)) {
    const merged = mergeFixes(all);
    const edit = merged.count > 0 ? toWorkspaceEdit([{ uri, changes: merged.changes }], edits, support) : null;
    if (edit) {
      actions.push({
        title: `Fix ${merged.count} Falco problem${merged.count === 1 ? '' : 's'} with an unambiguous fix`,
        kind: 'source.fixAll.falco',
        edit,
      });
    }
  }
  if (!inputs.refactor) return actions;
  const refactorings = getRefactorings({ ...inputs.refactor, span: wanted }, (error) => inputs.log?.(`code action failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  const quickFixTitles = new Set(actions.map((action) => action.title));
  for (const refactoring of refactorings) {
    // A refactoring the diagnostic's quick fix already offers at this place is listed once, as the quick fix.
    if (!kindWanted(refactoring.kind, only) || quickFixTitles.has(refactoring.title)) continue;
    const data: CodeActionData = { uri, range, id: refactoring.id };
    actions.push(toRefactorAction(refactoring, data, edits, support));
  }
  return actions;
}

/** The data of a lazily resolved action, when it is one of ours. */
export function actionData(action: CodeAction): CodeActionData | undefined {
  const data = action.data as CodeActionData | undefined;
  if (action.edit || !data || typeof data.uri !== 'string' || typeof data.id !== 'string' || !data.range) return undefined;
  return data;
}

/** Fills in the edit of a refactoring listed without one; the action unchanged when it no longer applies. */
export function resolveAction(inputs: Pick<CodeActionInputs, 'lines' | 'edits'> & { readonly refactor: Omit<RefactorContext, 'span'> }, action: CodeAction, data: CodeActionData, options: CodeActionOptions = {}): CodeAction {
  const span = { start: inputs.lines.offsetAt(data.range.start), end: inputs.lines.offsetAt(data.range.end) };
  const refactoring = getRefactorings({ ...inputs.refactor, span }).find((candidate) => candidate.id === data.id);
  if (!refactoring?.edits) return action;
  const edit = toWorkspaceEdit(refactoring.edits(), inputs.edits, options.support ?? noClientSupport);
  return edit ? { ...action, edit } : action;
}
