import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, TempWorkspace } from '../helpers/lspClient';
import { corpusRoot, readText, sharedMissing } from '../helpers/shared';

const upstreamRules = join(corpusRoot, 'falcosecurity-rules@falco-rules-5.1.0', 'rules', 'falco_rules.yaml');

let client: LspClient | undefined;
let workspace: TempWorkspace | undefined;

before(async () => {
  if (sharedMissing) return;
  workspace = new TempWorkspace();
  client = LspClient.start();
  await client.initialize([workspace.root]);
  await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing);
});

after(async () => {
  await client?.shutdown();
  workspace?.dispose();
});

test('the upstream falco_rules.yaml (falco-rules 5.1.0) opens without any error diagnostic', { skip: sharedMissing }, async () => {
  const text = readText(upstreamRules);
  // Opened under its own name in the temporary workspace (its content comes only through didOpen).
  const uri = workspace!.uri('falco_rules.yaml');
  await client!.open(uri, text);
  const diagnostics = await client!.waitForDiagnostics(uri, undefined, { timeoutMs: 10_000 });
  assert.deepEqual(
    diagnostics.filter((diagnostic) => diagnostic.severity === 1),
    [],
  );
  // The file is indexed as a rules file, with its rules, macros and lists.
  assert.deepEqual(client!.received('falco/indexStatus').at(-1), { rulesFiles: 1, indexing: false });
  const symbols = await client!.request<{ name: string; kind: number }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.some((symbol) => symbol.name === 'spawned_process' && symbol.kind === 12));
  assert.ok(symbols.some((symbol) => symbol.name === 'Terminal shell in container' && symbol.kind === 24));
});
