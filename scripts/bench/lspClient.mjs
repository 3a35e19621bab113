// A minimal LSP client over stdio for the benchmark: spawns the bundled server, answers the few requests the
// server may send, and lets callers wait for notifications (publishDiagnostics, falco/indexStatus).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as rpc from 'vscode-jsonrpc/node.js';

export function startServer(serverPath) {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = new Map();
  const listeners = new Map();
  const emit = (method, params) => {
    for (const listener of listeners.get(method) ?? []) listener(params);
    const pending = waiters.get(method) ?? [];
    const remaining = pending.filter((waiter) => !waiter.test(params));
    for (const waiter of pending) if (!remaining.includes(waiter)) waiter.resolve(params);
    waiters.set(method, remaining);
  };
  connection.onNotification((method, params) => emit(method, params));
  // Answer anything the server asks (configuration, capability registration, progress) with null.
  connection.onRequest(() => null);
  connection.listen();

  return {
    pid: child.pid,
    connection,
    get stderr() {
      return stderr;
    },
    request: (method, params) => connection.sendRequest(method, params),
    notify: (method, params) => connection.sendNotification(method, params),
    /** Calls `listener` for every notification of `method`. */
    on(method, listener) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
    /** Resolves with the next notification of `method` whose params pass `test`. Register before triggering it. */
    waitFor(method, test = () => true, timeoutMs = 30000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs);
        const waiter = {
          test,
          resolve: (params) => {
            clearTimeout(timer);
            resolve(params);
          },
        };
        waiters.set(method, [...(waiters.get(method) ?? []), waiter]);
      });
    },
    /** Peak and current resident set size of the server process, in bytes (Linux /proc). */
    memory() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const field = (name) => {
          const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
          return match ? Number(match[1]) * 1024 : NaN;
        };
        return { peakRss: field('VmHWM'), rss: field('VmRSS') };
      } catch {
        return { peakRss: NaN, rss: NaN };
      }
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
        connection.sendNotification('exit');
      } catch {
        // The server may already be gone.
      }
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 2000);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
    },
  };
}
