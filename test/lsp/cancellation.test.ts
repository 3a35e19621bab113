import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as rpc from 'vscode-jsonrpc/node';
import { LspClient, TempWorkspace, positionOf } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

const RequestCancelled = -32800;
const text = dedent(`
  - macro: spawned_process
    condition: evt.type in (execve, execveat)
  - rule: Spawn
    desc: a process starts
    condition: spawned_process and proc.name = cat
    output: "spawn %proc.name"
    priority: INFO
`);
const expectedHover = {
  contents: { kind: 'markdown', value: '**macro** `spawned_process`\n\n```\nevt.type in (execve, execveat)\n```\n\nIn load order:\n\n- defined in `spawn_rules.yaml:1`' },
  range: { start: { line: 4, character: 13 }, end: { line: 4, character: 28 } },
};

let client: LspClient;
let workspace: TempWorkspace;
let uri: string;

before(async () => {
  workspace = new TempWorkspace();
  uri = workspace.uri('spawn_rules.yaml');
  client = LspClient.start();
  await client.initialize([workspace.root]);
  await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing);
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

const hoverParams = () => ({ textDocument: { uri }, position: positionOf(text, 'spawned_process and', 3) });

/** Settles a request that was cancelled: either RequestCancelled or the normal answer is acceptable. */
async function settleCancelled(promise: Promise<unknown>): Promise<'cancelled' | 'answered'> {
  try {
    const result = await promise;
    assert.deepEqual(result, expectedHover);
    return 'answered';
  } catch (error) {
    assert.ok(error instanceof rpc.ResponseError, `expected a ResponseError, got ${String(error)}`);
    assert.equal(error.code, RequestCancelled);
    return 'cancelled';
  }
}

test('a hover with a pre-cancelled token, or cancelled right after sending, settles; the server keeps answering', async (t) => {
  // A token cancelled before the request is sent: vscode-jsonrpc sends `$/cancelRequest` for it at once.
  const preCancelled = new rpc.CancellationTokenSource();
  preCancelled.cancel();
  const first = await settleCancelled(client.request('textDocument/hover', hoverParams(), preCancelled.token));

  // `$/cancelRequest` sent right after the request.
  const source = new rpc.CancellationTokenSource();
  const pending = client.request('textDocument/hover', hoverParams(), source.token);
  source.cancel();
  const second = await settleCancelled(pending);

  // A burst of cancelled requests of every kind, then normal requests: all settle, the server stays up.
  const burst: Promise<unknown>[] = [];
  for (let index = 0; index < 20; index++) {
    const cancel = new rpc.CancellationTokenSource();
    burst.push(client.request('textDocument/hover', hoverParams(), cancel.token).catch((error: unknown) => error));
    burst.push(client.request('textDocument/definition', hoverParams(), cancel.token).catch((error: unknown) => error));
    burst.push(client.request('textDocument/documentSymbol', { textDocument: { uri } }, cancel.token).catch((error: unknown) => error));
    cancel.cancel();
  }
  const settled = await Promise.all(burst);
  for (const outcome of settled) if (outcome instanceof rpc.ResponseError) assert.equal(outcome.code, RequestCancelled);

  assert.deepEqual(await client.request('textDocument/hover', hoverParams()), expectedHover);
  assert.equal(client.isRunning, true);
  // For the record (either is correct): how the requests ended.
  const cancelled = settled.filter((outcome) => outcome instanceof rpc.ResponseError).length;
  t.diagnostic(`pre-cancelled: ${first}; cancelled after sending: ${second}; burst: ${cancelled}/${settled.length} cancelled`);
});
