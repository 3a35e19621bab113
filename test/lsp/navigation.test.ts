import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, TempWorkspace, positionOf } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

const base = dedent(`
  - list: shell_binaries
    items: [bash, sh, zsh]
  - macro: spawned_process
    condition: evt.type in (execve, execveat)
  - macro: container
    condition: container.id != host
  - rule: Base shell
    desc: a shell in a container
    condition: spawned_process and container and proc.name in (shell_binaries)
    output: "shell %proc.name"
    priority: WARNING
`);

const custom = dedent(`
  - rule: Custom shell
    desc: custom
    condition: >
      spawned_process and
      proc.name in (shell_binaries)
    output: "custom %proc.name"
    priority: NOTICE
    exceptions:
      - name: known_parents
        fields: [proc.pname]
        values: [[shell_binaries]]
      - name: known_users
        fields: [user.name]
        comps: [=]
        values: [[root]]
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

const at = (uri: string, position: { line: number; character: number }) => ({ textDocument: { uri }, position });
const range = (line: number, start: number, endLine: number, end: number) => ({ start: { line, character: start }, end: { line: endLine, character: end } });
/** The text a single-line range covers in one of the two fixture files. */
const textOf = (uri: string, r: ReturnType<typeof range>): string => (uri === baseUri ? base : custom).split('\n')[r.start.line]!.slice(r.start.character, r.end.character);

describe('navigation through the server', () => {
  test('definition: a macro inside a folded `>` condition goes to the `- macro:` item of the other file', async () => {
    // Line 3 of custom_rules.yaml is the first line of the folded condition; the cursor is inside the name.
    const cursor = positionOf(custom, 'spawned_process and', 3);
    assert.deepEqual(cursor, { line: 3, character: 7 });
    const links = await client.request<{ targetUri: string; targetSelectionRange: ReturnType<typeof range> }[]>('textDocument/definition', at(customUri, cursor));
    assert.deepEqual(links, [{ targetUri: baseUri, targetRange: range(2, 2, 4, 0), targetSelectionRange: range(2, 9, 2, 24) }]);
    assert.equal(textOf(baseUri, links[0]!.targetSelectionRange), 'spawned_process');
    // From the override item, definition goes to the definition it modifies.
    const fromOverride = await client.request('textDocument/definition', at(customUri, positionOf(custom, 'spawned_process\n', 1)));
    assert.deepEqual(fromOverride, [{ targetUri: baseUri, targetRange: range(2, 2, 4, 0), targetSelectionRange: range(2, 9, 2, 24) }]);
  });

  test('references across files include the override item and the uses in both files', async () => {
    const macroReferences = await client.request<{ uri: string; range: ReturnType<typeof range> }[]>('textDocument/references', {
      ...at(baseUri, positionOf(base, 'spawned_process', 2)),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(macroReferences, [
      { uri: baseUri, range: range(2, 9, 2, 24) }, // the definition
      { uri: customUri, range: range(15, 9, 15, 24) }, // the override (append) item
      { uri: baseUri, range: range(8, 13, 8, 28) }, // use in Base shell
      { uri: customUri, range: range(3, 4, 3, 19) }, // use in the folded condition of Custom shell
    ]);
    assert.ok(macroReferences.every((reference) => textOf(reference.uri, reference.range) === 'spawned_process'));
    const withoutDeclaration = await client.request('textDocument/references', { ...at(customUri, positionOf(custom, 'spawned_process', 3)), context: { includeDeclaration: false } });
    assert.deepEqual(withoutDeclaration, macroReferences.slice(1));

    // A list: uses in conditions and in exception values.
    const listReferences = await client.request<{ uri: string; range: ReturnType<typeof range> }[]>('textDocument/references', {
      ...at(customUri, positionOf(custom, 'shell_binaries]]', 2)),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(listReferences, [
      { uri: baseUri, range: range(0, 8, 0, 22) },
      { uri: baseUri, range: range(8, 61, 8, 75) },
      { uri: customUri, range: range(4, 18, 4, 32) },
      { uri: customUri, range: range(10, 16, 10, 30) },
    ]);
    assert.ok(listReferences.every((reference) => textOf(reference.uri, reference.range) === 'shell_binaries'));
  });

  test('hover on a macro shows its effective condition and the items that define and modify it', async () => {
    const hover = await client.hover(customUri, positionOf(custom, 'spawned_process and', 3));
    assert.deepEqual(hover, {
      contents: {
        kind: 'markdown',
        value: [
          '**macro** `spawned_process`',
          '',
          '```',
          'evt.type in (execve, execveat) and proc.pid > 0',
          '```',
          '',
          'In load order:',
          '',
          '- defined in `rules/base_rules.yaml:3`',
          '- append in `rules/custom_rules.yaml:16`: `and proc.pid > 0`',
        ].join('\n'),
      },
      range: range(3, 4, 3, 19),
    });
  });

  test('hover on a field shows its type', async () => {
    const hover = await client.hover(customUri, positionOf(custom, 'proc.name in', 3));
    assert.deepEqual(hover?.range, range(4, 4, 4, 13));
    assert.equal(hover?.contents.kind, 'markdown');
    assert.equal(hover?.contents.value.split('\n')[0], '**field** `proc.name` — `string`');
    const pid = await client.hover(customUri, positionOf(custom, 'proc.pid', 2));
    assert.equal(pid?.contents.value.split('\n')[0], '**field** `proc.pid` — `int64`');
    // Nothing to say about a plain word of the description.
    assert.equal(await client.hover(customUri, positionOf(custom, 'custom\n', 1)), null);
  });

  test('documentSymbol: rules, macros and lists with exceptions nested under their rule', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: customUri } });
    assert.deepEqual(symbols, [
      {
        name: 'Custom shell',
        detail: 'NOTICE',
        kind: 24, // Event
        range: range(0, 2, 15, 0),
        selectionRange: range(0, 8, 0, 20),
        children: [
          { name: 'known_parents', detail: 'exception', kind: 20 /* Key */, range: range(8, 6, 11, 0), selectionRange: range(8, 12, 8, 25), children: [] },
          { name: 'known_users', detail: 'exception', kind: 20, range: range(11, 6, 15, 0), selectionRange: range(11, 12, 11, 23), children: [] },
        ],
      },
      { name: 'spawned_process', detail: 'override', kind: 12 /* Function */, range: range(15, 2, 19, 0), selectionRange: range(15, 9, 15, 24), children: [] },
    ]);
  });

  test('workspace/symbol matches names across the workspace in load order', async () => {
    const symbols = await client.request('workspace/symbol', { query: 'shell' });
    assert.deepEqual(symbols, [
      { name: 'shell_binaries', kind: 18 /* Array */, containerName: 'list', location: { uri: baseUri, range: range(0, 8, 0, 22) } },
      { name: 'Base shell', kind: 24, containerName: 'rule', location: { uri: baseUri, range: range(6, 8, 6, 18) } },
      { name: 'Custom shell', kind: 24, containerName: 'rule', location: { uri: customUri, range: range(0, 8, 0, 20) } },
    ]);
    const macros = await client.request<{ name: string; containerName: string; location: { uri: string } }[]>('workspace/symbol', { query: 'spawned' });
    assert.deepEqual(
      macros.map((symbol) => [symbol.name, symbol.containerName, symbol.location.uri]),
      [
        ['spawned_process', 'macro', baseUri],
        ['spawned_process', 'macro (append)', customUri],
      ],
    );
    assert.deepEqual(await client.request('workspace/symbol', { query: 'no such name' }), []);
  });
});
