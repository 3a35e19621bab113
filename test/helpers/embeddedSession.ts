/**
 * Shared pieces of the LSP tests of embedded rules (test/lsp/embedded*.test.ts): fixtures, sessions of the built
 * server whose upstream search path is a temp folder, requests checked for internal URIs, edit application.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { editsByUri as sharedEditsByUri } from './fixes';
export { applyEdits } from './fixes';
import { LspClient, TempWorkspace, positionOf } from './lspClient';
import { dedent } from './markers';
import { corpusRoot, repoRoot } from './shared';
export const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'embedded', name), 'utf8');
export const allowlist = fixture('values-allowlist.yaml');
export const editor = fixture('values-editor.yaml');
export const pitfall = fixture('values-pitfall.yaml');
export const upstreamRules = join(corpusRoot, 'falcosecurity-rules@falco-rules-5.1.0', 'rules', 'falco_rules.yaml');
export const INTERNAL = '#falco-embedded=';

/** A workspace file loaded before `rules.d` (it stands for /etc/falco/falco_rules.local.yaml) defining one macro. */
export const localRules = dedent(`
  - macro: open_write
    condition: evt.type in (open, openat, openat2) and fd.typechar = f
`);
/** A plain rules file loaded after the embedded ones, using a macro of aa-allowlist-macros.yaml. */
export const plainRules = dedent(`
  - rule: Plain debian image
    desc: d
    condition: spawned_process and allowed_images
    output: "plain %proc.name"
    priority: NOTICE
`);

export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Action {
  title: string;
  kind?: string;
  data?: unknown;
  diagnostics?: Diagnostic[];
  edit?: {
    changes?: Record<string, TextEdit[]>;
    documentChanges?: { textDocument: { uri: string; version: number | null }; edits: (TextEdit | { range: Range; snippet: { kind: string; value: string } })[] }[];
  };
}

/** The range of the `occurrence`-th `needle` in `text` (or of `length` characters from its start). */
export function rangeOf(text: string, needle: string, occurrence = 0, length = needle.length): Range {
  return { start: positionOf(text, needle, 0, occurrence), end: positionOf(text, needle, length, occurrence) };
}

/** The edits of a code action or workspace edit per URI (snippets as their plain text), as a record. */
export function editsByUri(edit: Action['edit']): Record<string, TextEdit[]> {
  return Object.fromEntries(sharedEditsByUri(edit as WorkspaceEdit | undefined));
}

export interface Session {
  client: LspClient;
  workspace: TempWorkspace;
  upstreamDirectory: string;
}

/** Starts the server on a fresh workspace; the upstream search path is an empty temp folder unless files are copied there. */
export async function startSession(files: Record<string, string>, settings: Record<string, unknown> = {}, upstreamFiles: string[] = []): Promise<Session> {
  const workspace = new TempWorkspace(files);
  const upstreamDirectory = mkdtempSync(join(tmpdir(), 'falco-upstream-'));
  for (const path of upstreamFiles) copyFileSync(path, join(upstreamDirectory, path.slice(path.lastIndexOf('/') + 1)));
  const client = LspClient.start();
  await client.initialize([workspace.root], { settings: { rulesFiles: { upstreamSearchPaths: [upstreamDirectory], ...settings } } });
  await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing);
  return { client, workspace, upstreamDirectory };
}

export async function endSession(session: Session | undefined): Promise<void> {
  if (!session) return;
  await session.client.shutdown();
  // No notification and no answer may name an internal URI.
  const leaked = session.client.notifications.filter((entry) => JSON.stringify(entry.params).includes(INTERNAL));
  session.workspace.dispose();
  rmSync(session.upstreamDirectory, { recursive: true, force: true });
  assert.deepEqual(leaked, [], 'internal URIs reached the client');
}

/**
 * Sends a request and checks the answer names no internal URI outside `data` (the opaque value a client hands
 * back unread in codeAction/resolve and completionItem/resolve).
 */
export async function ask<R>(client: LspClient, method: string, params: unknown): Promise<R> {
  const result = await client.request<R>(method, params);
  const visible = JSON.stringify(result ?? null, (key, value: unknown) => (key === 'data' ? undefined : value));
  assert.ok(!visible.includes(INTERNAL), `${method} answered an internal URI: ${JSON.stringify(result)}`);
  return result;
}

export const at = (uri: string, position: Position) => ({ textDocument: { uri }, position });
export const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((diagnostic) => String(diagnostic.code));
/** A diagnostic's message as text (LSP 3.18 also allows markup). */
export const messageOf = (diagnostic: Diagnostic): string => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

