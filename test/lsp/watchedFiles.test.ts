import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient, TempWorkspace } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

const FileChangeType = { Created: 1, Changed: 2, Deleted: 3 } as const;
type IndexStatus = { rulesFiles: number; indexing: boolean };

let client: LspClient;
let workspace: TempWorkspace;

before(async () => {
  workspace = new TempWorkspace({
    'rules/base_rules.yaml': dedent(`
      - macro: base_macro
        condition: evt.type = open
    `),
  });
  client = LspClient.start();
  await client.initialize([workspace.root]);
  assert.deepEqual(await client.waitForNotification<IndexStatus>('falco/indexStatus', (params) => !params.indexing), { rulesFiles: 1, indexing: false });
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

test('didChangeWatchedFiles: a created rules file is indexed; a changed one re-published; a deleted one dropped and cleared', async () => {
  // Created: a new rules file with a syntax error, written to disk (not opened in the editor).
  const uri = workspace.write(
    'rules/new_rules.yaml',
    dedent(`
      - rule: New rule
        desc: new
        condition: base_macro and (proc.name = cat
        output: "new %proc.name"
        priority: INFO
    `),
  );
  let mark = client.mark();
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Created }] });
  assert.deepEqual(await client.waitForNotification<IndexStatus>('falco/indexStatus', undefined, { since: mark }), { rulesFiles: 2, indexing: false });
  const diagnostics = await client.waitForDiagnostics(uri, undefined, { since: mark });
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]),
    [['condition-syntax', 1, { start: { line: 2, character: 28 }, end: { line: 2, character: 29 } }]],
  );
  const definition = await client.request<{ targetUri: string }[]>('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 15 } });
  assert.deepEqual(definition.map((link) => link.targetUri), [workspace.uri('rules/base_rules.yaml')]);

  // Changed on disk: the error is fixed; the file is re-read and re-published; the count does not move.
  workspace.write(
    'rules/new_rules.yaml',
    '- macro: new_macro\n  condition: base_macro and proc.name = cat\n- rule: Cat reader\n  desc: d\n  condition: new_macro\n  output: "cat %proc.name"\n  priority: INFO\n',
  );
  mark = client.mark();
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Changed }] });
  assert.deepEqual(await client.waitForDiagnostics(uri, undefined, { since: mark }), []);
  const symbols = await client.request<{ name: string }[]>('workspace/symbol', { query: 'new' });
  assert.deepEqual(symbols.map((symbol) => symbol.name), ['new_macro']);

  // Deleted: back to one rules file, and its diagnostics are cleared with an empty list.
  workspace.remove('rules/new_rules.yaml');
  mark = client.mark();
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Deleted }] });
  assert.deepEqual(await client.waitForNotification<IndexStatus>('falco/indexStatus', undefined, { since: mark }), { rulesFiles: 1, indexing: false });
  assert.deepEqual(await client.waitForDiagnostics(uri, undefined, { since: mark }), []);
  assert.deepEqual(await client.request('workspace/symbol', { query: 'new' }), []);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  // The whole status history: the scan, the creation, nothing for the change, the deletion.
  assert.deepEqual(client.received<IndexStatus>('falco/indexStatus'), [
    { rulesFiles: 0, indexing: true },
    { rulesFiles: 1, indexing: true },
    { rulesFiles: 1, indexing: false },
    { rulesFiles: 2, indexing: false },
    { rulesFiles: 1, indexing: false },
  ]);
});
