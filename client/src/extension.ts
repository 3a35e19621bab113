/**
 * Entry point of the VS Code extension: starts the Falco rules language client and registers the commands.
 */
import * as vscode from 'vscode';
import { registerAlertExceptionCommand } from './alertExceptionCommand';
import { registerCoverageView } from './coverageView';
import { FalcoClient } from './languageClient';

let client: FalcoClient | undefined;

/** Sends a custom request to the running server. */
function request(method: string, params: unknown): Promise<unknown> {
  if (!client) return Promise.reject(new Error('The Falco rules language server is not running.'));
  return client.request(method, params);
}

export async function activate(context: vscode.ExtensionContext): Promise<FalcoClient> {
  client = new FalcoClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('falco.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('falco.showOutput', () => client?.showOutput()),
    ...registerCoverageView(context, request),
    registerAlertExceptionCommand(request),
  );
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
