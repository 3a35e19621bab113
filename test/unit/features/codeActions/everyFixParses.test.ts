/**
 * Property test over real files: every code action offered on the parity sample and on the upstream corpus
 * (quick fixes at every diagnostic, refactorings at a bounded set of positions of every item) applies without
 * overlapping edits, leaves a file that still parses as a rules file, adds no YAML error, and touches only the
 * files of the workspace. Skips with a message when ../shared is absent.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction, Range } from 'vscode-languageserver-types';
import { createDefaultCatalogs } from '../../../../server/src/semantic/catalogs';
import { createLanguageService, type FalcoLanguageService } from '../../../../server/src/service/languageService';
import { LineIndex } from '../../../../server/src/service/lineIndex';
import { createParseCache, parseRulesFile, type RulesParseCache } from '../../../../server/src/syntax/rulesFile';
import type { Span } from '../../../../server/src/syntax/span';
import { corpusWorkspaces } from '../../../helpers/corpusPlan';
import { applyEdits, editsByUri } from '../../../helpers/fixes';
import { loadVerdicts } from '../../../helpers/parity';
import { corpusRoot, paritySampleRoot, readText, sharedMissing } from '../../../helpers/shared';

const catalogs = createDefaultCatalogs();

/** YAML errors of a text; the cache re-parses only the items an edit changed, so checking hundreds of edits of a large file stays cheap. */
function yamlErrors(text: string, cache: RulesParseCache): number {
  return parseRulesFile(text, cache).problems.filter((problem) => problem.code === 'yaml-syntax').length;
}

/**
 * Offsets where refactorings are asked for: each item's start and name, and the start, middle and end of its
 * condition; only items that overlap `within` when given (the defects of a parity case: its other items are
 * copies of upstream rules the corpus part already covers).
 */
function probeOffsets(text: string, within?: readonly Span[]): number[] {
  const syntax = parseRulesFile(text);
  const offsets = new Set<number>();
  for (const item of syntax.items) {
    if (within && !within.some((span) => span.start <= item.span.end && item.span.start <= span.end)) continue;
    offsets.add(item.span.start);
    if (item.nameNode) offsets.add(item.nameNode.span.start + 1);
    const condition = item.condition;
    if (condition) {
      const { start, end } = condition.scalar.span;
      offsets.add(start);
      offsets.add((start + end) >> 1);
      offsets.add(Math.max(start, end - 1));
    }
  }
  return [...offsets];
}

interface Tally {
  actions: number;
  applied: number;
}

const caches = new Map<string, { cache: RulesParseCache; errors: number }>();

function baseline(uri: string, text: string): { cache: RulesParseCache; errors: number } {
  let entry = caches.get(uri);
  if (!entry) {
    const cache = createParseCache();
    entry = { cache, errors: yamlErrors(text, cache) };
    caches.set(uri, entry);
  }
  return entry;
}

function checkActions(service: FalcoLanguageService, uris: readonly string[], texts: Map<string, string>, uri: string, actions: readonly CodeAction[], where: string, tally: Tally): void {
  for (const action of actions) {
    tally.actions += 1;
    const resolved = action.edit || action.disabled || action.command ? action : service.resolveCodeAction(action);
    if (!resolved.edit) continue;
    for (const [target, edits] of editsByUri(resolved.edit)) {
      assert.ok(uris.includes(target), `"${action.title}" at ${where} edits ${target}, outside the workspace`);
      const before = texts.get(target)!;
      let after = '';
      assert.doesNotThrow(() => {
        after = applyEdits(before, edits);
      }, `"${action.title}" at ${where}`);
      const { cache, errors } = baseline(target, before);
      let afterErrors = 0;
      assert.doesNotThrow(() => {
        afterErrors = yamlErrors(after, cache);
      }, `"${action.title}" at ${where} leaves a file the parser throws on`);
      const added = afterErrors - errors;
      assert.ok(added <= 0, `"${action.title}" at ${where} adds ${added} YAML error(s):\n${after}`);
      tally.applied += 1;
    }
  }
  void uri;
}

interface ProbeFile {
  readonly uri: string;
  readonly text: string;
  /** Ranges whose items get refactorings probed (all items when absent). */
  readonly probe?: readonly Range[];
}

function exercise(files: readonly ProbeFile[], plugins: readonly string[] | undefined, tally: Tally): void {
  const service = createLanguageService({ catalogs });
  if (plugins) service.configure({ analysis: { engineVersion: '0.62.0', plugins } });
  const texts = new Map(files.map((file) => [file.uri, file.text]));
  for (const file of files) service.updateDocument(file.uri, file.text, { override: 'force' });
  const uris = files.map((file) => file.uri);
  for (const file of files) {
    const lines = new LineIndex(file.text);
    for (const diagnostic of service.getDiagnostics(file.uri)) {
      const actions = service.getCodeActions(file.uri, diagnostic.range, { only: ['quickfix'] });
      checkActions(service, uris, texts, file.uri, actions, `${file.uri}:${diagnostic.range.start.line + 1} (${String(diagnostic.code)})`, tally);
    }
    const within = file.probe?.map((range) => ({ start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) }));
    for (const offset of probeOffsets(file.text, within)) {
      const position = lines.positionAt(offset);
      const actions = service.getCodeActions(file.uri, { start: position, end: position }, { only: ['refactor'] });
      checkActions(service, uris, texts, file.uri, actions, `${file.uri}:${position.line + 1}:${position.character + 1}`, tally);
    }
  }
}

describe('every offered code action keeps the file parseable', { skip: sharedMissing || undefined }, () => {
  test('parity sample', (t) => {
    const tally: Tally = { actions: 0, applied: 0 };
    const pluginSets: Record<string, string[]> = { all: ['container', 'k8saudit', 'json'], stock: ['container'], none: [] };
    for (const verdict of loadVerdicts()) {
      const probe = verdict.defects.flatMap((defect) => [defect.range, defect.contextRange]).filter((range): range is Range => range !== null);
      exercise([{ uri: `file:///parity/${verdict.file}`, text: readText(join(paritySampleRoot, verdict.file)), probe }], pluginSets[verdict.plugins] ?? pluginSets.all, tally);
    }
    assert.ok(tally.applied > 100, `only ${tally.applied} edits applied of ${tally.actions} actions`);
    t.diagnostic(`parity sample: ${tally.actions} actions offered, ${tally.applied} file edits applied and re-parsed`);
  });
  test('upstream corpus', (t) => {
    const tally: Tally = { actions: 0, applied: 0 };
    for (const workspace of corpusWorkspaces) {
      exercise(workspace.map((path) => ({ uri: `file:///corpus/${path}`, text: readText(join(corpusRoot, path)) })), undefined, tally);
    }
    assert.ok(tally.applied > 100, `only ${tally.applied} edits applied of ${tally.actions} actions`);
    t.diagnostic(`upstream corpus: ${tally.actions} actions offered, ${tally.applied} file edits applied and re-parsed`);
  });
});
