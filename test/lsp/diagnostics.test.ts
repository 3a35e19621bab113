import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient, TempWorkspace, positionOf } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

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

test('a condition syntax error is pushed with its exact range; an incremental fix clears it', async () => {
  const uri = workspace.uri('shell_rules.yaml');
  const text = dedent(`
    - rule: Shell in container
      desc: a shell
      condition: >
        evt.type = execve and
        proc.name in (bash, sh)) and container.id != host
      output: "shell %proc.name"
      priority: WARNING
  `);
  await client.open(uri, text);
  const diagnostics = await client.waitForDiagnostics(uri);
  // The stray ')' on the 2nd line of the folded condition (line 4 of the file).
  assert.deepEqual(positionOf(text, 'sh))', 3), { line: 4, character: 27 });
  assert.deepEqual(diagnostics, [
    {
      range: { start: { line: 4, character: 27 }, end: { line: 4, character: 28 } },
      severity: 1,
      code: 'condition-syntax',
      source: 'falco',
      message: "unexpected token ')' after ')': there is no '(' to close",
    },
  ]);

  // Delete the stray ')' with an incremental edit, as an editor would.
  await client.change(uri, 2, [{ range: { start: { line: 4, character: 27 }, end: { line: 4, character: 28 } }, rangeLength: 1, text: '' }]);
  assert.deepEqual(await client.waitForDiagnostics(uri), []);

  // Break it again elsewhere with a second incremental edit (an insertion), then fix it with a third one.
  // `evt.type = execve` becomes `evt.type ~= execve`.
  await client.change(uri, 3, [{ range: { start: { line: 3, character: 13 }, end: { line: 3, character: 13 } }, text: '~' }]);
  const broken = await client.waitForDiagnostics(uri);
  assert.deepEqual(
    broken.map((diagnostic) => [diagnostic.code, diagnostic.range]),
    [['condition-syntax', { start: { line: 3, character: 13 }, end: { line: 3, character: 15 } }]],
  );
  await client.change(uri, 4, [{ range: { start: { line: 3, character: 13 }, end: { line: 3, character: 14 } }, text: '' }]);
  assert.deepEqual(await client.waitForDiagnostics(uri), []);
});
