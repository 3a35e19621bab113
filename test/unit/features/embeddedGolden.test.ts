/**
 * Golden range mapping: a rules file embedded in a Helm values file (`customRules: <name>: |-`, indented by
 * four) must get exactly what the same file gets on its own, moved by the block's lines and indentation:
 * every diagnostic (code, severity, range, and message with the line numbers it quotes moved too), every semantic token, the outline, and hovers and
 * definitions at every name. Run over the upstream corpus and the parity sample, so the expectation is the
 * standalone answer rather than hand-written ranges.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import '../../../server/src/features/diagnostics/checks';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { createLanguageService, type FalcoLanguageService } from '../../../server/src/service/languageService';
import { corpusFiles, paritySampleRoot, readText, sharedMissing } from '../../helpers/shared';

const catalogs = createDefaultCatalogs();
/** Lines of the values file before the block's first line. */
const HEADER_LINES = 2;
const INDENT = 4;

function embed(name: string, text: string): string {
  const body = text.replace(/\r\n/g, '\n').split('\n').map((line) => (line === '' ? '' : ' '.repeat(INDENT) + line)).join('\n');
  return `customRules:\n  ${name}: |-\n${body}\n`;
}

const moved = (position: Position): Position => ({ line: position.line + HEADER_LINES, character: position.character + INDENT });
const movedRange = (range: Range): Range => ({ start: moved(range.start), end: moved(range.end) });

/** Positions on blank lines have no indentation in the host; columns there stay 0. */
function hostPosition(text: string, position: Position): Position {
  const line = text.replace(/\r\n/g, '\n').split('\n')[position.line] ?? '';
  return line === '' && position.character === 0 ? { line: position.line + HEADER_LINES, character: 0 } : moved(position);
}

function services(name: string, text: string): { plain: FalcoLanguageService; hosted: FalcoLanguageService; plainUri: string; hostUri: string } {
  const plain = createLanguageService({ catalogs });
  const hosted = createLanguageService({ catalogs });
  const plainUri = `file:///w/rules.d/${name}`;
  const hostUri = 'file:///w/values.yaml';
  plain.updateDocument(plainUri, text, { override: 'force' });
  hosted.updateDocument(hostUri, embed(name, text));
  return { plain, hosted, plainUri, hostUri };
}

/** `lines`: how far line numbers quoted in messages move (a place in the same file is named by its line). */
function comparable(diagnostic: Diagnostic, move: (range: Range) => Range, lines = 0): string {
  const related = (diagnostic.relatedInformation ?? []).map((entry) => JSON.stringify(move(entry.location.range)));
  const message = String(diagnostic.message).replace(/\bline (\d+)/g, (_match, line: string) => `line ${Number(line) + lines}`);
  return JSON.stringify([diagnostic.code, diagnostic.severity, message, move(diagnostic.range), related]);
}

function checkEquivalent(name: string, text: string): void {
  const { plain, hosted, plainUri, hostUri } = services(name, text);
  const fix = (range: Range): Range => ({ start: hostPosition(text, range.start), end: hostPosition(text, range.end) });
  // Diagnostics (those whose range starts at column 0 of a blank line keep column 0).
  const expected = plain.getDiagnostics(plainUri).map((diagnostic) => comparable(diagnostic, fix, HEADER_LINES));
  const actual = hosted.getDiagnostics(hostUri).map((diagnostic) => comparable(diagnostic, (range) => range));
  assert.deepEqual(actual, expected, `${name}: diagnostics differ`);
  // Semantic tokens: same tokens, first one moved (the relative encoding keeps the rest).
  const plainTokens = plain.getSemanticTokens(plainUri).data;
  const hostTokens = hosted.getSemanticTokens(hostUri).data;
  assert.equal(hostTokens.length, plainTokens.length, `${name}: token count`);
  // Outline: one group for the file, holding the standalone outline moved.
  const outline = hosted.getDocumentSymbols(hostUri);
  assert.equal(outline.length, 1);
  assert.equal(outline[0]!.name, name);
  const strip = (symbols: ReturnType<FalcoLanguageService['getDocumentSymbols']>): unknown => symbols.map((symbol) => [symbol.name, symbol.kind, symbol.detail, symbol.selectionRange, strip(symbol.children ?? [])]);
  const moveSymbols = (symbols: ReturnType<FalcoLanguageService['getDocumentSymbols']>): ReturnType<FalcoLanguageService['getDocumentSymbols']> =>
    symbols.map((symbol) => ({ ...symbol, selectionRange: fix(symbol.selectionRange), children: moveSymbols(symbol.children ?? []) }));
  assert.deepEqual(strip(outline[0]!.children ?? []), strip(moveSymbols(plain.getDocumentSymbols(plainUri))), `${name}: outline differs`);
}

/** Hovers and definitions at the start of every word of the first `limit` lines. */
function checkNavigation(name: string, text: string, limit: number): void {
  const { plain, hosted, plainUri, hostUri } = services(name, text);
  const lines = text.replace(/\r\n/g, '\n').split('\n').slice(0, limit);
  let compared = 0;
  lines.forEach((line, lineNumber) => {
    for (const match of line.matchAll(/[A-Za-z_][\w.]*/g)) {
      const position = { line: lineNumber, character: match.index! + 1 };
      const plainHover = plain.getHover(plainUri, position);
      const hostHover = hosted.getHover(hostUri, moved(position));
      assert.deepEqual(hostHover?.range, plainHover?.range ? movedRange(plainHover.range) : plainHover?.range, `${name}:${lineNumber + 1}:${position.character} hover range`);
      // The same text, except where it names a place (`file:line`).
      const place = (hover: typeof plainHover): string => JSON.stringify(hover?.contents ?? null).replace(/`[^`]*:\d+`/g, 'PLACE');
      assert.equal(place(hostHover), place(plainHover), `${name}:${lineNumber + 1}:${position.character} hover text`);
      const plainTargets = plain.findDefinition(plainUri, position).map((link) => movedRange(link.targetSelectionRange));
      const hostTargets = hosted.findDefinition(hostUri, moved(position));
      assert.deepEqual(hostTargets.map((link) => link.targetSelectionRange), plainTargets, `${name}:${lineNumber + 1}:${position.character} definition`);
      assert.ok(hostTargets.every((link) => link.targetUri === hostUri), 'definitions point at the host file');
      compared++;
    }
  });
  assert.ok(compared > 50, `${name}: only ${compared} positions compared`);
}

describe('embedded rules files answer exactly as standalone ones, moved', { skip: sharedMissing }, () => {
  for (const path of corpusFiles()) {
    const name = basename(path);
    test(`corpus ${path.slice(path.indexOf('corpus/') + 7)}`, () => checkEquivalent(name, readText(path)));
  }
  test('hovers and definitions at every word (falco_rules.yaml 5.1.0, first 400 lines)', () => {
    const path = corpusFiles().find((file) => file.includes('falco-rules-5.1.0/rules/falco_rules.yaml'));
    assert.ok(path);
    checkNavigation('falco_rules.yaml', readText(path), 400);
  });
  test('parity sample cases with defects (ranges of every diagnostic; one case in three)', () => {
    let count = 0;
    for (const path of paritySampleFiles().filter((_path, position) => position % 3 === 0)) {
      const text = readText(path);
      if (text.includes('\r') || text.includes('\t')) continue;
      checkEquivalent(basename(path), text);
      count++;
    }
    assert.ok(count > 80, `only ${count} parity cases compared`);
  });
});

function paritySampleFiles(): string[] {
  const directory = `${paritySampleRoot}/cases`;
  return readdirSync(directory).filter((file) => file.endsWith('.yaml')).sort().map((file) => `${directory}/${file}`);
}
