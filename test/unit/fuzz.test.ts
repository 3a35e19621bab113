/**
 * Fuzz smoke test: random edits of corpus files never make the parser or the service throw, and every span
 * they return stays inside the document. Seeded and time-bounded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFileSymbols } from '../../server/src/semantic/fileSymbols';
import { parseRulesFile } from '../../server/src/syntax/rulesFile';
import { openFixture } from '../helpers/service';
import { corpusFiles, readText, sharedMissing } from '../helpers/shared';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const alphabet = [':', '-', "'", '"', '|', '>', '[', ']', '{', '}', '(', ')', ',', '#', '\n', '\t', ' ', '%', '&', '*', '!', '\\', '\r\n', 'and ', 'or ', 'not ', ' in (', 'proc.', '%proc.name', '---\n', '- rule: x\n', '  condition: ', '\ufeff', 'é', '😀'];

function mutate(text: string, random: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(random() * 5);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (result.length + 1));
    const choice = random();
    if (choice < 0.45) result = result.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + result.slice(at);
    else if (choice < 0.8) result = result.slice(0, at) + result.slice(Math.min(result.length, at + 1 + Math.floor(random() * 40)));
    else {
      const end = Math.min(result.length, at + Math.floor(random() * 200));
      result = result.slice(0, end) + result.slice(at, end) + result.slice(end);
    }
  }
  return result;
}

function assertInside(span: { start: number; end: number }, length: number, what: string): void {
  if (!(span.start >= 0 && span.end >= span.start && span.end <= length)) assert.fail(`${what} span ${span.start}-${span.end} outside 0-${length}`);
}

test('random edits of corpus files never throw and keep spans inside the text', { skip: sharedMissing }, () => {
  const random = prng(20261122);
  const sources = corpusFiles().map(readText);
  const deadline = Date.now() + 6000;
  let iterations = 0;
  while (Date.now() < deadline && iterations < 3000) {
    const source = sources[Math.floor(random() * sources.length)];
    // Work on a window of the file so each iteration stays fast.
    const start = Math.floor(random() * Math.max(1, source.length - 4000));
    const text = mutate(source.slice(start, start + 4000), random);
    const syntax = parseRulesFile(text);
    for (const problem of syntax.problems) assertInside(problem.span, text.length, `problem ${problem.code}`);
    for (const item of syntax.items) assertInside(item.span, text.length, 'item');
    const symbols = buildFileSymbols(syntax);
    for (const declaration of symbols.declarations) assertInside(declaration.nameSpan, text.length, 'declaration');
    for (const reference of symbols.references) assertInside(reference.span, text.length, 'reference');
    if (iterations % 25 === 0) {
      const fixture = openFixture(`#- fuzz.yaml\n${text}`);
      const uri = fixture.files[0].uri;
      fixture.service.getDocumentSymbols(uri);
      fixture.service.getDiagnostics(uri);
      for (let probe = 0; probe < 5; probe++) {
        const line = Math.floor(random() * 80);
        const character = Math.floor(random() * 40);
        fixture.service.getHover(uri, { line, character });
        fixture.service.findDefinition(uri, { line, character });
        fixture.service.findReferences(uri, { line, character }, true);
      }
    }
    iterations++;
  }
  assert.ok(iterations >= 200, `only ${iterations} iterations ran`);
});
