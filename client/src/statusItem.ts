/**
 * The status bar item: how many Falco rules files the server has indexed; a click shows the output channel.
 */
import * as vscode from 'vscode';
import type { IndexStatusParams } from '../../server/src/lsp/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('falco.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Falco Rules';
    this.item.command = 'falco.showOutput';
  }

  showStarting(): void {
    this.item.text = '$(sync~spin) Falco';
    this.item.tooltip = 'Falco rules language server is starting';
    this.item.show();
  }

  showIndex(params: IndexStatusParams): void {
    const files = params.rulesFiles === 1 ? '1 rules file' : `${params.rulesFiles} rules files`;
    this.item.text = params.indexing ? `$(sync~spin) Falco: indexing…` : `$(shield) Falco: ${files}`;
    this.item.tooltip = `${files} indexed in Falco load order. Click to show the server output.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
