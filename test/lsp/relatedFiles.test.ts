import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient, TempWorkspace } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

const fileA = dedent(`
  - macro: m
    condition: evt.type = open
`);
const fileB = dedent(`
  - rule: Uses m
    desc: uses the macro of file A
    condition: m and proc.name = cat
    output: "cat %proc.name"
    priority: INFO
`);

let client: LspClient;
let workspace: TempWorkspace;
let uriA: string;
let uriB: string;

before(async () => {
  workspace = new TempWorkspace();
  uriA = workspace.uri('a_rules.yaml');
  uriB = workspace.uri('b_rules.yaml');
  client = LspClient.start();
  await client.initialize([workspace.root]);
  await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing);
  const mark = client.mark();
  await client.open(uriA, fileA);
  await client.open(uriB, fileB);
  // A alone has an unused macro; once B uses it, A is published again, clean.
  assert.deepEqual(await client.waitForDiagnostics(uriA, (diagnostics) => diagnostics.length === 0, { since: mark }), []);
  assert.deepEqual(await client.waitForDiagnostics(uriB, undefined, { since: mark }), []);
  assert.deepEqual(await client.waitForNotification('falco/indexStatus', (params: { rulesFiles: number }) => params.rulesFiles === 2, { since: mark }), {
    rulesFiles: 2,
    indexing: false,
  });
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

test(
  'renaming the macro in A re-publishes B, which uses the old name',
  async () => {
    const mark = client.mark();
    // `- macro: m` → `- macro: m_renamed` (insertion at the end of line 0).
    await client.change(uriA, undefined, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, text: '_renamed' }]);
    const codesA = (await client.waitForDiagnostics(uriA, undefined, { since: mark })).map((diagnostic) => diagnostic.code);
    assert.deepEqual(codesA, ['unused-macro']);
    // B still says `m`, which no longer exists anywhere: it is re-published with the undefined macro.
    const diagnosticsB = await client.waitForDiagnostics(uriB, undefined, { since: mark, timeoutMs: 1000 });
    assert.deepEqual(
      diagnosticsB.map((diagnostic) => [diagnostic.code, diagnostic.range]),
      [['undefined-macro', { start: { line: 2, character: 13 }, end: { line: 2, character: 14 } }]],
    );
  },
);

test('renaming the macro in A back to the name B uses re-publishes B', async () => {
  const mark = client.mark();
  // `- macro: m_renamed` → `- macro: m`.
  await client.change(uriA, undefined, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 18 } }, text: '' }]);
  assert.deepEqual(await client.waitForDiagnostics(uriA, undefined, { since: mark }), []);
  assert.deepEqual(await client.waitForDiagnostics(uriB, undefined, { since: mark }), []);
  // And B's reference resolves to A again.
  const definition = await client.request('textDocument/definition', { textDocument: { uri: uriB }, position: { line: 2, character: 13 } });
  assert.deepEqual(definition, [
    {
      targetUri: uriA,
      targetRange: { start: { line: 0, character: 2 }, end: { line: 2, character: 0 } },
      targetSelectionRange: { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } },
    },
  ]);
});
