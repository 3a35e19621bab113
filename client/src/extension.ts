/**
 * Entry point of the VS Code extension: starts the Falco rules language client and registers the commands.
 */
import * as vscode from 'vscode';
import { registerCoverageView } from './coverageView';
import { FalcoClient } from './languageClient';

let client: FalcoClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FalcoClient> {
  client = new FalcoClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('falco.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('falco.showOutput', () => client?.showOutput()),
    ...registerCoverageView(context, (method, params) => {
      if (!client) return Promise.reject(new Error('The Falco rules language server is not running.'));
      return client.request(method, params);
    }),
  );
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
