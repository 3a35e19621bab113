// Embedded rules through the real server, part 2: the indentation pitfall and its fixes, the load order setting,
// and the upstream falco_rules.yaml found in the search path. Part 1 is embedded.test.ts.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import { positionOf, toUri } from '../helpers/lspClient';
import { sharedMissing } from '../helpers/shared';
import { allowlist, applyEdits, ask, at, codes, editsByUri, endSession, messageOf, pitfall, rangeOf, startSession, upstreamRules, type Action, type Session } from '../helpers/embeddedSession';

describe('embedded rules: the indentation pitfall', () => {
  let session: Session;

  before(async () => {
    session = await startSession({ 'values.yaml': pitfall });
  });

  after(() => endSession(session));

  test('embedded-rules-indentation on the first line of each mis-indented run; applying the fixes clears them', async () => {
    const { client } = session;
    const uri = session.workspace.uri('values.yaml');
    let mark = client.mark();
    await client.open(uri, pitfall);
    const diagnostics = await client.waitForDiagnostics(uri, undefined, { since: mark });
    const indentation = diagnostics.filter((diagnostic) => diagnostic.code === 'embedded-rules-indentation');
    assert.deepEqual(
      indentation.map((diagnostic) => [diagnostic.severity, diagnostic.range]),
      [
        [1, rangeOf(pitfall, '- rule: Shell started')],
        [1, rangeOf(pitfall, '- list: package_managers')],
      ],
    );
    assert.match(messageOf(indentation[0]!), /Indent these 5 lines by 2 more spaces\./);
    assert.match(messageOf(indentation[1]!), /\(6 spaces\).*Indent these 2 lines by 2 more spaces\./);

    // The preferred quick fix of the first problem indents its five lines; after the change it is gone.
    const position = indentation[0]!.range.start;
    const actions = await ask<(Action & { isPreferred?: boolean })[]>(client, 'textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['quickfix'] } });
    const fix = actions.find((action) => action.title === "Indent the rules of 'my-rules.yaml' by 2 spaces");
    assert.ok(fix, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    const first = positionOf(pitfall, '  - rule: Shell started').line;
    assert.deepEqual(editsByUri(fix.edit), {
      [uri]: [0, 1, 2, 3, 4].map((line) => ({ range: { start: { line: first + line, character: 0 }, end: { line: first + line, character: 0 } }, newText: '  ' })),
    });
    const fixed = applyEdits(pitfall, editsByUri(fix.edit)[uri]!);
    mark = client.mark();
    await client.change(uri, undefined, [{ text: fixed }]);
    const afterFirst = await client.waitForDiagnostics(uri, undefined, { since: mark });
    assert.deepEqual(
      afterFirst.filter((diagnostic) => diagnostic.code === 'embedded-rules-indentation').map((diagnostic) => diagnostic.range),
      [rangeOf(fixed, '- list: package_managers')],
    );
    // my-rules.yaml is now a real embedded file: hovering its key tells where Falco loads it.
    const hover = await ask<{ contents: { value: string } }>(client, 'textDocument/hover', at(uri, positionOf(fixed, 'my-rules.yaml', 1)));
    assert.match(hover.contents.value, /Deployed as `\/etc\/falco\/rules\.d\/my-rules\.yaml`/);

    // The second run: its fix applied through the code action at its diagnostic.
    const second = afterFirst.find((diagnostic) => diagnostic.code === 'embedded-rules-indentation')!;
    const secondActions = await ask<Action[]>(client, 'textDocument/codeAction', { textDocument: { uri }, range: second.range, context: { diagnostics: [second], only: ['quickfix'] } });
    const secondFix = secondActions.find((action) => action.title === "Indent the rules of 'other-rules.yaml' by 2 spaces");
    assert.ok(secondFix, `offered: ${secondActions.map((action) => action.title).join(' | ')}`);
    const fixedTwice = applyEdits(fixed, editsByUri(secondFix.edit)[uri]!);
    assert.equal((parse(fixedTwice) as { customRules: Record<string, string> }).customRules['other-rules.yaml']!.split('\n').slice(-2).join('\n'), '- list: package_managers\n  items: [apt, yum]');
    mark = client.mark();
    await client.change(uri, undefined, [{ text: fixedTwice }]);
    const afterSecond = await client.waitForDiagnostics(uri, undefined, { since: mark });
    assert.deepEqual(afterSecond.filter((diagnostic) => diagnostic.code === 'embedded-rules-indentation'), []);
  });
});

describe('embedded rules: the load order setting', () => {
  let session: Session;
  let valuesUri: string;
  const reversed = ['/etc/falco/falco_rules.yaml', '/etc/falco/rules.d/zz-allowlist-rules.yaml', '/etc/falco/rules.d/aa-allowlist-macros.yaml'];

  before(async () => {
    session = await startSession({ 'values.yaml': allowlist });
    valuesUri = session.workspace.uri('values.yaml');
    const mark = session.client.mark();
    await session.client.open(valuesUri, allowlist);
    await session.client.waitForDiagnostics(valuesUri, undefined, { since: mark });
  });

  after(() => endSession(session));

  const configure = (loadOrder: string[]) =>
    session.client.notify('workspace/didChangeConfiguration', { settings: { falco: { rulesFiles: { upstreamSearchPaths: [session.upstreamDirectory], loadOrder } } } });

  test('loading zz-allowlist-rules.yaml before aa-allowlist-macros.yaml makes its uses of their names problems', async () => {
    const { client } = session;
    let mark = client.mark();
    await configure(reversed);
    const diagnostics = await client.waitForDiagnostics(valuesUri, (found) => codes(found).includes('undefined-macro'), { since: mark });
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]),
      [
        ['upstream-rules-not-found', 3, rangeOf(allowlist, 'spawned_process')],
        ['undefined-list', 2, rangeOf(allowlist, 'allowed_shells')],
        ['undefined-macro', 1, rangeOf(allowlist, 'allowed_images')],
        ['undefined-list', 2, rangeOf(allowlist, 'allowed_cron_writers')],
      ],
    );
    const macro = diagnostics.find((diagnostic) => diagnostic.code === 'undefined-macro')!;
    assert.match(messageOf(macro), /defined in `values\.yaml › aa-allowlist-macros\.yaml`, which Falco loads after this file/);
    assert.deepEqual(macro.relatedInformation, [{ location: { uri: valuesUri, range: rangeOf(allowlist, 'allowed_images', 1) }, message: "macro 'allowed_images' is defined here" }]);
    const hover = await ask<{ contents: { value: string } }>(client, 'textDocument/hover', at(valuesUri, positionOf(allowlist, 'zz-allowlist-rules.yaml', 1)));
    assert.match(hover.contents.value, /Falco loads it 2nd of 3\./);

    // Back to the default order: only the upstream note remains.
    mark = client.mark();
    await configure([]);
    const restored = await client.waitForDiagnostics(valuesUri, (found) => !codes(found).includes('undefined-macro'), { since: mark });
    assert.deepEqual(codes(restored), ['upstream-rules-not-found']);
  });
});

describe('embedded rules: with the upstream falco_rules.yaml in the search path', { skip: sharedMissing }, () => {
  let session: Session;
  let valuesUri: string;
  let upstreamUri: string;
  let initialDiagnostics: Diagnostic[];

  before(async () => {
    assert.ok(existsSync(upstreamRules), `missing ${upstreamRules}`);
    session = await startSession({ 'values.yaml': allowlist }, {}, [upstreamRules]);
    valuesUri = session.workspace.uri('values.yaml');
    upstreamUri = toUri(join(session.upstreamDirectory, 'falco_rules.yaml'));
    const mark = session.client.mark();
    await session.client.open(valuesUri, allowlist);
    initialDiagnostics = await session.client.waitForDiagnostics(valuesUri, undefined, { since: mark });
  });

  after(() => endSession(session));

  test('the upstream note is gone and the upstream macros resolve to the upstream file', async () => {
    assert.deepEqual(initialDiagnostics, []);
    const links = await ask<{ targetUri: string; targetSelectionRange: Range }[]>(session.client, 'textDocument/definition', at(valuesUri, positionOf(allowlist, 'spawned_process', 3)));
    const upstreamText = readFileSync(upstreamRules, 'utf8');
    const name = positionOf(upstreamText, '- macro: spawned_process\n', '- macro: '.length);
    assert.deepEqual(links.map((link) => [link.targetUri, link.targetSelectionRange]), [[upstreamUri, { start: name, end: { ...name, character: name.character + 'spawned_process'.length } }]]);
    // Files read from outside the workspace get no diagnostics of their own.
    assert.deepEqual(session.client.diagnosticsFor(upstreamUri), []);
  });

  test('a typo of an upstream macro inside the block becomes an undefined-macro error with a suggestion', async () => {
    const { client } = session;
    const use = rangeOf(allowlist, 'spawned_process');
    const mark = client.mark();
    await client.change(valuesUri, undefined, [{ range: { start: { ...use.end, character: use.end.character - 1 }, end: use.end }, text: '' }]);
    const diagnostics = await client.waitForDiagnostics(valuesUri, (found) => found.length > 0, { since: mark });
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]), [['undefined-macro', 1, { start: use.start, end: { ...use.end, character: use.end.character - 1 } }]]);
    assert.match(messageOf(diagnostics[0]!), /Did you mean `spawned_process`\?/);
  });
});
