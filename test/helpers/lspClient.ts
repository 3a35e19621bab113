/**
 * A small LSP client for end-to-end tests of the bundled server (`server/out/node/main.js --stdio`): it spawns
 * the server, speaks JSON-RPC over its stdio, records every notification the server sends and lets tests wait
 * for notifications by event (never by sleeping; timeouts exist only to fail a test). Also: temporary
 * workspaces on disk, deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { repoRoot } from './shared';

export const serverBundle = join(repoRoot, 'server', 'out', 'node', 'main.js');

/** Default time a test waits for an expected notification before failing. */
export const defaultTimeoutMs = 5000;

/** An incremental edit (a range and its new text) or the whole new text, as in `textDocument/didChange`. */
export type TextDocumentContentChangeEvent = { range: Range; rangeLength?: number; text: string } | { text: string };

export interface RecordedNotification {
  /** Position in the order of arrival (0-based). */
  readonly seq: number;
  readonly method: string;
  readonly params: unknown;
}

export interface PublishDiagnosticsParams {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
}

export interface InitializeResult {
  readonly capabilities: Record<string, unknown>;
  readonly serverInfo?: { name: string; version?: string };
}

export interface WaitOptions {
  /** Only consider notifications whose `seq` is at least this (default: those after the last message sent). */
  readonly since?: number;
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly method: string;
  readonly since: number;
  readonly predicate: (params: never) => boolean;
  readonly resolve: (notification: RecordedNotification) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One server process and its connection. Waiting: `waitForNotification`/`waitForDiagnostics` consider, by
 * default, only notifications that arrived after the last message this client sent (so `await open(…)` then
 * `await waitForDiagnostics(uri)` sees the answer to that didOpen even if it came in before the wait began).
 * For several steps, take `const mark = client.mark()` before sending and pass `{ since: mark }`.
 */
export class LspClient {
  /** Every notification the server sent, in order of arrival. */
  readonly notifications: RecordedNotification[] = [];
  /** Requests the server sent to the client (they are answered with null). */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private stderr = '';
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private lastSentMark = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: rpc.MessageConnection,
  ) {
    this.exited = new Promise((resolve) => {
      // 'close' (not 'exit'): by then stdout is drained, so every notification the server wrote is recorded.
      child.once('close', (code, signal) => {
        this.exitInfo = { code, signal };
        for (const waiter of this.waiters) waiter.reject(new Error(`the language server exited (${this.describeExit()}) while waiting for ${waiter.method}${this.stderrTail()}`));
        this.waiters.clear();
        // Pending requests reject ("connection got disposed") instead of hanging until the test times out.
        this.connection.dispose();
        resolve();
      });
    });
    child.once('error', (error) => {
      this.stderr += `\n[spawn error] ${error.message}`;
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
    });
    connection.onNotification((method, params) => this.record(method, params));
    connection.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      return null;
    });
    // A closed stream after the child has gone is expected; tests learn about crashes from `isRunning`/waits.
    connection.onError(() => undefined);
    connection.listen();
  }

  /** Spawns the bundled server. Fails with a clear message when the bundle has not been built. */
  static start(bundle = serverBundle): LspClient {
    if (!existsSync(bundle)) throw new Error(`the server bundle ${bundle} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout!), new rpc.StreamMessageWriter(child.stdin!));
    return new LspClient(child, connection);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while the server process runs. */
  get isRunning(): boolean {
    return this.exitInfo === undefined;
  }

  /** The exit code once the process ended. */
  get exitCode(): number | null | undefined {
    return this.exitInfo?.code;
  }

  /** A mark for `since`: only notifications arriving after this call are considered. */
  mark(): number {
    return this.notifications.length;
  }

  /**
   * Sends `initialize` (workspace folders as paths or file URIs; `processId` is this process, so the server
   * exits by itself if the test process dies) and then `initialized`, which starts the workspace scan.
   */
  async initialize(workspaceFolders: readonly string[], initializationOptions?: unknown): Promise<InitializeResult> {
    const uris = workspaceFolders.map((folder) => (folder.startsWith('file:') ? folder : toUri(folder)));
    const result = await this.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: uris[0] ?? null,
      workspaceFolders: uris.map((uri, index) => ({ uri, name: `folder${index}` })),
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionList: { itemDefaults: ['editRange', 'insertTextFormat'] } },
          definition: { linkSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } },
            resolveSupport: { properties: ['edit'] },
            disabledSupport: true,
            isPreferredSupport: true,
          },
          rename: { prepareSupport: true },
        },
        workspace: {
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: false },
          workspaceEdit: { documentChanges: true, snippetEditSupport: true },
        },
      },
      initializationOptions,
    });
    await this.notify('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental (or full) content changes; `version` defaults to the previous version + 1. */
  async change(uri: string, version: number | undefined, contentChanges: TextDocumentContentChangeEvent[]): Promise<number> {
    const next = version ?? (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, next);
    await this.notify('textDocument/didChange', { textDocument: { uri, version: next }, contentChanges });
    return next;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async notify(method: string, params: unknown): Promise<void> {
    this.lastSentMark = this.notifications.length;
    await this.connection.sendNotification(method, params);
  }

  request<R = unknown>(method: string, params: unknown, token?: rpc.CancellationToken): Promise<R> {
    this.lastSentMark = this.notifications.length;
    return token ? this.connection.sendRequest<R>(method, params, token) : this.connection.sendRequest<R>(method, params);
  }

  hover(uri: string, position: Position): Promise<{ contents: { kind: string; value: string }; range?: unknown } | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  /** Notifications of one method received so far (optionally since a mark). */
  received<P = unknown>(method: string, since = 0): P[] {
    return this.notifications.filter((entry) => entry.method === method && entry.seq >= since).map((entry) => entry.params as P);
  }

  /** Diagnostics notifications for one uri received so far (optionally since a mark). */
  diagnosticsFor(uri: string, since = 0): PublishDiagnosticsParams[] {
    return this.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics', since).filter((params) => params.uri === uri);
  }

  /**
   * Resolves with the first notification of `method` matching `predicate` that arrived at or after `since`
   * (default: after the last message this client sent). Rejects after the timeout or when the server exits.
   */
  waitForNotification<P = unknown>(method: string, predicate: (params: P) => boolean = () => true, options: WaitOptions = {}): Promise<P> {
    const since = options.since ?? this.lastSentMark;
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const found = this.notifications.find((entry) => entry.seq >= since && entry.method === method && predicate(entry.params as P));
    if (found) return Promise.resolve(found.params as P);
    if (!this.isRunning) return Promise.reject(new Error(`the language server is not running (${this.describeExit()})${this.stderrTail()}`));
    return new Promise<P>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.notifications
          .filter((entry) => entry.seq >= since && entry.method === method)
          .map((entry) => JSON.stringify(entry.params).slice(0, 300));
        reject(new Error(`no ${method} notification matched within ${timeoutMs} ms; received since mark ${since}:\n${seen.join('\n') || '(none)'}${this.stderrTail()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        method,
        since,
        predicate: predicate as (params: never) => boolean,
        resolve: (notification) => {
          clearTimeout(timer);
          resolve(notification.params as P);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Waits for a publishDiagnostics notification for `uri` (matching `predicate`). */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, options: WaitOptions = {}): Promise<Diagnostic[]> {
    return this.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (params) => params.uri === uri && predicate(params.diagnostics), options).then(
      (params) => params.diagnostics,
    );
  }

  /**
   * Sends shutdown and exit, and makes sure the process is gone: it is killed when it does not answer or exit
   * within `timeoutMs`. Safe to call more than once (and after a crash).
   */
  async shutdown(timeoutMs = 3000): Promise<void> {
    if (this.isRunning) {
      const answered = await withDeadline(this.request('shutdown', null), timeoutMs);
      if (answered !== timedOut && this.isRunning) await this.notify('exit', null).catch(() => undefined);
      if ((await withDeadline(this.exited, timeoutMs)) === timedOut) await this.kill();
    }
    this.connection.dispose();
  }

  /** Kills the process without the LSP handshake (for cleanup after a failure). */
  async kill(): Promise<void> {
    if (this.isRunning) {
      this.child.kill('SIGKILL');
      // A process that could not even be spawned never emits 'exit'; do not wait for it forever.
      await withDeadline(this.exited, 5000);
    }
    this.connection.dispose();
  }

  private record(method: string, params: unknown): void {
    const notification: RecordedNotification = { seq: this.notifications.length, method, params };
    this.notifications.push(notification);
    for (const waiter of this.waiters) {
      if (waiter.method !== method || notification.seq < waiter.since) continue;
      let matches = false;
      try {
        matches = waiter.predicate(params as never);
      } catch (error) {
        this.waiters.delete(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matches) {
        this.waiters.delete(waiter);
        waiter.resolve(notification);
      }
    }
  }

  private describeExit(): string {
    return this.exitInfo ? `code ${this.exitInfo.code}, signal ${this.exitInfo.signal}` : 'running';
  }

  private stderrTail(): string {
    return this.stderr.trim() ? `\nserver stderr:\n${this.stderr.slice(-2000)}` : '';
  }
}

const timedOut = Symbol('timed out');

/** Resolves with the promise's value, or `timedOut` when it rejects or takes longer than `ms`. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof timedOut> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(timedOut), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(timedOut);
      },
    );
  });
}

export function toUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A workspace folder on disk, created fresh for a test and deleted by `dispose`. */
export class TempWorkspace {
  readonly root: string;

  constructor(files: Record<string, string> = {}) {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'falco-lsp-')));
    for (const [relative, text] of Object.entries(files)) this.write(relative, text);
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  uri(relative: string): string {
    return toUri(this.path(relative));
  }

  /** Writes a file (creating folders); returns its uri. */
  write(relative: string, text: string): string {
    const path = this.path(relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return toUri(path);
  }

  remove(relative: string): string {
    unlinkSync(this.path(relative));
    return this.uri(relative);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The position of an offset in a text (UTF-16 code units, as LSP counts by default). */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position of the `occurrence`-th match of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let index = -1;
  for (let count = 0; count <= occurrence; count++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${occurrence}) not found`);
  }
  return positionAt(text, index + delta);
}
