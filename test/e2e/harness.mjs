// Plumbing for the end-to-end suite: find the tools installed by
// scripts/install-e2e-deps.sh, run code-server in its own process group, drive
// Debian's Chromium with playwright-core, and small wait/DOM helpers.
//
// Nothing here knows about Falco; the scenarios live in scenarios.mjs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const STEP_TIMEOUT_MS = Number(process.env.E2E_STEP_TIMEOUT_MS || 60_000);
export const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TOTAL_TIMEOUT_MS || 600_000);

const T0 = Date.now();
export const elapsed = () => `${((Date.now() - T0) / 1000).toFixed(1)}s`;
export const log = (...args) => console.log(`[e2e ${elapsed()}]`, ...args);

/** Where scripts/install-e2e-deps.sh puts code-server and playwright-core. */
export function findTools() {
  const dir = path.resolve(process.env.E2E_TOOLS_DIR || path.join(os.homedir(), '.cache', 'falco-rules-e2e'));
  const codeServerEntry = path.join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const driverDir = path.join(dir, 'driver');
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  const missing = [];
  if (!fs.existsSync(codeServerEntry)) missing.push(`code-server (${codeServerEntry})`);
  if (!fs.existsSync(path.join(driverDir, 'node_modules', 'playwright-core', 'package.json'))) missing.push(`playwright-core (${driverDir})`);
  if (!fs.existsSync(chromium)) missing.push(`chromium (${chromium})`);
  if (missing.length) {
    throw new Error(`e2e tools missing: ${missing.join(', ')}.\n` +
      `Install them with: sudo bash scripts/install-e2e-deps.sh  (tools dir: ${dir}, override with E2E_TOOLS_DIR)`);
  }
  return { dir, codeServerEntry, driverDir, chromium };
}

export function loadPlaywright(driverDir) {
  const require = createRequire(path.join(driverDir, 'noop.js'));
  return require('playwright-core');
}

/** true when GET `url` answers 2xx within 2 s. */
function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 300);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A delay that does not keep the process alive (for races against cleanup work). */
export const graceDelay = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Poll `predicate` (sync or async) until it returns a truthy value, which is
 * returned. Throws after `timeout` ms with `what` and the last value/error.
 */
export async function waitFor(what, predicate, { timeout = STEP_TIMEOUT_MS, interval = 200 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err instanceof Error ? err.message.split('\n')[0] : err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}` +
        (last !== undefined && last !== false && last !== null ? ` (last: ${JSON.stringify(last)})` : ''));
    }
    await sleep(interval);
  }
}

/** Run `fn` but give up after `ms` (the step's own waits should fire first). */
export async function withTimeout(what, ms, fn) {
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step "${what}" exceeded ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([fn(), guard]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * code-server with fresh user-data and extensions directories under `tmp`,
 * listening on 127.0.0.1:<random free port>, no auth.
 */
export class CodeServer {
  constructor({ entry, tmp, logFile }) {
    this.entry = entry;
    this.node = process.env.CODE_SERVER_NODE || process.execPath;
    this.userData = path.join(tmp, 'user-data');
    this.extensions = path.join(tmp, 'extensions');
    this.logFile = logFile;
    this.proc = null;
    // Keep code-server's own config/state (config.yaml with a password, coder.json)
    // out of $HOME: everything goes under the run's temp dir.
    this.env = {
      ...process.env,
      CODE_SERVER_CONFIG: path.join(tmp, 'code-server-config.yaml'),
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      VSCODE_PROXY_URI: '',
    };
    fs.mkdirSync(path.join(this.userData, 'User'), { recursive: true });
    fs.mkdirSync(this.extensions, { recursive: true });
  }

  get baseArgs() {
    return [this.entry, '--user-data-dir', this.userData, '--extensions-dir', this.extensions];
  }

  writeUserSettings(settings) {
    fs.writeFileSync(path.join(this.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  }

  /** `code-server --install-extension <vsix>` (a local file: no gallery access). */
  installExtension(vsix) {
    const res = spawnSync(this.node, [...this.baseArgs, '--install-extension', vsix], {
      encoding: 'utf8', timeout: STEP_TIMEOUT_MS, killSignal: 'SIGKILL', env: this.env,
    });
    const out = `${res.stdout || ''}${res.stderr || ''}`.trim();
    fs.appendFileSync(this.logFile, `--- install-extension ${vsix}\n${out}\n`);
    if (res.status !== 0) {
      throw new Error(`code-server --install-extension failed (status ${res.status}${res.error ? `, ${res.error.message}` : ''}): ${out.split('\n').slice(-5).join(' | ')}`);
    }
    return out.split('\n').filter(Boolean).pop() || '';
  }

  async start(workspace) {
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const out = fs.openSync(this.logFile, 'a');
    // detached: own process group, so cleanup can signal code-server together with
    // its extension host, language server and file watcher children.
    this.proc = spawn(this.node, [...this.baseArgs,
      '--bind-addr', `127.0.0.1:${this.port}`, '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--disable-file-downloads', workspace,
    ], { detached: true, stdio: ['ignore', out, out], env: this.env });
    fs.closeSync(out);
    this.exit = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    await waitFor('code-server /healthz', async () => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        throw new Error(`code-server exited early (${this.proc.exitCode ?? this.proc.signalCode}); see ${this.logFile}`);
      }
      return httpOk(`${this.url}/healthz`);
    }, { interval: 250 });
    return this.url;
  }

  /** SIGTERM the whole process group, SIGKILL what is left after 5 s. */
  async stop() {
    const proc = this.proc;
    if (!proc) return;
    if (proc.exitCode === null && proc.signalCode === null) {
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([this.exit, graceDelay(5000)]);
    }
    // The group may outlive its leader (extension host, language server, watchers).
    this.killSync();
    this.proc = null; // never signal that (possibly reused) group id again
  }

  /** Synchronous last resort (also from the process 'exit' handler). */
  killSync() {
    if (!this.proc) return;
    try { process.kill(-this.proc.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

/** Chromium with a fresh profile, the flags of docs/e2e.md. */
export async function launchBrowser({ chromium, executablePath, profileDir }) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    // run.mjs handles signals itself (closes the browser, stops code-server, prints the summary).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collapse whitespace (DOM innerText keeps line breaks of wrapped content). */
export const squash = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
