/**
 * Entry point of the VS Code extension: starts the Falco rules language client and registers the commands.
 */
import * as vscode from 'vscode';
import { FalcoClient } from './languageClient';

let client: FalcoClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FalcoClient> {
  client = new FalcoClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('falco.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('falco.showOutput', () => client?.showOutput()),
  );
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
