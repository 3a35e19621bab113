// End-to-end suite: the packaged extension in a real VS Code workbench.
//
//   npm run test:e2e                 (packages falco-rules.vsix, then runs this)
//   node test/e2e/run.mjs [name…]    (only the named scenarios, e.g. `hover`)
//
// Needs the tools of scripts/install-e2e-deps.sh (code-server 4.100.3, Debian's
// chromium, playwright-core) and falco-rules.vsix at the repository root; builds
// nothing itself. Starts code-server on 127.0.0.1:<free port> with fresh
// user-data/extensions directories, installs the .vsix, opens a temporary copy
// of examples/, and drives the workbench with headless Chromium.
//
// Output: one line per scenario, then the closing line "N passed, M failed";
// exit status 0 only if all passed. Artifacts in test-results/e2e/: NN-*.png
// screenshots, result.json, code-server.log, console-errors.txt, logs/ (the
// workbench and extension host logs, including the extension's output channel).
//
// Env: VSIX (default <repo>/falco-rules.vsix), E2E_TOOLS_DIR, CHROMIUM,
//      E2E_STEP_TIMEOUT_MS (60000), E2E_TOTAL_TIMEOUT_MS (600000),
//      E2E_OUT_DIR (default <repo>/test-results/e2e), E2E_KEEP_TMP=1 (keep the temp dir),
//      E2E_DEBUG=1 (more detail from the scenarios).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import {
  CodeServer, STEP_TIMEOUT_MS, TOTAL_TIMEOUT_MS, findTools, graceDelay, launchBrowser, loadPlaywright, log, withTimeout,
} from './harness.mjs';
import { waitForWorkbench } from './workbench.mjs';
import { readFacts, scenarios as coreScenarios } from './scenarios.mjs';
import { authoringScenarios } from './authoring.mjs';
import { exceptionScenarios } from './exceptions.mjs';
import { embeddedScenarios } from './embedded.mjs';

const allScenarios = [...coreScenarios, ...authoringScenarios, ...exceptionScenarios, ...embeddedScenarios];

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const VSIX = path.resolve(process.env.VSIX || path.join(REPO, 'falco-rules.vsix'));
const OUT_DIR = path.resolve(process.env.E2E_OUT_DIR || path.join(REPO, 'test-results', 'e2e'));

const only = process.argv.slice(2);
const scenarios = only.length ? allScenarios.filter((s) => only.includes(s.name)) : allScenarios;
if (only.length && scenarios.length !== only.length) {
  console.error(`unknown scenario(s): ${only.filter((n) => !allScenarios.some((s) => s.name === n)).join(', ')}; ` +
    `known: ${allScenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const results = []; // { name, ok, ms, error }
let server = null;
let context = null;
let page = null;
let tmp = null;
let finished = false;

/** Error message without ANSI colours and without Playwright's long call logs. */
function errorText(err) {
  const text = stripVTControlCharacters(err instanceof Error ? err.message : String(err));
  return text.split('\n').filter((l) => l.trim()).slice(0, 4).join(' | ');
}

function summary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = scenarios.length - passed; // scenarios never reached count as failed
  return { passed, failed };
}

function writeResult(extra = {}) {
  try {
    fs.writeFileSync(path.join(OUT_DIR, 'result.json'), JSON.stringify({
      vsix: VSIX, totalSec: Number(process.uptime().toFixed(1)), ...extra, scenarios: results,
    }, null, 2));
  } catch { /* best effort */ }
}

function copyLogs() {
  // Workbench + extension host logs (the extension's output channels are in exthost/).
  const logs = server && path.join(server.userData, 'logs');
  if (!logs || !fs.existsSync(logs)) return;
  try { fs.cpSync(logs, path.join(OUT_DIR, 'logs'), { recursive: true }); } catch { /* best effort */ }
}

let cleanupPromise = null;
let abortReason = null;
/** Idempotent: the watchdog, a signal and the normal path may all ask for it. */
function cleanup() {
  cleanupPromise ??= doCleanup();
  return cleanupPromise;
}

async function doCleanup() {
  const start = Date.now();
  if (context) {
    await Promise.race([context.close().catch(() => {}), graceDelay(10_000)]);
    context = null;
  }
  const browserClosed = Date.now();
  copyLogs();
  if (server) await server.stop();
  log(`cleanup: browser ${((browserClosed - start) / 1000).toFixed(1)} s, code-server ${((Date.now() - browserClosed) / 1000).toFixed(1)} s`);
  // Only now: Chromium writes its profile until it exits.
  if (tmp && !process.env.E2E_KEEP_TMP) {
    try { fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 }); } catch (err) { log('cleanup:', err.message); }
  } else if (tmp) {
    log(`kept ${tmp}`);
  }
}

function finish(extra) {
  if (finished) return;
  finished = true;
  const { passed, failed } = summary();
  writeResult(extra);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

// Last resort: never leave code-server (and the extension host / language server
// in its process group) behind, whatever happens to this process.
process.on('exit', () => { if (server) server.killSync(); });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    abortReason = sig;
    log(`${sig}: cleaning up`);
    await cleanup();
    finish({ aborted: sig });
    process.exit(130);
  });
}
const watchdog = setTimeout(async () => {
  abortReason = 'watchdog';
  log(`watchdog: the suite did not finish within ${TOTAL_TIMEOUT_MS} ms`);
  if (page) {
    await Promise.race([page.screenshot({ path: path.join(OUT_DIR, 'watchdog.png') }).catch(() => {}), graceDelay(5000)]);
  }
  await Promise.race([cleanup(), graceDelay(15_000)]);
  finish({ aborted: 'watchdog' });
  process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

async function main() {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} not found: run \`npm run package\` first (or \`npm run test:e2e\`)`);
  const tools = findTools();
  const { chromium } = loadPlaywright(tools.driverDir);

  // Fresh, throw-away state; the workspace is a copy so tests never touch the repo.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-rules-e2e-'));
  const workspace = path.join(tmp, 'examples');
  fs.cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
  const facts = readFacts(workspace);

  server = new CodeServer({ entry: tools.codeServerEntry, tmp, logFile: path.join(OUT_DIR, 'code-server.log') });
  server.writeUserSettings({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.editor.enablePreview': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.wordBasedSuggestions': 'off',
  });
  let t = Date.now();
  const installed = server.installExtension(VSIX);
  log(`installed ${path.basename(VSIX)} in ${((Date.now() - t) / 1000).toFixed(1)} s: ${installed}`);

  t = Date.now();
  const url = await server.start(workspace);
  log(`code-server ${url} (pid ${server.proc.pid}) healthy in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  context = await launchBrowser({ chromium, executablePath: tools.chromium, profileDir: path.join(tmp, 'chrome-profile') });
  // The workbench reads the clipboard (Add Exception from Alert offers the alerts it holds): allow it, as a user would.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  // animations: 'disabled' finishes fade-ins (e.g. the hover widget) before the capture.
  const shot = (name) => page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), animations: 'disabled' })
    .catch((err) => { if (!abortReason) log(`screenshot ${name} failed: ${err.message.split('\n')[0]}`); });

  t = Date.now();
  await withTimeout('open workbench', STEP_TIMEOUT_MS, async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
  });
  log(`workbench ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await shot('00-workbench');

  for (const scenario of scenarios) {
    if (abortReason) break;
    const start = Date.now();
    try {
      // Each scenario's own waits are bounded by STEP_TIMEOUT_MS; this bounds the whole scenario.
      await withTimeout(scenario.name, 2 * STEP_TIMEOUT_MS, () => scenario({ page, facts, shot, workspace }));
      results.push({ name: scenario.name, ok: true, ms: Date.now() - start });
      log(`PASS ${scenario.name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    } catch (err) {
      if (abortReason) break; // the browser was closed under it: not a finding
      const error = errorText(err);
      results.push({ name: scenario.name, ok: false, ms: Date.now() - start, error });
      log(`FAIL ${scenario.name} (${((Date.now() - start) / 1000).toFixed(1)} s): ${error}`);
      // Leave no widget/quick input open for the next scenario.
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  fs.writeFileSync(path.join(OUT_DIR, 'console-errors.txt'), consoleErrors.join('\n'));
}

let setupError;
try {
  await main();
} catch (err) {
  setupError = errorText(err);
  if (!abortReason) log(`setup failed: ${setupError}`);
}
// Aborted by the watchdog or a signal: that handler cleans up and exits.
if (abortReason) await new Promise(() => {});
await cleanup();
clearTimeout(watchdog);
finish(setupError ? { setupError } : {});
// Do not wait for stray handles (playwright's connection, sockets) to drain.
process.exit(process.exitCode);
