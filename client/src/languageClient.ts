/**
 * Starts and stops the language server (a Node process speaking LSP over IPC) and wires its status
 * notification to the status bar item.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { indexStatusNotification, type IndexStatusParams } from '../../server/src/lsp/protocol';
import { StatusItem } from './statusItem';

export class FalcoClient {
  private client: LanguageClient | undefined;
  private readonly output: vscode.LogOutputChannel;
  private readonly status: StatusItem;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Falco Rules', { log: true });
    this.status = new StatusItem();
    context.subscriptions.push(this.output, this.status);
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('server/out/node/main.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      synchronize: {
        configurationSection: 'falco',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
      },
      initializationOptions: { settings: vscode.workspace.getConfiguration('falco') },
      outputChannel: this.output,
    };
    this.client = new LanguageClient('falco', 'Falco Rules Language Server', serverOptions, clientOptions);
    this.status.showStarting();
    this.client.onNotification(indexStatusNotification, (params: IndexStatusParams) => this.status.showIndex(params));
    await this.client.start();
  }

  async stop(): Promise<void> {
    const running = this.client;
    this.client = undefined;
    if (running) await running.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Sends a custom request to the server (fails when it is not running). */
  async request(method: string, params: unknown): Promise<unknown> {
    if (!this.client) throw new Error('The Falco rules language server is not running.');
    return this.client.sendRequest(method, params);
  }

  showOutput(): void {
    this.output.show(true);
  }
}
