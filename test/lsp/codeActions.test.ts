// Code actions through the real server over JSON-RPC, with a client that declares resolve and snippet-edit
// support as VS Code does: quick fixes with snippet placeholders, refactorings resolved lazily (edits across
// files), the "fix all" merge and source.fixAll.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, TempWorkspace, positionOf } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

const base = dedent(`
  - macro: spawned_process
    condition: evt.type in (execve, execveat)
  - list: shell_binaries
    items: [bash, sh]
  - rule: Shell
    desc: d
    condition: spawned_process and proc.name in (shell_binaries)
    output: "shell %proc.name"
    priority: NOTICE
`);

const custom = dedent(`
  - rule: Miner
    desc: d
    condition: spawned_process and proc.name in (xmrig, minerd)
    output: "miner %proc.name"
    priority: CRITICAL
    exceptions:
      - fields: [proc.name]
        values: [[xmrig]]
  - rule: Reboot
    desc: d
    condition: spawned_process and proc.name = reboot and evt.dir = <
    output: "reboot %proc.name"
    priority: NOTICE
  - rule: Halt
    desc: d
    condition: spawned_process and proc.name = halt and evt.dir = <
    output: "halt %proc.name"
    priority: NOTICE
`);

interface Action {
  title: string;
  kind: string;
  isPreferred?: boolean;
  data?: unknown;
  disabled?: { reason: string };
  edit?: {
    changes?: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]>;
    documentChanges?: { textDocument: { uri: string; version: number | null }; edits: ({ newText: string } | { snippet: { kind: string; value: string } })[] }[];
  };
}

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

const actionsAt = (uri: string, text: string, needle: string, only?: string[]) => {
  const position = positionOf(text, needle);
  return client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], ...(only ? { only } : {}) } });
};

describe('code actions over LSP', () => {
  test('a quick fix with a placeholder comes as a snippet edit', async () => {
    const actions = await actionsAt(customUri, custom, 'fields: [proc.name]', ['quickfix']);
    const addName = actions.find((action) => action.title.startsWith('Add'));
    assert.ok(addName, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    const edit = addName.edit?.documentChanges?.[0];
    assert.equal(edit?.textDocument.uri, customUri);
    assert.ok(edit?.edits.some((entry) => 'snippet' in entry && /\$\{1:[^}]+\}/.test(entry.snippet.value)), JSON.stringify(edit));
  });

  test('a refactoring comes without its edit and codeAction/resolve fills it in', async () => {
    const actions = await actionsAt(customUri, custom, 'xmrig, minerd', ['refactor']);
    const extract = actions.find((action) => action.title === 'Extract values into a new list');
    assert.ok(extract, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(extract.kind, 'refactor.extract');
    assert.equal(extract.edit, undefined);
    assert.ok(extract.data);
    const resolved = await client.request<Action>('codeAction/resolve', extract);
    const snippets = resolved.edit?.documentChanges?.[0]?.edits.map((entry) => ('snippet' in entry ? entry.snippet.value : entry.newText)) ?? [];
    assert.ok(snippets.some((value) => /- list: \$\{1:proc_name_values\}\n {2}items: \[xmrig, minerd\]/.test(value)), JSON.stringify(snippets));
    assert.ok(snippets.some((value) => value === '(${1:proc_name_values})'), JSON.stringify(snippets));
  });

  test('inline a macro everywhere: a resolved workspace edit across both files', async () => {
    const actions = await actionsAt(customUri, custom, 'spawned_process', ['refactor.inline']);
    const everywhere = actions.find((action) => action.title === 'Inline macro spawned_process everywhere and remove it');
    assert.ok(everywhere, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    const resolved = await client.request<Action>('codeAction/resolve', everywhere);
    assert.deepEqual(Object.keys(resolved.edit?.changes ?? {}).sort(), [baseUri, customUri].sort());
    assert.ok(resolved.edit!.changes![customUri]!.every((change) => change.newText === 'evt.type in (execve, execveat)'), JSON.stringify(resolved.edit!.changes![customUri]));
  });

  test('several diagnostics of one code: "fix all" merges their preferred fixes', async () => {
    const actions = await actionsAt(customUri, custom, 'evt.dir', ['quickfix']);
    const all = actions.find((action) => action.title.startsWith('Fix all deprecated-field problems in this file'));
    assert.ok(all, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(all.title, 'Fix all deprecated-field problems in this file (2)');
    assert.deepEqual(all.edit?.changes?.[customUri]?.map((change) => [change.range.start.line, change.newText]), [
      [10, ''],
      [15, ''],
    ]);
  });

  test('source.fixAll applies every unambiguous fix of the file', async () => {
    const position = positionOf(custom, '- rule: Miner');
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: customUri },
      range: { start: position, end: position },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((action) => [action.kind, action.title]), [['source.fixAll.falco', 'Fix 2 Falco problems with an unambiguous fix']]);
  });
});
