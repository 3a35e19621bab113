/**
 * Applies code actions to fixture files: finds the action with a title at the first `<|>` cursor or `<|`…`|>`
 * selection, applies its edits (plain or snippet, in one or several files), and re-checks the result in a fresh
 * workspace: the diagnostic it fixed is gone and nothing new appeared.
 */
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { snippetToPlain } from '../../server/src/features/codeActions';
import type { CodeActionOptions } from '../../server/src/service/languageService';
import { LineIndex } from '../../server/src/service/lineIndex';
import { dedent } from './markers';
import { openFixture, type FixtureWorkspace } from './service';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.newText }));
  spans.sort((a, b) => b.start - a.start);
  for (let index = 1; index < spans.length; index++) assert.ok(spans[index].end <= spans[index - 1].start, 'edits overlap');
  let result = text;
  for (const span of spans) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return result;
}

/**
 * The text edits of a workspace edit per URI, from `changes` or `documentChanges`; snippet edits as their
 * snippet text (`snippets: 'keep'`) or as the plain text a client without snippets would insert.
 */
export function editsByUri(edit: WorkspaceEdit | undefined, snippets: 'keep' | 'plain' = 'plain'): Map<string, TextEdit[]> {
  const result = new Map<string, TextEdit[]>();
  const add = (uri: string, edits: TextEdit[]): void => {
    result.set(uri, [...(result.get(uri) ?? []), ...edits]);
  };
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) add(uri, edits);
  for (const change of edit?.documentChanges ?? []) {
    if (!('textDocument' in change)) continue;
    add(change.textDocument.uri, change.edits.map((entry) => {
      if ('snippet' in entry) return { range: entry.range, newText: snippets === 'keep' ? entry.snippet.value : snippetToPlain(entry.snippet.value) };
      return { range: entry.range, newText: entry.newText };
    }));
  }
  return result;
}

/** Opens a fixture: a bare file becomes `rules.yaml`; `#- path` headers give several files. */
function open(fixture: string): FixtureWorkspace {
  const text = dedent(`\n${fixture}`);
  return openFixture(text.startsWith('#- ') ? text : `#- rules.yaml\n${text}`);
}

/** The code actions offered at the first cursor (or selection) of the first fixture file, resolved. */
export function actionsAt(fixture: string, options: CodeActionOptions = {}): { actions: CodeAction[]; text: string; uri: string; workspace: FixtureWorkspace } {
  const workspace = open(fixture);
  const file = workspace.files[0];
  const lines = new LineIndex(file.text);
  const selection = file.cursors.length > 0 ? { start: file.cursors[0], end: file.cursors[0] } : file.ranges[0];
  assert.ok(selection, 'the fixture has no <|> cursor and no <| |> selection');
  const range = { start: lines.positionAt(selection.start), end: lines.positionAt(selection.end) };
  const actions = workspace.service.getCodeActions(file.uri, range, options).map((action) => (action.edit || action.disabled || action.command ? action : workspace.service.resolveCodeAction(action, options)));
  return { actions, text: file.text, uri: file.uri, workspace };
}

/** The action titled `title` at the cursor; fails listing what was offered. */
export function findAction(actions: readonly CodeAction[], title: string): CodeAction {
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action, `no action "${title}"; offered: ${actions.map((candidate) => candidate.title).join(' | ') || 'none'}`);
  return action;
}

/**
 * Applies the action titled `title` at the cursor and checks the result equals `expected` (the first file's
 * text; for several files, a fixture with `#- path` headers of every changed file). A quick fix must remove one
 * diagnostic of its code; no action may add a diagnostic.
 */
export function assertFix(fixture: string, title: string, expected: string, options: CodeActionOptions = {}): void {
  const { actions, workspace } = actionsAt(fixture, options);
  const action = findAction(actions, title);
  assert.equal(action.disabled, undefined, `"${title}" is disabled: ${action.disabled?.reason}`);
  const edits = editsByUri(action.edit);
  const before = new Map(workspace.files.map((file) => [file.uri, file.text]));
  const after = new Map(before);
  for (const [uri, fileEdits] of edits) {
    assert.ok(before.has(uri), `edit of a file outside the fixture: ${uri}`);
    after.set(uri, applyEdits(before.get(uri)!, fileEdits));
  }
  const expectedText = dedent(`\n${expected}`).replace(/^\n/, '');
  if (expectedText.startsWith('#- ')) {
    for (const part of expectedText.split(/^(?=#- )/m)) {
      const [header, ...body] = part.split('\n');
      const file = workspace.file(header.slice(3).trim());
      assert.equal(after.get(file.uri), body.join('\n'), `${header.slice(3)} after "${title}"`);
    }
  } else {
    assert.equal(after.get(workspace.files[0].uri), expectedText);
  }
  const diagnosticsBefore = diagnosticsOf(workspace, before);
  const diagnosticsAfter = diagnosticsOf(workspace, after);
  const code = action.diagnostics?.[0]?.code;
  if (code !== undefined) {
    const count = (list: string[]) => list.filter((entry) => entry.endsWith(` ${String(code)}`)).length;
    const fixedCount = title.startsWith('Fix all ') ? 0 : count(diagnosticsBefore) - 1;
    assert.equal(count(diagnosticsAfter), fixedCount, `${String(code)} is still reported: ${diagnosticsAfter.join(', ')}`);
  }
  for (const entry of diagnosticsAfter) {
    const codeOf = entry.split(' ')[1];
    assert.ok(diagnosticsBefore.some((other) => other.split(' ')[1] === codeOf && other.split(' ')[0] === entry.split(' ')[0]), `"${title}" introduced ${entry}; after: ${[...after.values()].join('\n---\n')}`);
  }
}

/** `path code` for every diagnostic of every file, checked in a fresh workspace. */
function diagnosticsOf(workspace: FixtureWorkspace, texts: Map<string, string>): string[] {
  const fixture = workspace.files.map((file) => `#- ${file.path.replace(/^\/workspace\//, '')}\n${texts.get(file.uri)}`).join('\n');
  const fresh = openFixture(fixture);
  return fresh.files.flatMap((file) => fresh.service.getDiagnostics(file.uri).map((diagnostic) => `${file.path.replace(/^\/workspace\//, '')} ${String(diagnostic.code)}`));
}
