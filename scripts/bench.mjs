// Performance benchmark of the Falco rules language service and server (see docs/benchmarks.md).
// Usage: npm run bench   (= node esbuild.mjs && node --expose-gc scripts/bench.mjs)
// Options: --runs N (timed runs per cold-index measurement, default 5), --requests N (hover/definition requests,
// default 1000), --edits N (keystrokes, default 200), --quick (2 runs, 300 requests, 60 edits: a smoke test).
// Environment: FALCO_SHARED_DIR overrides ../shared (the corpus is read from <shared>/corpus).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { startServer } from './bench/lspClient.mjs';
import { loadService } from './bench/serviceBundle.mjs';
import { cpuNow, gc, mb, median, now, round, summarize } from './bench/stats.mjs';
import { generateWorkspace } from './bench/synthetic.mjs';
import { keystrokeEdits, loadCorpus, pathToUri, referencePositions } from './bench/workload.mjs';

const repoRoot = resolve(new URL('..', import.meta.url).pathname);
const outDir = join(repoRoot, 'bench-results');
const serverPath = join(repoRoot, 'server', 'out', 'node', 'main.js');
const sharedRoot = process.env.FALCO_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
const corpusRoot = join(sharedRoot, 'corpus');
const mainRulesPath = join(corpusRoot, 'falcosecurity-rules@falco-rules-5.1.0', 'rules', 'falco_rules.yaml');

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const option = (name, fallback) => {
  const index = argv.indexOf(name);
  return index >= 0 && Number(argv[index + 1]) > 0 ? Math.floor(Number(argv[index + 1])) : fallback;
};
const RUNS = option('--runs', quick ? 2 : 5);
const REQUESTS = option('--requests', quick ? 300 : 1000);
const EDITS = option('--edits', quick ? 60 : 200);
/** Time budget for the timed runs of one cold-index measurement; at least 3 runs are always made. */
const COLD_BUDGET_MS = 25_000;

if (typeof globalThis.gc !== 'function') console.warn('warning: run with node --expose-gc for stable figures (npm run bench does).');
if (!existsSync(serverPath)) {
  console.error(`${serverPath} is missing: run \`node esbuild.mjs\` (or \`npm run bench\`) first.`);
  process.exit(1);
}

const log = (message) => console.log(`[bench] ${message}`);
const benchStart = now();
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', totalMemoryMb: mb(totalmem()), node: process.version, loadAverageAtStart: loadavg().map((value) => round(value)) },
  options: { runs: RUNS, requests: REQUESTS, edits: EDITS },
  notes: [],
};
const note = (message) => {
  results.notes.push(message);
  log(message);
};

// ---------------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------------
let started = now();
const { createLanguageService, createDefaultCatalogs } = await loadService(repoRoot);
const catalogs = createDefaultCatalogs();
const host = { catalogs };
log(`service bundled and loaded in ${round(now() - started, 0)} ms`);

const corpus = loadCorpus(corpusRoot);
if (!corpus) note(`corpus not found at ${corpusRoot} (set FALCO_SHARED_DIR): corpus measurements skipped, latencies use a synthetic file`);
const synthetic = generateWorkspace({ files: 50, linesPerFile: 2000, seed: 0xfa1c0 });
const countLines = (files) => files.reduce((sum, file) => sum + file.text.split('\n').length - (file.text.endsWith('\n') ? 1 : 0), 0);
const countBytes = (files) => files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
const describe = (files) => ({ files: files.length, lines: countLines(files), bytes: countBytes(files) });
results.inputs = { corpus: corpus ? { root: corpusRoot, ...describe(corpus) } : null, synthetic: { seed: 0xfa1c0, ...describe(synthetic) } };
log(`synthetic workspace: ${synthetic.length} files, ${results.inputs.synthetic.lines} lines`);

// The file the latency measurements use: falco_rules.yaml 5.1.0, or a synthetic file when the corpus is absent.
const target = corpus && existsSync(mainRulesPath)
  ? { label: 'falco_rules.yaml 5.1.0', uri: pathToUri(mainRulesPath), text: readFileSync(mainRulesPath, 'utf8'), workspace: corpus, workspaceLabel: 'corpus' }
  : { label: 'synthetic file 10', uri: synthetic[10].uri, text: synthetic[10].text, workspace: synthetic, workspaceLabel: 'synthetic' };
results.inputs.target = { label: target.label, uri: target.uri, lines: countLines([target]), bytes: countBytes([target]) };

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------
const newService = () => createLanguageService(host);

/** Indexes `files` in a fresh service and asks the diagnostics of each; returns the phase times. */
function coldIndex(files) {
  const cpuStart = cpuNow();
  const start = now();
  const service = newService();
  for (const file of files) service.updateDocument(file.uri, file.text, { version: 1 });
  const indexed = now();
  let diagnostics = 0;
  for (const file of files) diagnostics += service.getDiagnostics(file.uri).length;
  const end = now();
  return { service, updateMs: indexed - start, diagnosticsMs: end - indexed, totalMs: end - start, cpuMs: cpuNow() - cpuStart, diagnostics };
}

function yamlParse(files) {
  const cpuStart = cpuNow();
  const start = now();
  let documents = 0;
  for (const file of files) documents += parseAllDocuments(file.text).length;
  return { totalMs: now() - start, cpuMs: cpuNow() - cpuStart, documents };
}

/**
 * Cold index vs bare YAML parse, interleaved (one of each per round) so that both see the same machine load.
 * At least 3 and at most RUNS rounds, within COLD_BUDGET_MS. Wall and CPU time are both kept: on a busy machine
 * the CPU-time ratio is the steadier one.
 */
function compareColdIndex(label, files, { warmup }) {
  if (warmup) {
    coldIndex(files);
    yamlParse(files);
  }
  const service = [];
  const yaml = [];
  const budgetStart = now();
  let diagnostics = 0;
  while (service.length < RUNS && (service.length < Math.min(3, RUNS) || now() - budgetStart < COLD_BUDGET_MS)) {
    gc();
    const run = coldIndex(files);
    diagnostics = run.diagnostics;
    run.service = null;
    service.push(run);
    gc();
    yaml.push(yamlParse(files));
  }
  if (service.length < RUNS) note(`${label}: only ${service.length} timed runs fit in the ${COLD_BUDGET_MS / 1000} s budget`);
  const serviceMs = median(service.map((run) => run.totalMs));
  const yamlMs = median(yaml.map((run) => run.totalMs));
  const serviceCpuMs = median(service.map((run) => run.cpuMs));
  const yamlCpuMs = median(yaml.map((run) => run.cpuMs));
  const result = {
    runs: service.length,
    serviceMs: round(serviceMs, 1),
    updateDocumentMs: round(median(service.map((run) => run.updateMs)), 1),
    getDiagnosticsMs: round(median(service.map((run) => run.diagnosticsMs)), 2),
    yamlParseMs: round(yamlMs, 1),
    ratio: round(serviceMs / yamlMs, 2),
    serviceCpuMs: round(serviceCpuMs, 1),
    yamlParseCpuMs: round(yamlCpuMs, 1),
    cpuRatio: round(serviceCpuMs / yamlCpuMs, 2),
    serviceRunsMs: service.map((run) => round(run.totalMs, 1)),
    yamlRunsMs: yaml.map((run) => round(run.totalMs, 1)),
    diagnostics,
  };
  log(`${label}: service ${result.serviceMs} ms, yaml ${result.yamlParseMs} ms, ratio ${result.ratio} (CPU-time ratio ${result.cpuRatio}, ${result.runs} runs)`);
  return result;
}

function memorySnapshot() {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), externalMb: mb(usage.external), arrayBuffersMb: mb(usage.arrayBuffers) };
}

/**
 * Completion positions of a rules file: right after the first field of each single-line condition (operators),
 * after `and ` in such conditions (fields and macros), after each `%` of outputs (fields) and inside `tags: [`.
 */
function completionPositions(text) {
  const lines = text.split('\n');
  const result = [];
  lines.forEach((line, index) => {
    const condition = /^(\s*condition:\s*)(\S.*)$/.exec(line);
    if (condition) {
      const and = condition[2].indexOf(' and ');
      if (and >= 0) result.push({ kind: 'condition', position: { line: index, character: condition[1].length + and + 5 } });
    }
    const percent = line.indexOf('%');
    if (/^\s*output:/.test(line) && percent >= 0) result.push({ kind: 'output', position: { line: index, character: percent + 1 } });
    const tags = /^(\s*tags:\s*\[)/.exec(line);
    if (tags) result.push({ kind: 'tags', position: { line: index, character: tags[1].length } });
  });
  return result;
}

/** The requests cycle through `positions` until `count` have been made. */
const cycle = (positions, count) => Array.from({ length: count }, (_, index) => positions[index % positions.length]);

function serviceLatency(service, uri, positions) {
  const out = {};
  for (const [name, call] of [
    ['definition', (position) => service.findDefinition(uri, position)],
    ['hover', (position) => service.getHover(uri, position)],
  ]) {
    for (const position of positions.slice(0, 50)) call(position);
    const samples = [];
    let hits = 0;
    for (const position of cycle(positions, REQUESTS)) {
      const start = now();
      const result = call(position);
      samples.push(now() - start);
      if (Array.isArray(result) ? result.length > 0 : result) hits++;
    }
    out[name] = { ...latencyFigures(samples), hits };
  }
  return out;
}

function latencyFigures(samples) {
  const summary = summarize(samples);
  return { count: summary.count, p50: round(summary.p50, 3), p95: round(summary.p95, 3), p99: round(summary.p99, 3), max: round(summary.max, 2), mean: round(summary.mean, 3) };
}

/**
 * updateDocument + getDiagnostics for every keystroke (the document ends where it started when the count is a
 * multiple of the cycle), then one hover right after it: the first request after an edit pays for any index
 * table rebuilt lazily, as completion would while typing.
 */
function serviceKeystrokes(service, uri, edits, warmup, positions) {
  for (const [index, edit] of warmup.entries()) {
    service.updateDocument(uri, edit.fullText, { version: 1000 + index });
    service.getDiagnostics(uri);
    service.getHover(uri, positions[index % positions.length]);
  }
  const samples = [];
  const updates = [];
  const diagnostics = [];
  const hovers = [];
  const cpu = [];
  for (const [index, edit] of edits.entries()) {
    const cpuStart = cpuNow();
    const start = now();
    service.updateDocument(uri, edit.fullText, { version: 2000 + index });
    const updated = now();
    service.getDiagnostics(uri);
    const diagnosed = now();
    cpu.push(cpuNow() - cpuStart);
    service.getHover(uri, positions[index % positions.length]);
    hovers.push(now() - diagnosed);
    samples.push(diagnosed - start);
    updates.push(updated - start);
    diagnostics.push(diagnosed - updated);
  }
  const keystroke = latencyFigures(samples);
  keystroke.updateDocument = { p50: round(median(updates), 3), p95: round(summarize(updates).p95, 3) };
  keystroke.getDiagnostics = { p50: round(median(diagnostics), 3), p95: round(summarize(diagnostics).p95, 3) };
  keystroke.cpu = { p50: round(median(cpu), 3), p95: round(summarize(cpu).p95, 3) };
  return { keystroke, hoverAfterEdit: latencyFigures(hovers) };
}

function yamlFileParse(text, runs = 30) {
  for (let index = 0; index < 5; index++) parseAllDocuments(text);
  const samples = [];
  for (let index = 0; index < runs; index++) {
    const start = now();
    parseAllDocuments(text);
    samples.push(now() - start);
  }
  return median(samples);
}

// ---------------------------------------------------------------------------------------------------------------
// 5a. Memory of the service (first, before the timing runs grow the heap)
// ---------------------------------------------------------------------------------------------------------------
const memory = { baseline: memorySnapshot() };
const held = [];
if (corpus) {
  const first = coldIndex(corpus);
  results.firstCorpusIndexMs = round(first.totalMs, 1);
  held.push(first.service);
  memory.afterCorpus = memorySnapshot();
}
held.push(coldIndex(synthetic).service);
memory.afterCorpusAndSynthetic = memorySnapshot();
held.length = 0;
memory.note = 'process.memoryUsage() after two global.gc() calls; each step keeps the previous services alive';
results.memory = memory;
log(`memory: baseline ${memory.baseline.heapUsedMb} MB heap, after corpus ${memory.afterCorpus?.heapUsedMb ?? '-'} MB, after corpus + synthetic ${memory.afterCorpusAndSynthetic.heapUsedMb} MB (rss ${memory.afterCorpusAndSynthetic.rssMb} MB)`);

// ---------------------------------------------------------------------------------------------------------------
// 1–2. Cold index vs bare YAML parse
// ---------------------------------------------------------------------------------------------------------------
results.coldIndex = {
  // The memory step above already ran each once; the corpus round also warms the YAML parser for the synthetic one.
  corpus: corpus ? compareColdIndex('corpus cold index', corpus, { warmup: true }) : null,
  synthetic: compareColdIndex('synthetic cold index', synthetic, { warmup: !corpus }),
};

// ---------------------------------------------------------------------------------------------------------------
// 3–4. Service-level latencies: the target file alone, inside its workspace, and a file of the synthetic workspace
// ---------------------------------------------------------------------------------------------------------------
const positions = referencePositions(target.text);
const completionAt = completionPositions(target.text);
const keystrokes = keystrokeEdits(target.text, EDITS);
/** Warm-up keystrokes: type ' and x' and delete it again (12 edits), so the text is back to the original afterwards. */
const warmupFor = (text) => {
  const warmup = keystrokeEdits(text, 12, ' and x');
  return warmup.edits.slice(0, warmup.cycleLength);
};
const warmupEdits = warmupFor(target.text);
const yamlTargetMs = yamlFileParse(target.text);
results.latency = {
  target: target.label,
  referencePositions: positions.length,
  requestsPerKind: REQUESTS,
  keystrokes: { count: keystrokes.edits.length, macro: keystrokes.macro, line: keystrokes.line, typed: keystrokes.typed },
  yamlParseOfTargetMs: round(yamlTargetMs, 3),
  service: {},
};
log(`${target.label}: ${positions.length} macro/list reference positions, keystrokes in macro ${keystrokes.macro} (line ${keystrokes.line}), one yaml parse ${round(yamlTargetMs, 2)} ms`);

function serviceScenario(label, service, file, fileLabel, editCount = EDITS) {
  const filePositions = file === target ? positions : referencePositions(file.text);
  const fileEdits = file === target && editCount === EDITS ? keystrokes : keystrokeEdits(file.text, editCount);
  const fileWarmup = file === target ? warmupEdits : warmupFor(file.text);
  const yamlMs = file === target ? yamlTargetMs : yamlFileParse(file.text);
  const points = filePositions.map((entry) => entry.position);
  gc();
  const latency = serviceLatency(service, file.uri, points);
  gc();
  const { keystroke, hoverAfterEdit } = serviceKeystrokes(service, file.uri, fileEdits.edits, fileWarmup, points);
  const result = {
    file: fileLabel,
    lines: countLines([file]),
    workspaceFiles: service.rulesFiles().length,
    referencePositions: filePositions.length,
    ...latency,
    hoverAfterEdit,
    keystroke,
    yamlParseOfFileMs: round(yamlMs, 3),
    keystrokeP50ToYamlParse: round(keystroke.p50 / yamlMs, 2),
    keystrokeP95ToYamlParse: round(keystroke.p95 / yamlMs, 2),
  };
  results.latency.service[label] = result;
  log(`service, ${label}: definition p50 ${latency.definition.p50} / p95 ${latency.definition.p95} ms, hover p50 ${latency.hover.p50} / p95 ${latency.hover.p95} ms, keystroke→diagnostics p50 ${keystroke.p50} / p95 ${keystroke.p95} ms (update ${keystroke.updateDocument.p50} + diagnostics ${keystroke.getDiagnostics.p50}), hover after an edit p50 ${hoverAfterEdit.p50} / p95 ${hoverAfterEdit.p95} ms`);
}

{
  const alone = newService();
  alone.updateDocument(target.uri, target.text, { version: 1 });
  serviceScenario(`${target.label} alone`, alone, target, target.label);
}
{
  const inWorkspace = newService();
  for (const file of target.workspace) inWorkspace.updateDocument(file.uri, file.text, { version: 1 });
  if (!inWorkspace.isRulesFile(target.uri)) inWorkspace.updateDocument(target.uri, target.text, { version: 1 });
  serviceScenario(`${target.label} in the ${target.workspaceLabel} workspace`, inWorkspace, target, target.label);
}
if (target.workspace !== synthetic) {
  // How the per-edit costs grow with the workspace: a 2,000-line file among the 100k synthetic lines.
  const inSynthetic = newService();
  for (const file of synthetic) inSynthetic.updateDocument(file.uri, file.text, { version: 1 });
  // Fewer keystrokes here: each one re-checks against the whole 100k-line workspace, which is slow for now.
  serviceScenario('synthetic file 10 in the synthetic workspace', inSynthetic, synthetic[10], 'synthetic file 10', Math.min(EDITS, 60));
}

// ---------------------------------------------------------------------------------------------------------------
// 3–5. The same over LSP stdio, as a client sees it; the server indexes the workspace folder itself
// ---------------------------------------------------------------------------------------------------------------
async function lspMeasurements() {
  const server = startServer(serverPath);
  const out = {};
  try {
    const rootPath = corpus ? corpusRoot : null;
    const spawned = now();
    await server.request('initialize', {
      processId: process.pid,
      rootUri: rootPath ? pathToUri(rootPath) : null,
      workspaceFolders: rootPath ? [{ uri: pathToUri(rootPath), name: 'corpus' }] : null,
      // As VS Code declares them: completion lists may share one edit range.
      capabilities: {
        textDocument: {
          publishDiagnostics: {},
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionList: { itemDefaults: ['editRange', 'insertTextFormat'] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true },
          rename: { prepareSupport: true },
        },
        workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
      },
    });
    out.initializeMs = round(now() - spawned, 1);
    let publishes = 0;
    const published = new Set();
    server.on('textDocument/publishDiagnostics', (params) => {
      publishes++;
      published.add(params.uri);
    });
    const indexed = server.waitFor('falco/indexStatus', (params) => params.indexing === false, 120000);
    const initializedAt = now();
    server.notify('initialized', {});
    const status = await indexed;
    out.workspaceIndexMs = round(now() - initializedAt, 1);
    out.workspaceRulesFiles = status.rulesFiles;
    // Let the diagnostics of the last files arrive (a round trip flushes anything queued before it).
    await server.request('workspace/symbol', { query: 'zzz_no_such_symbol' });
    out.workspaceIndexToAllDiagnosticsMs = round(now() - initializedAt, 1);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    out.publishDiagnosticsDuringIndex = publishes;
    out.filesWithDiagnosticsPublished = published.size;
    log(`server: spawn + initialize ${out.initializeMs} ms, workspace scan + index ${out.workspaceIndexMs} ms (${status.rulesFiles} rules files, ${publishes} publishDiagnostics for ${published.size} files)`);

    const uri = target.uri;
    const opened = server.waitFor('textDocument/publishDiagnostics', (params) => params.uri === uri);
    const openAt = now();
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: target.text } });
    await opened;
    out.didOpenToDiagnosticsMs = round(now() - openAt, 2);

    for (const [name, method] of [
      ['definition', 'textDocument/definition'],
      ['hover', 'textDocument/hover'],
    ]) {
      const all = cycle(positions.map((entry) => entry.position), REQUESTS);
      for (const position of all.slice(0, 50)) await server.request(method, { textDocument: { uri }, position });
      const samples = [];
      let hits = 0;
      for (const position of all) {
        const start = now();
        const result = await server.request(method, { textDocument: { uri }, position });
        samples.push(now() - start);
        if (Array.isArray(result) ? result.length > 0 : result) hits++;
      }
      out[name] = { ...latencyFigures(samples), hits };
    }

    // Completion as a client sees it: fields after a condition's first words, `%` fields in outputs, tags.
    {
      const all = cycle(completionAt.map((entry) => entry.position), REQUESTS);
      for (const position of all.slice(0, 50)) await server.request('textDocument/completion', { textDocument: { uri }, position });
      const samples = [];
      let items = 0;
      for (const position of all) {
        const start = now();
        const result = await server.request('textDocument/completion', { textDocument: { uri }, position });
        samples.push(now() - start);
        items += result?.items?.length ?? 0;
      }
      out.completion = { ...latencyFigures(samples), meanItems: round(items / all.length, 1), kinds: [...new Set(completionAt.map((entry) => entry.kind))] };
      const first = await server.request('textDocument/completion', { textDocument: { uri }, position: completionAt[0].position });
      const resolveSamples = [];
      for (const item of cycle(first?.items ?? [], Math.min(REQUESTS, 200))) {
        const start = now();
        await server.request('completionItem/resolve', item);
        resolveSamples.push(now() - start);
      }
      out.completionResolve = latencyFigures(resolveSamples);
      log(`LSP: completion p50 ${out.completion.p50} / p95 ${out.completion.p95} ms (${out.completion.meanItems} items on average), resolve p95 ${out.completionResolve.p95} ms`);
    }

    // Code actions as VS Code asks for them on every cursor move (an empty range, every kind), and the resolve of
    // the refactorings that carry their edit lazily.
    {
      const all = cycle(positions.map((entry) => entry.position), REQUESTS);
      for (const position of all.slice(0, 50)) await server.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
      const samples = [];
      const toResolve = [];
      let offered = 0;
      for (const position of all) {
        const start = now();
        const actions = await server.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
        samples.push(now() - start);
        offered += actions?.length ?? 0;
        for (const action of actions ?? []) if (action.data && toResolve.length < 200) toResolve.push(action);
      }
      out.codeAction = { ...latencyFigures(samples), meanActions: round(offered / all.length, 2) };
      const resolveSamples = [];
      for (const action of toResolve) {
        const start = now();
        await server.request('codeAction/resolve', action);
        resolveSamples.push(now() - start);
      }
      out.codeActionResolve = latencyFigures(resolveSamples);
      log(`LSP: codeAction p50 ${out.codeAction.p50} / p95 ${out.codeAction.p95} ms (${out.codeAction.meanActions} actions on average), resolve p50 ${out.codeActionResolve.p50} / p95 ${out.codeActionResolve.p95} ms`);
    }

    let version = 1;
    const sendEdit = async (edit) => {
      const published = server.waitFor('textDocument/publishDiagnostics', (params) => params.uri === uri);
      const start = now();
      server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: edit.range, text: edit.text }] });
      await published;
      return now() - start;
    };
    // Warm-up: type and delete a few characters, which leaves the text as it was.
    for (const edit of warmupEdits) await sendEdit(edit);
    const samples = [];
    for (const edit of keystrokes.edits) samples.push(await sendEdit(edit));
    out.keystroke = latencyFigures(samples);
    out.keystrokeP50ToYamlParse = round(out.keystroke.p50 / yamlTargetMs, 2);
    out.keystrokeP95ToYamlParse = round(out.keystroke.p95 / yamlTargetMs, 2);
    log(`LSP: definition p50 ${out.definition.p50} / p95 ${out.definition.p95} ms, hover p50 ${out.hover.p50} / p95 ${out.hover.p95} ms, keystroke→publishDiagnostics p50 ${out.keystroke.p50} / p95 ${out.keystroke.p95} ms`);
    const serverMemory = server.memory();
    out.serverPeakRssMb = mb(serverMemory.peakRss);
    out.serverRssMb = mb(serverMemory.rss);
  } finally {
    await server.stop();
  }
  if (server.stderr.trim()) note(`server stderr: ${server.stderr.trim().slice(0, 500)}`);
  return out;
}

results.lsp = await lspMeasurements();

// ---------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------
const ownStatus = readFileSync('/proc/self/status', 'utf8');
const ownPeak = /^VmHWM:\s+(\d+) kB/m.exec(ownStatus);
results.memory.benchProcessPeakRssMb = ownPeak ? mb(Number(ownPeak[1]) * 1024) : null;
results.machine.loadAverageAtEnd = loadavg().map((value) => round(value));
results.totalSeconds = round((now() - benchStart) / 1000, 1);

const rows = [];
const row = (measure, value, detail = '') => rows.push([measure, String(value), detail]);
const ms = (value) => `${value} ms`;
for (const [label, cold] of [
  ['corpus', results.coldIndex.corpus],
  ['synthetic', results.coldIndex.synthetic],
]) {
  if (!cold) {
    row(`cold index, ${label}`, 'skipped', 'corpus absent');
    continue;
  }
  const input = results.inputs[label];
  row(`cold index, ${label} (${input.files} files, ${input.lines} lines)`, ms(cold.serviceMs), `update ${cold.updateDocumentMs} + diagnostics ${cold.getDiagnosticsMs} ms; median of ${cold.runs}`);
  row(`  bare yaml parseAllDocuments, ${label}`, ms(cold.yamlParseMs), `median of ${cold.runs}`);
  row(`  ratio service / yaml, ${label}`, `${cold.ratio}×`, `CPU time: ${cold.serviceCpuMs} / ${cold.yamlParseCpuMs} ms = ${cold.cpuRatio}×`);
}
const lat = results.latency;
for (const [where, figures] of Object.entries(lat.service)) {
  row(`definition, service (${where})`, `p50 ${figures.definition.p50} / p95 ${figures.definition.p95} ms`, `${figures.definition.count} requests, ${figures.definition.hits} with a result`);
  row(`hover, service (${where})`, `p50 ${figures.hover.p50} / p95 ${figures.hover.p95} ms`, `${figures.hover.count} requests, ${figures.hover.hits} with a result`);
  row(`hover right after an edit, service (${where})`, `p50 ${figures.hoverAfterEdit.p50} / p95 ${figures.hoverAfterEdit.p95} ms`, `${figures.hoverAfterEdit.count} edits`);
  row(`keystroke→diagnostics, service (${where})`, `p50 ${figures.keystroke.p50} / p95 ${figures.keystroke.p95} ms`, `${figures.keystrokeP50ToYamlParse}× / ${figures.keystrokeP95ToYamlParse}× one yaml parse (${figures.yamlParseOfFileMs} ms); p50 update ${figures.keystroke.updateDocument.p50} + diagnostics ${figures.keystroke.getDiagnostics.p50} ms; CPU p50 ${figures.keystroke.cpu.p50} / p95 ${figures.keystroke.cpu.p95} ms`);
}
const lsp = results.lsp;
row('definition, LSP stdio', `p50 ${lsp.definition.p50} / p95 ${lsp.definition.p95} ms`, `${lsp.definition.count} requests, ${lsp.definition.hits} with a result`);
row('hover, LSP stdio', `p50 ${lsp.hover.p50} / p95 ${lsp.hover.p95} ms`, `${lsp.hover.count} requests, ${lsp.hover.hits} with a result`);
row('completion, LSP stdio', `p50 ${lsp.completion.p50} / p95 ${lsp.completion.p95} ms`, `${lsp.completion.count} requests (${lsp.completion.kinds.join(', ')}), ${lsp.completion.meanItems} items on average; budget p95 ≤ 3 ms`);
row('completionItem/resolve, LSP stdio', `p50 ${lsp.completionResolve.p50} / p95 ${lsp.completionResolve.p95} ms`, `${lsp.completionResolve.count} requests`);
row('codeAction at the cursor, LSP stdio', `p50 ${lsp.codeAction.p50} / p95 ${lsp.codeAction.p95} ms`, `${lsp.codeAction.count} requests, ${lsp.codeAction.meanActions} actions on average; budget p95 ≤ 3 ms`);
row('codeAction/resolve, LSP stdio', `p50 ${lsp.codeActionResolve.p50} / p95 ${lsp.codeActionResolve.p95} ms`, `${lsp.codeActionResolve.count} requests`);
row('keystroke→publishDiagnostics, LSP', `p50 ${lsp.keystroke.p50} / p95 ${lsp.keystroke.p95} ms`, `${lsp.keystrokeP50ToYamlParse}× / ${lsp.keystrokeP95ToYamlParse}× one yaml parse`);
row(`one yaml parse of ${target.label}`, ms(lat.yamlParseOfTargetMs), 'median of 30');
row('server: initialize / workspace index', `${lsp.initializeMs} / ${lsp.workspaceIndexMs} ms`, `${lsp.workspaceRulesFiles} rules files, ${lsp.publishDiagnosticsDuringIndex} publishDiagnostics for ${lsp.filesWithDiagnosticsPublished} files; didOpen→diagnostics ${lsp.didOpenToDiagnosticsMs} ms`);
row('memory, baseline (heap / rss)', `${memory.baseline.heapUsedMb} / ${memory.baseline.rssMb} MB`, 'service loaded, catalogs built');
if (memory.afterCorpus) row('memory, + corpus indexed', `${memory.afterCorpus.heapUsedMb} / ${memory.afterCorpus.rssMb} MB`, '');
row(memory.afterCorpus ? 'memory, + corpus + synthetic indexed' : 'memory, + synthetic indexed', `${memory.afterCorpusAndSynthetic.heapUsedMb} / ${memory.afterCorpusAndSynthetic.rssMb} MB`, '');
row('server peak RSS (VmHWM)', `${lsp.serverPeakRssMb} MB`, `current ${lsp.serverRssMb} MB`);

const widths = [0, 1, 2].map((column) => Math.max(...rows.map((cells) => cells[column].length), ['measure', 'value', 'detail'][column].length));
const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
console.log('');
console.log(`Falco rules language service benchmark: ${results.date}, ${results.machine.cpus} cores (${results.machine.cpuModel}), node ${results.machine.node}`);
console.log(`load average at start ${results.machine.loadAverageAtStart.join(' ')}, at end ${results.machine.loadAverageAtEnd.join(' ')}`);
console.log(line(['measure', 'value', 'detail']));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const cells of rows) console.log(line(cells));
console.log('');

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
log(`wrote ${join(outDir, 'latest.json')} in ${results.totalSeconds} s`);
