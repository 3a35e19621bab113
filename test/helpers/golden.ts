/**
 * Golden-file expectations: compares a produced text with a checked-in file, or rewrites the file when the
 * environment variable UPDATE_GOLDEN=1 is set. Also splits multi-case fixture files (`=== title` headers).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const updateGolden = process.env.UPDATE_GOLDEN === '1';

/** Asserts that `actual` equals the content of `goldenPath` (or writes it with UPDATE_GOLDEN=1). */
export function expectGolden(goldenPath: string, actual: string): void {
  if (updateGolden) {
    if (!existsSync(goldenPath) || readFileSync(goldenPath, 'utf8') !== actual) writeFileSync(goldenPath, actual);
    return;
  }
  assert.ok(existsSync(goldenPath), `missing golden file ${goldenPath}; run with UPDATE_GOLDEN=1 to create it`);
  const expected = readFileSync(goldenPath, 'utf8');
  assert.equal(actual, expected, `output differs from ${goldenPath}; run with UPDATE_GOLDEN=1 to accept it`);
}

export interface GoldenCase {
  readonly title: string;
  readonly input: string;
}

/**
 * Splits a fixture into cases. Each case starts with a `=== title` line; its input is every following line up to
 * the next header or the end, without the line break that ends its last line (so a blank last line gives an
 * input ending in "\n"). Windows line breaks are normalised first.
 */
export function splitCases(fixture: string): GoldenCase[] {
  const cases: { title: string; lines: string[] }[] = [];
  const lines = fixture.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('=== ')) cases.push({ title: line.slice(4).trim(), lines: [] });
    else if (cases.length > 0) cases[cases.length - 1]!.lines.push(line);
  }
  return cases.map(({ title, lines: body }) => ({ title, input: body.join('\n') }));
}
