/**
 * The VS Code side of "Falco: Add Exception from Alert…": quick picks, input box, clipboard, file dialog, modal
 * preview and workspace edit, handed to the flow in alertExceptionFlow.ts.
 */
import * as vscode from 'vscode';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { addExceptionFromAlertCommand } from '../../server/src/lsp/protocol';
import { runAddExceptionFromAlert, type AlertExceptionUi, type PickItem } from './alertExceptionFlow';

export type AlertExceptionRequest = (method: string, params: unknown) => Promise<unknown>;

type ValueItem<T> = vscode.QuickPickItem & { value: T };

function toQuickPick<T>(items: readonly PickItem<T>[]): ValueItem<T>[] {
  return items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, picked: item.picked, value: item.value }));
}

/** An LSP workspace edit (`changes` form, which is what the server sends) as a VS Code one. */
function toWorkspaceEdit(edit: WorkspaceEdit): vscode.WorkspaceEdit {
  const result = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    for (const change of edits) {
      const range = new vscode.Range(change.range.start.line, change.range.start.character, change.range.end.line, change.range.end.character);
      result.replace(vscode.Uri.parse(uri), range, change.newText);
    }
  }
  return result;
}

function createUi(request: AlertExceptionRequest): AlertExceptionUi {
  return {
    async pickOne(items, options) {
      const picked = await vscode.window.showQuickPick(toQuickPick(items), { title: options.title, placeHolder: options.placeholder, matchOnDescription: true, matchOnDetail: true });
      return picked?.value;
    },
    async pickMany(items, options) {
      const picked = await vscode.window.showQuickPick(toQuickPick(items), { title: options.title, placeHolder: options.placeholder, canPickMany: true, matchOnDescription: true, matchOnDetail: true });
      return picked?.map((item) => item.value);
    },
    inputText: (options) =>
      Promise.resolve(vscode.window.showInputBox({ title: options.title, prompt: options.prompt, placeHolder: options.placeholder, ignoreFocusOut: true, validateInput: options.validate })),
    readClipboard: () => Promise.resolve(vscode.env.clipboard.readText()),
    async readJsonFile() {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        filters: { 'Falco alerts (JSON)': ['json', 'jsonl', 'ndjson', 'log', 'txt'] },
        openLabel: 'Read Alerts',
        title: 'Falco alerts written with json_output: true',
      });
      if (!picked || picked.length === 0) return undefined;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]!));
    },
    async confirm(message, detail, action) {
      return (await vscode.window.showInformationMessage(message, { modal: true, detail }, action)) === action;
    },
    showError: (message) => void vscode.window.showErrorMessage(message),
    showWarning: (message) => void vscode.window.showWarningMessage(message),
    request,
    applyEdit: (edit) => Promise.resolve(vscode.workspace.applyEdit(toWorkspaceEdit(edit))),
    async openAt(uri, line) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const position = new vscode.Position(line, 0);
      const editor = await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    },
  };
}

/** Registers `falco.addExceptionFromAlert` (arguments `[{uri, rule}]` from the code action, or none). */
export function registerAlertExceptionCommand(request: AlertExceptionRequest): vscode.Disposable {
  return vscode.commands.registerCommand(addExceptionFromAlertCommand, (args?: unknown) => runAddExceptionFromAlert(createUi(request), args));
}
