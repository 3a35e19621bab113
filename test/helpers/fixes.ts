/**
 * Applies quick fixes to fixture files: finds the code action with a title at a `<|>` cursor, applies its edits
 * to the text, and re-checks the result in a fresh workspace.
 */
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/service/lineIndex';
import { dedent } from './markers';
import { openFixture } from './service';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.newText }));
  spans.sort((a, b) => b.start - a.start);
  let result = text;
  for (const span of spans) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return result;
}

/** The code actions offered at the first cursor of a one-file fixture. */
export function actionsAt(fixture: string): { actions: CodeAction[]; text: string; uri: string } {
  const workspace = openFixture(dedent(`\n#- rules.yaml\n${fixture}`));
  const file = workspace.files[0];
  const position = workspace.cursor('rules.yaml', 0);
  return { actions: workspace.service.getCodeActions(file.uri, { start: position, end: position }), text: file.text, uri: file.uri };
}

/**
 * Applies the action titled `title` at the cursor and checks the result equals `expected`, that the diagnostic
 * it fixed is gone and that no new diagnostic appeared.
 */
export function assertFix(fixture: string, title: string, expected: string): void {
  const { actions, text, uri } = actionsAt(fixture);
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action, `no action "${title}"; offered: ${actions.map((candidate) => candidate.title).join(' | ') || 'none'}`);
  const edits = action.edit?.changes?.[uri] ?? [];
  const after = applyEdits(text, edits);
  assert.equal(after, dedent(`\n${expected}`).replace(/^\n/, ''));
  const before = diagnosticsOf(text);
  const fixed = diagnosticsOf(after);
  const code = action.diagnostics?.[0]?.code;
  assert.equal(fixed.filter((entry) => entry === code).length, before.filter((entry) => entry === code).length - 1, `${String(code)} is still reported`);
  for (const entry of fixed) assert.ok(before.includes(entry), `the fix introduced ${entry}`);
}

function diagnosticsOf(text: string): string[] {
  const workspace = openFixture(`#- rules.yaml\n${text}`);
  return workspace.service.getDiagnostics(workspace.files[0].uri).map((diagnostic) => String(diagnostic.code));
}
