import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient, TempWorkspace, positionOf } from '../helpers/lspClient';

let client: LspClient;
let workspace: TempWorkspace;

before(async () => {
  workspace = new TempWorkspace();
  client = LspClient.start();
  await client.initialize([workspace.root]);
  await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing);
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Garbage that still looks like a rules file to the cheap content test: fragments, controls, odd Unicode. */
function garbage(seed: number, lines: number): string {
  const next = random(seed);
  const pieces = ['- rule:', '- macro:', '- list:', 'condition:', 'items: [', ']]', '{', '}', '((', ')', '"', "'", '|', '>-', '&a', '*a', '!!binary', '%', '@', '`', ': ', '- ', '#', '\t', '\u0000', '\u0007', '\u001b[0m', '\ufffd', '\ud83d\ude00', '\ud800', '\u2028', '\r', 'proc.name', 'and', 'or not', 'in (', '=', '!=', '<|>'];
  const out: string[] = [];
  for (let line = 0; line < lines; line++) {
    let text = ' '.repeat(Math.floor(next() * 8));
    const count = 1 + Math.floor(next() * 10);
    for (let index = 0; index < count; index++) {
      text += next() < 0.7 ? pieces[Math.floor(next() * pieces.length)] : String.fromCharCode(Math.floor(next() * 0x3000));
    }
    out.push(text);
  }
  return out.join(next() < 0.5 ? '\n' : '\r\n');
}

function bigFile(items: number): string {
  const out: string[] = [];
  for (let index = 0; index < items; index++) {
    if (index % 3 === 0) out.push(`- list: list_${index}`, `  items: [a${index}, b${index}${index >= 3 ? `, list_${index - 3}` : ''}]`);
    else if (index % 3 === 1) out.push(`- macro: macro_${index}`, `  condition: proc.name in (list_${index - 1})${index >= 4 ? ` and macro_${index - 3}` : ''}`);
    else out.push(`- rule: Rule ${index}`, `  desc: rule ${index}`, `  condition: macro_${index - 1} and evt.type = open`, `  output: "rule ${index} %proc.name"`, '  priority: INFO');
  }
  return out.join('\n') + '\n';
}

/** Runs a request and checks it answers within `limitMs`. */
async function timed<R>(label: string, limitMs: number, run: () => Promise<R>): Promise<R> {
  const started = performance.now();
  const result = await run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < limitMs, `${label} took ${elapsed.toFixed(0)} ms (limit ${limitMs} ms)`);
  return result;
}

async function probe(uri: string, position: { line: number; character: number }): Promise<{ hover: unknown; definition: unknown; symbols: unknown[] }> {
  const at = { textDocument: { uri }, position };
  const hover = await timed(`hover in ${uri}`, 2000, () => client.request('textDocument/hover', at));
  const definition = await timed(`definition in ${uri}`, 2000, () => client.request('textDocument/definition', at));
  const symbols = await timed(`documentSymbol of ${uri}`, 2000, () => client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } }));
  return { hover, definition, symbols };
}

test('random garbage and binary-ish text: the server answers and keeps running', async () => {
  const head = '- rule: Garbage\n  desc: garbage follows\n  condition: evt.type = open\n  output: "g"\n  priority: INFO\n';
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    // Odd seeds: pure garbage (which may or may not be taken for a rules file); even seeds: a valid item first.
    const text = (seed % 2 === 0 ? head : '') + garbage(seed, 300);
    const uri = workspace.uri(`garbage_${seed}_rules.yaml`);
    const mark = client.mark();
    await client.open(uri, text);
    // Requests are handled after the didOpen, so these see the garbage whether or not it is a rules file.
    for (const line of [0, 1, 2, 10, 150, 299]) await probe(uri, { line, character: 3 });
    const isRulesFile = (await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } })).length > 0;
    if (seed % 2 === 0) assert.ok(isRulesFile, `seed ${seed}: a file starting with a valid rule is a rules file`);
    if (isRulesFile) {
      const diagnostics = await client.waitForDiagnostics(uri, undefined, { since: mark });
      assert.ok(diagnostics.length > 0, `seed ${seed}: garbage has problems`);
      const lineCount = text.split(/\r\n|\n|\r/).length;
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.source, 'falco');
        assert.ok([1, 2, 3, 4].includes(diagnostic.severity!));
        const { start, end } = diagnostic.range;
        assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), JSON.stringify(diagnostic.range));
        assert.ok(end.line <= lineCount, JSON.stringify(diagnostic.range));
      }
    }
    // Closing a file that does not exist on disk drops it; a published rules file gets an empty list.
    await client.close(uri);
    if (isRulesFile) assert.deepEqual(await client.waitForDiagnostics(uri), []);
  }
  assert.equal(client.isRunning, true);
});

test('a file with 5,000 items: diagnostics, hover, definition and symbols stay fast', async () => {
  const uri = workspace.uri('big_rules.yaml');
  const text = bigFile(5000);
  await client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, undefined, { timeoutMs: 10_000 });
  // A generated file: no error; the last macro of the chain is unused.
  assert.deepEqual(published.filter((diagnostic) => diagnostic.severity === 1), []);
  assert.deepEqual([...new Set(published.map((diagnostic) => diagnostic.code))], ['unused-macro']);
  const cursor = positionOf(text, 'macro_4996 and', 3); // the reference in the condition of Rule 4997
  const { hover, definition, symbols } = await probe(uri, cursor);
  assert.equal(symbols.length, 5000);
  const line = positionOf(text, '- macro: macro_4996\n').line;
  assert.equal(line, 14987);
  assert.deepEqual(definition, [
    {
      targetUri: uri,
      targetRange: { start: { line, character: 2 }, end: { line: line + 2, character: 0 } },
      targetSelectionRange: { start: { line, character: 9 }, end: { line, character: 19 } },
    },
  ]);
  assert.match((hover as { contents: { value: string } }).contents.value, /^\*\*macro\*\* `macro_4996`\n\n```\nproc\.name in \(list_4995\) and macro_4993\n```/);
  await timed('workspace/symbol over 5,000 items', 2000, () => client.request('workspace/symbol', { query: 'macro_49' }));
});

test('a condition with 10,000 nested parentheses: no crash, answers stay fast', async () => {
  const depth = 10_000;
  const uri = workspace.uri('deep_rules.yaml');
  const text = [
    '- macro: deep',
    `  condition: ${'('.repeat(depth)}evt.type = open${')'.repeat(depth)}`,
    '- macro: unbalanced',
    `  condition: ${'('.repeat(depth)}evt.type = open and deep`,
    '- rule: Deep',
    '  desc: deep',
    `  condition: deep and ${'not ('.repeat(2000)}proc.name = cat${')'.repeat(2000)}`,
    '  output: "deep %proc.name"',
    '  priority: INFO',
    '',
  ].join('\n');
  await client.open(uri, text);
  // Falco's parser stops at a nesting depth of 1000; so does the server, with one diagnostic per condition.
  const diagnostics = await client.waitForDiagnostics(uri, undefined, { timeoutMs: 10_000 });
  const tooDeep = (line: number, character: number) => ({
    range: { start: { line, character }, end: { line, character: character + 1 } },
    severity: 1,
    code: 'condition-syntax',
    source: 'falco',
    message: 'exceeded max depth limit of 1000: the expression is nested too deeply',
  });
  assert.deepEqual(
    diagnostics.filter((diagnostic) => diagnostic.code === 'condition-syntax'),
    [tooDeep(1, 212), tooDeep(3, 212), tooDeep(6, 1021)],
  );
  const { symbols } = await probe(uri, { line: 1, character: 13 + depth + 2 });
  assert.deepEqual(
    (symbols as { name: string }[]).map((symbol) => symbol.name),
    ['deep', 'unbalanced', 'Deep'],
  );
  await probe(uri, { line: 3, character: 13 + depth + 22 });
  const definition = await timed('definition of deep', 2000, () => client.request('textDocument/definition', { textDocument: { uri }, position: { line: 6, character: 14 } }));
  assert.deepEqual(definition, [
    {
      targetUri: uri,
      targetRange: { start: { line: 0, character: 2 }, end: { line: 2, character: 0 } },
      targetSelectionRange: { start: { line: 0, character: 9 }, end: { line: 0, character: 13 } },
    },
  ]);
  assert.equal(client.isRunning, true);
  assert.ok((await client.request('workspace/symbol', { query: 'deep' })) !== null);
});
