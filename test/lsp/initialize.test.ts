import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient, TempWorkspace, type InitializeResult } from '../helpers/lspClient';

let client: LspClient;
let workspace: TempWorkspace;

before(() => {
  workspace = new TempWorkspace();
  client = LspClient.start();
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

test('initialize answers the exact capability set and the server name; shutdown/exit ends the process with code 0', async () => {
  const result: InitializeResult = await client.initialize([workspace.root]);
  assert.deepEqual(result, {
    capabilities: {
      textDocumentSync: 2,
      definitionProvider: true,
      referencesProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['.', '%', ' ', '(', ',', '[', '-'], resolveProvider: true },
      codeActionProvider: {
        codeActionKinds: ['quickfix', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'refactor.move', 'source.fixAll.falco'],
        resolveProvider: true,
      },
      semanticTokensProvider: {
        legend: {
          tokenTypes: ['class', 'macro', 'enum', 'property', 'parameter', 'operator', 'keyword', 'function', 'string', 'number'],
          tokenModifiers: ['declaration', 'deprecated'],
        },
        full: true,
        range: true,
      },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: 'falco-rules-language-server' },
  });
  // An empty workspace: the scan reports zero rules files and finishes.
  assert.deepEqual(await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing), { rulesFiles: 0, indexing: false });
  // The client does not announce workspace/configuration, so the server must not ask for it.
  assert.deepEqual(client.serverRequests, []);
  await client.shutdown();
  assert.equal(client.isRunning, false);
  assert.equal(client.exitCode, 0);
});
