// Completion, completion resolve and quick fixes through the real server over JSON-RPC.
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
    condition: spawned_process and proc.na
    output: "shell %proc.name"
    priority: NOTICE
    tags: [mitre_discovery, T1529]
`);

let client: LspClient;
let workspace: TempWorkspace;
let customUri: string;

before(async () => {
  workspace = new TempWorkspace({ 'rules/base_rules.yaml': base, 'rules/custom_rules.yaml': custom });
  customUri = workspace.uri('rules/custom_rules.yaml');
  client = LspClient.start();
  const init = await client.initialize([workspace.root]);
  assert.deepEqual((init.capabilities as { completionProvider?: unknown }).completionProvider, { triggerCharacters: ['.', '%', ' ', '(', ',', '[', '-'], resolveProvider: true });
  await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing);
  const mark = client.mark();
  await client.open(customUri, custom);
  await client.waitForDiagnostics(customUri, undefined, { since: mark });
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

interface Item {
  label: string;
  kind: number;
  data?: unknown;
  documentation?: { kind: string; value: string };
}

describe('completion over LSP', () => {
  test('fields in a condition share one edit range; documentation comes with resolve', async () => {
    const position = positionOf(custom, 'proc.na');
    const list = await client.request<{ isIncomplete: boolean; itemDefaults: { editRange: unknown }; items: Item[] }>('textDocument/completion', {
      textDocument: { uri: customUri },
      position: { line: position.line, character: position.character + 'proc.na'.length },
    });
    assert.equal(list.isIncomplete, false);
    assert.deepEqual(list.itemDefaults.editRange, { start: position, end: { line: position.line, character: position.character + 7 } });
    const name = list.items.find((item) => item.label === 'proc.name');
    assert.ok(name && name.kind === 5 && name.documentation === undefined);
    assert.ok(list.items.some((item) => item.label === 'spawned_process'), 'macros of the other file are offered');
    const resolved = await client.request<Item>('completionItem/resolve', name);
    assert.equal(resolved.documentation?.kind, 'markdown');
    assert.match(resolved.documentation!.value, /^\*\*field\*\* `proc\.name` — `string`\n\n.+\n\n- event sources: `syscall`\n/);
  });

  test('a quick fix adds the missing tactic tag', async () => {
    const position = positionOf(custom, 'T1529');
    const actions = await client.request<{ title: string; kind: string; isPreferred: boolean; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: customUri },
      range: { start: position, end: position },
      context: { diagnostics: [] },
    });
    assert.deepEqual(
      actions.map((action) => ({ title: action.title, kind: action.kind, isPreferred: action.isPreferred, edit: action.edit })),
      [
        {
          title: 'Add the tactic tag mitre_impact (Impact)',
          kind: 'quickfix',
          isPreferred: true,
          edit: { changes: { [customUri]: [{ range: { start: { line: 5, character: 31 }, end: { line: 5, character: 31 } }, newText: ', mitre_impact' }] } },
        },
      ],
    );
  });
});
