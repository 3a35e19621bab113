// Rules files embedded in other YAML files (Helm values `customRules`), through the built server over JSON-RPC:
// every request on the host file at a position inside an embedded block is answered by that embedded rules file,
// with positions, ranges, URIs and edits in the host file's terms; the internal URIs never reach the client.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import { positionOf, type LspClient } from '../helpers/lspClient';
import { allowlist, applyEdits, ask, at, codes, editor, editsByUri, endSession, localRules, messageOf, plainRules, rangeOf, startSession, INTERNAL, type Action, type Session } from '../helpers/embeddedSession';

describe('embedded rules: the allow-list values file', () => {
  let session: Session;
  let client: LspClient;
  let valuesUri: string;
  let localUri: string;
  let plainUri: string;
  let initialDiagnostics: Diagnostic[];

  before(async () => {
    session = await startSession({ 'values.yaml': allowlist, 'falco_rules.local.yaml': localRules, 'rules/plain_rules.yaml': plainRules });
    client = session.client;
    valuesUri = session.workspace.uri('values.yaml');
    localUri = session.workspace.uri('falco_rules.local.yaml');
    plainUri = session.workspace.uri('rules/plain_rules.yaml');
    const mark = client.mark();
    await client.open(valuesUri, allowlist);
    initialDiagnostics = await client.waitForDiagnostics(valuesUri, undefined, { since: mark });
  });

  after(() => endSession(session));

  test('diagnostics go to the values file: only the upstream note, on the first upstream name used', () => {
    assert.deepEqual(codes(initialDiagnostics), ['upstream-rules-not-found'], JSON.stringify(initialDiagnostics));
    const note = initialDiagnostics[0]!;
    assert.equal(note.severity, 3); // information
    assert.deepEqual(note.range, rangeOf(allowlist, 'spawned_process'));
    // open_write comes from the workspace's falco_rules.local.yaml; the other two names are assumed upstream.
    assert.match(messageOf(note), /`spawned_process`, `container`\)/);
    assert.doesNotMatch(messageOf(note), /open_write/);
    const published = client.received<{ uri: string }>('textDocument/publishDiagnostics').map((params) => params.uri);
    assert.ok(published.includes(valuesUri));
    assert.ok(published.every((uri) => !uri.includes(INTERNAL)), published.join('\n'));
  });

  test('hover on a macro used inside the block describes the macro of the other embedded file', async () => {
    const hover = await ask<{ contents: { kind: string; value: string }; range: Range }>(client, 'textDocument/hover', at(valuesUri, positionOf(allowlist, 'allowed_images', 3, 0)));
    assert.deepEqual(hover.range, rangeOf(allowlist, 'allowed_images', 0));
    assert.equal(hover.contents.value.split('\n')[0], '**macro** `allowed_images`');
    assert.match(hover.contents.value, /container\.image\.repository in \(docker\.io\/library\/debian, registry\.example\.com\/tools\)/);
    const definitionLine = positionOf(allowlist, '- macro: allowed_images').line + 1;
    assert.match(hover.contents.value, new RegExp(`defined in \`values\\.yaml › aa-allowlist-macros\\.yaml:${definitionLine}\``));
  });

  test('hover on a customRules key shows where Falco loads the file', async () => {
    const zz = await ask<{ contents: { value: string }; range: Range }>(client, 'textDocument/hover', at(valuesUri, positionOf(allowlist, 'zz-allowlist-rules.yaml', 4)));
    assert.deepEqual(zz.range, rangeOf(allowlist, 'zz-allowlist-rules.yaml'));
    // falco_rules.yaml (assumed), falco_rules.local.yaml, aa-…, zz-…, plain_rules.yaml.
    assert.match(zz.contents.value, /Deployed as `\/etc\/falco\/rules\.d\/zz-allowlist-rules\.yaml`; Falco loads it 4th of 5\./);
    const aa = await ask<{ contents: { value: string } }>(client, 'textDocument/hover', at(valuesUri, positionOf(allowlist, 'aa-allowlist-macros.yaml', 1)));
    assert.match(aa.contents.value, /Falco loads it 3rd of 5\./);
    assert.match(aa.contents.value, /\*\*values\.yaml › aa-allowlist-macros\.yaml\*\*/);
  });

  test('definition: from one embedded file to the other (same host URI) and to a plain rules file', async () => {
    const toMacro = await ask(client, 'textDocument/definition', at(valuesUri, positionOf(allowlist, 'allowed_images', 2, 0)));
    const macroItem = positionOf(allowlist, '- macro: allowed_images', 2);
    assert.deepEqual(toMacro, [
      {
        targetUri: valuesUri,
        // The item runs from its `macro:` key to the end of its last line.
        targetRange: { start: macroItem, end: { line: positionOf(allowlist, 'condition: container.image').line + 1, character: 0 } },
        targetSelectionRange: rangeOf(allowlist, 'allowed_images', 1),
      },
    ]);
    const toList = await ask<{ targetUri: string; targetSelectionRange: Range }[]>(client, 'textDocument/definition', at(valuesUri, positionOf(allowlist, 'allowed_cron_writers', 1)));
    assert.deepEqual(toList.map((link) => [link.targetUri, link.targetSelectionRange]), [[valuesUri, rangeOf(allowlist, 'allowed_cron_writers', 1)]]);
    const toLocal = await ask<{ targetUri: string; targetSelectionRange: Range }[]>(client, 'textDocument/definition', at(valuesUri, positionOf(allowlist, 'open_write', 1)));
    assert.deepEqual(toLocal.map((link) => [link.targetUri, link.targetSelectionRange]), [[localUri, rangeOf(localRules, 'open_write')]]);
    // And back: from the plain file to the embedded definition.
    const fromPlain = await ask<{ targetUri: string; targetSelectionRange: Range }[]>(client, 'textDocument/definition', at(plainUri, positionOf(plainRules, 'allowed_images', 1)));
    assert.deepEqual(fromPlain.map((link) => [link.targetUri, link.targetSelectionRange]), [[valuesUri, rangeOf(allowlist, 'allowed_images', 1)]]);
  });

  test('references of an embedded macro: its definition, the use in the other embedded file and the plain file', async () => {
    const references = await ask(client, 'textDocument/references', { ...at(valuesUri, positionOf(allowlist, 'allowed_images', 0, 1)), context: { includeDeclaration: true } });
    assert.deepEqual(references, [
      { uri: valuesUri, range: rangeOf(allowlist, 'allowed_images', 1) },
      { uri: valuesUri, range: rangeOf(allowlist, 'allowed_images', 0) },
      { uri: plainUri, range: rangeOf(plainRules, 'allowed_images') },
    ]);
    const withoutDeclaration = await ask(client, 'textDocument/references', { ...at(plainUri, positionOf(plainRules, 'allowed_images')), context: { includeDeclaration: false } });
    assert.deepEqual(withoutDeclaration, [
      { uri: valuesUri, range: rangeOf(allowlist, 'allowed_images', 0) },
      { uri: plainUri, range: rangeOf(plainRules, 'allowed_images') },
    ]);
  });

  test('rename of an embedded macro: one workspace edit with exact ranges in the host and the plain file', async () => {
    const position = positionOf(allowlist, 'allowed_images', 5, 0);
    const prepared = await ask(client, 'textDocument/prepareRename', at(valuesUri, position));
    assert.deepEqual(prepared, { range: rangeOf(allowlist, 'allowed_images', 0), placeholder: 'allowed_images' });
    const edit = await ask<Action['edit']>(client, 'textDocument/rename', { ...at(valuesUri, position), newName: 'trusted_images' });
    const changes = editsByUri(edit);
    assert.deepEqual(Object.keys(changes).sort(), [plainUri, valuesUri].sort());
    assert.deepEqual(
      [...changes[valuesUri]!].sort((a, b) => a.range.start.line - b.range.start.line),
      [
        { range: rangeOf(allowlist, 'allowed_images', 0), newText: 'trusted_images' },
        { range: rangeOf(allowlist, 'allowed_images', 1), newText: 'trusted_images' },
      ],
    );
    assert.deepEqual(changes[plainUri], [{ range: rangeOf(plainRules, 'allowed_images'), newText: 'trusted_images' }]);
    assert.equal(applyEdits(allowlist, changes[valuesUri]!), allowlist.replaceAll('allowed_images', 'trusted_images'));
  });

  test('documentSymbol: one File symbol per embedded file, its items as children', async () => {
    const symbols = await ask<{ name: string; detail: string; kind: number; range: Range; selectionRange: Range; children: { name: string; kind: number; selectionRange: Range }[] }[]>(
      client,
      'textDocument/documentSymbol',
      { textDocument: { uri: valuesUri } },
    );
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.detail, symbol.kind, symbol.selectionRange]),
      [
        ['zz-allowlist-rules.yaml', 'Helm customRules', 1, rangeOf(allowlist, 'zz-allowlist-rules.yaml')],
        ['aa-allowlist-macros.yaml', 'Helm customRules', 1, rangeOf(allowlist, 'aa-allowlist-macros.yaml')],
      ],
    );
    // Each file's range runs from its key to the start of the next key (or of the line after its block).
    assert.deepEqual(symbols[0]!.range, { start: positionOf(allowlist, 'zz-allowlist-rules.yaml'), end: positionOf(allowlist, '  aa-allowlist-macros.yaml') });
    assert.deepEqual(symbols[1]!.range, { start: positionOf(allowlist, 'aa-allowlist-macros.yaml'), end: positionOf(allowlist, 'extraVolumes') });
    assert.deepEqual(
      symbols.map((symbol) => symbol.children.map((child) => [child.name, child.kind, child.selectionRange])),
      [
        [
          ['Shell in allow-listed container', 24, rangeOf(allowlist, 'Shell in allow-listed container')],
          ['Unexpected crontab writer', 24, rangeOf(allowlist, 'Unexpected crontab writer')],
        ],
        [
          ['allowed_shells', 18, rangeOf(allowlist, 'allowed_shells', 1)],
          ['allowed_cron_writers', 18, rangeOf(allowlist, 'allowed_cron_writers', 1)],
          ['allowed_images', 12, rangeOf(allowlist, 'allowed_images', 1)],
        ],
      ],
    );
  });

  test('an edit inside one block updates the diagnostics of the other block and of the plain file that use it', async () => {
    const mark = client.mark();
    const definition = rangeOf(allowlist, 'allowed_images', 1);
    await client.change(valuesUri, undefined, [{ range: { start: { ...definition.end, character: definition.end.character - 1 }, end: definition.end }, text: 'z' }]);
    const hostDiagnostics = await client.waitForDiagnostics(valuesUri, (diagnostics) => codes(diagnostics).includes('undefined-macro'), { since: mark });
    const undefinedUse = hostDiagnostics.filter((diagnostic) => diagnostic.code === 'undefined-macro');
    assert.deepEqual(undefinedUse.map((diagnostic) => [diagnostic.severity, diagnostic.range]), [[1, rangeOf(allowlist, 'allowed_images', 0)]], JSON.stringify(hostDiagnostics));
    assert.match(messageOf(undefinedUse[0]!), /allowed_images/);
    const plainDiagnostics = await client.waitForDiagnostics(plainUri, (diagnostics) => codes(diagnostics).includes('undefined-macro'), { since: mark });
    assert.deepEqual(plainDiagnostics.filter((diagnostic) => diagnostic.code === 'undefined-macro').map((diagnostic) => diagnostic.range), [rangeOf(plainRules, 'allowed_images')]);
  });

  test('closing the host file goes back to its text on disk; deleting it clears its diagnostics', async () => {
    let mark = client.mark();
    await client.close(valuesUri);
    const reverted = await client.waitForDiagnostics(valuesUri, undefined, { since: mark });
    assert.deepEqual(codes(reverted), ['upstream-rules-not-found']);
    await client.waitForDiagnostics(plainUri, (diagnostics) => !codes(diagnostics).includes('undefined-macro'), { since: mark });
    mark = client.mark();
    session.workspace.remove('values.yaml');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: valuesUri, type: 3 }] });
    assert.deepEqual(await client.waitForDiagnostics(valuesUri, undefined, { since: mark }), []);
    // The plain file lost the definition it used.
    const plain = await client.waitForDiagnostics(plainUri, (diagnostics) => codes(diagnostics).includes('undefined-macro'), { since: mark });
    assert.deepEqual(plain.filter((diagnostic) => diagnostic.code === 'undefined-macro').map((diagnostic) => diagnostic.range), [rangeOf(plainRules, 'allowed_images')]);
  });
});

describe('embedded rules: mistakes and refactorings inside a block', () => {
  let session: Session;
  let client: LspClient;
  let valuesUri: string;
  let initialDiagnostics: Diagnostic[];

  before(async () => {
    session = await startSession({ 'values.yaml': editor });
    client = session.client;
    valuesUri = session.workspace.uri('values.yaml');
    const mark = client.mark();
    await client.open(valuesUri, editor);
    initialDiagnostics = await client.waitForDiagnostics(valuesUri, undefined, { since: mark });
  });

  after(() => endSession(session));

  test('an unknown field inside the block: the diagnostic covers exactly the field in the values file', () => {
    assert.deepEqual(
      initialDiagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]),
      [
        ['upstream-rules-not-found', 3, rangeOf(editor, 'open_write')],
        ['unknown-field', 1, rangeOf(editor, 'proc.nmae')],
      ],
    );
    assert.match(messageOf(initialDiagnostics[1]!), /Did you mean `proc\.name`\?/);
    // No undefined-macro error for the upstream macros the file uses.
    assert.match(messageOf(initialDiagnostics[0]!), /\(`open_write`, `spawned_process`, `container`\)/);
  });

  test('quick fix inside the block: "Change to \'proc.name\'" edits the values file', async () => {
    const position = positionOf(editor, 'proc.nmae', 6);
    const actions = await ask<Action[]>(client, 'textDocument/codeAction', { textDocument: { uri: valuesUri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['quickfix'] } });
    const change = actions.find((action) => action.title === "Change to 'proc.name'");
    assert.ok(change, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.deepEqual(change.diagnostics?.map((diagnostic) => [diagnostic.code, diagnostic.range]), [['unknown-field', rangeOf(editor, 'proc.nmae')]]);
    assert.deepEqual(editsByUri(change.edit), { [valuesUri]: [{ range: rangeOf(editor, 'proc.nmae'), newText: 'proc.name' }] });
  });

  test('completion after `proc.` inside the block: fields, with the edit range in host coordinates', async () => {
    const cursor = positionOf(editor, 'proc.name in', 'proc.'.length);
    const list = await ask<{ itemDefaults?: { editRange?: Range }; items: { label: string; detail?: string; textEdit?: { range: Range } }[] }>(client, 'textDocument/completion', at(valuesUri, cursor));
    const name = list.items.find((item) => item.label === 'proc.name');
    assert.ok(name, `${list.items.length} items, no proc.name`);
    assert.equal(name.detail, 'string');
    assert.ok(list.items.some((item) => item.label === 'proc.pname'));
    assert.deepEqual(list.itemDefaults?.editRange ?? name.textEdit?.range, { start: positionOf(editor, 'proc.name in'), end: cursor });
    // Outside every block (a plain key of the values file) there is nothing to complete.
    assert.equal(await ask(client, 'textDocument/completion', at(valuesUri, positionOf(editor, 'rules_files', 3))), null);
  });

  test('hover on a `falco.rules_files` entry of the values file lists the files it loads', async () => {
    const rulesDirectory = await ask<{ contents: { value: string }; range: Range }>(client, 'textDocument/hover', at(valuesUri, positionOf(editor, '/etc/falco/rules.d', 3)));
    assert.deepEqual(rulesDirectory.range, rangeOf(editor, '/etc/falco/rules.d'));
    assert.equal(
      rulesDirectory.contents.value,
      [
        '**rules_files** entry `/etc/falco/rules.d`',
        '',
        'Loads 1 rules file of the workspace:',
        '',
        '1. falco_rules.yaml (upstream, not in the workspace: assumed loaded)',
        '2. **values.yaml › editor-rules.yaml** — `/etc/falco/rules.d/editor-rules.yaml`',
      ].join('\n'),
    );
    const upstream = await ask<{ contents: { value: string }; range: Range }>(client, 'textDocument/hover', at(valuesUri, positionOf(editor, '/etc/falco/falco_rules.yaml', 3)));
    assert.deepEqual(upstream.range, rangeOf(editor, '/etc/falco/falco_rules.yaml'));
    assert.match(upstream.contents.value, /Upstream rules file not found in the workspace/);
  });

  test('"Extract values into a new list" inside the block: resolved edits keep the block indentation and valid YAML', async () => {
    const position = positionOf(editor, 'vi, nano', 1);
    const actions = await ask<Action[]>(client, 'textDocument/codeAction', { textDocument: { uri: valuesUri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['refactor'] } });
    const extract = actions.find((action) => action.title === 'Extract values into a new list');
    assert.ok(extract, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(extract.edit, undefined);
    const resolved = await ask<Action>(client, 'codeAction/resolve', extract);
    const changes = editsByUri(resolved.edit);
    assert.deepEqual(Object.keys(changes), [valuesUri]);
    const edited = applyEdits(editor, changes[valuesUri]!);
    // Every line the edit adds (or changes) carries at least the block's indentation (4 spaces).
    const before = new Set(editor.split('\n'));
    const added = edited.split('\n').filter((line) => !before.has(line) && line.trim() !== '');
    assert.deepEqual(added, ['    - list: proc_name_values', '      items: [vi, nano]', '      condition: spawned_process and container and proc.name in (proc_name_values)']);
    // Read back as YAML, the entry holds the rules file with the new list before the rule that uses it.
    const original = (parse(editor) as { customRules: Record<string, string> }).customRules['editor-rules.yaml']!;
    const expected = original
      .replace('- rule: Editor started in container', '- list: proc_name_values\n  items: [vi, nano]\n\n- rule: Editor started in container')
      .replace('(vi, nano)', '(proc_name_values)');
    assert.equal((parse(edited) as { customRules: Record<string, string> }).customRules['editor-rules.yaml'], expected);
    // And the server accepts the edited text without new problems.
    const mark = client.mark();
    await client.change(valuesUri, undefined, [{ text: edited }]);
    const diagnostics = await client.waitForDiagnostics(valuesUri, undefined, { since: mark });
    assert.deepEqual(codes(diagnostics), ['upstream-rules-not-found', 'unknown-field']);
  });
});

