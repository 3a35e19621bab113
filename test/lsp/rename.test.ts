// Rename (prepareRename and rename) through the real server over JSON-RPC: a workspace edit across files, and
// refusals answered as errors the client shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, TempWorkspace, positionOf } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

const base = dedent(`
  - macro: spawned_process
    condition: evt.type in (execve, execveat)
  - list: shell_binaries
    items: [bash, sh]
`);

const custom = dedent(`
  - rule: Shell
    desc: d
    condition: spawned_process and proc.name in (shell_binaries)
    output: "shell %proc.name"
    priority: NOTICE
  - macro: spawned_process
    condition: and proc.pid > 0
    override:
      condition: append
`);

let client: LspClient;
let workspace: TempWorkspace;
let baseUri: string;
let customUri: string;

before(async () => {
  workspace = new TempWorkspace({ 'rules/base_rules.yaml': base, 'rules/custom_rules.yaml': custom });
  baseUri = workspace.uri('rules/base_rules.yaml');
  customUri = workspace.uri('rules/custom_rules.yaml');
  client = LspClient.start();
  await client.initialize([workspace.root]);
  await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing);
  const mark = client.mark();
  await client.open(customUri, custom);
  await client.waitForDiagnostics(customUri, undefined, { since: mark });
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

const range = (line: number, character: number, length: number) => ({ start: { line, character }, end: { line, character: character + length } });

describe('rename over LSP', () => {
  test('prepareRename at a macro use answers its range and name', async () => {
    const position = positionOf(custom, 'spawned_process');
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: customUri }, position });
    assert.deepEqual(prepared, { range: range(2, 13, 'spawned_process'.length), placeholder: 'spawned_process' });
  });

  test('rename a macro: its definition, its override item and its use, in both files', async () => {
    const position = positionOf(custom, 'spawned_process');
    const edit = await client.request<{ changes: Record<string, { range: unknown; newText: string }[]> }>('textDocument/rename', { textDocument: { uri: customUri }, position, newName: 'process_started' });
    assert.deepEqual(edit, {
      changes: {
        [baseUri]: [{ range: range(0, 9, 15), newText: 'process_started' }],
        [customUri]: [
          { range: range(2, 13, 15), newText: 'process_started' },
          { range: range(5, 9, 15), newText: 'process_started' },
        ],
      },
    });
  });

  test('a name Falco would reject is refused with the reason', async () => {
    const position = positionOf(custom, 'shell_binaries');
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: customUri }, position, newName: 'and' }),
      (error: Error) => /and/.test(error.message),
    );
  });

  test('a field cannot be renamed: prepareRename says so', async () => {
    const position = positionOf(custom, 'proc.name in');
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: customUri }, position }),
      (error: Error) => error.message === 'Only macros, lists and rules can be renamed',
    );
  });
});
