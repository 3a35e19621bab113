/**
 * Diagnostics fixtures: every `<|…|>` range in a fixture is an expected diagnostic, and `codes` gives their
 * codes in the order of the ranges. The comparison is exact (same ranges, same codes), except for the codes
 * listed in `ignore`, or outside `only` when it is given.
 */
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisOptions } from '../../server/src/features/diagnostics/check';
import { LineIndex } from '../../server/src/service/lineIndex';
import { openFixture, type FixtureWorkspace } from './service';

export interface DiagnosticsOptions {
  readonly ignore?: readonly string[];
  readonly only?: readonly string[];
  readonly analysis?: Partial<AnalysisOptions>;
  readonly falcoYaml?: string;
  /** Which fixture file to check (default: the last one). */
  readonly file?: string;
}

export interface FoundDiagnostic {
  readonly code: string;
  readonly text: string;
  readonly start: number;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  readonly diagnostic: Diagnostic;
}

const severityNames = ['error', 'error', 'warning', 'information', 'hint'] as const;

export function diagnosticsOf(fixture: string, options: DiagnosticsOptions = {}): { found: FoundDiagnostic[]; workspace: FixtureWorkspace } {
  const workspace = openFixture(fixture, { falcoYaml: options.falcoYaml });
  if (options.analysis) workspace.service.configure({ analysis: { engineVersion: '0.62.0', ...options.analysis } });
  const file = options.file ? workspace.file(options.file) : workspace.files[workspace.files.length - 1];
  const lines = new LineIndex(file.text);
  const found = workspace.service
    .getDiagnostics(file.uri)
    .map((diagnostic) => {
      const start = lines.offsetAt(diagnostic.range.start);
      const end = lines.offsetAt(diagnostic.range.end);
      return {
        code: String(diagnostic.code),
        text: file.text.slice(start, end),
        start,
        severity: severityNames[diagnostic.severity ?? 1],
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        diagnostic,
      };
    })
    .filter((entry) => !(options.ignore ?? []).includes(entry.code))
    .filter((entry) => !options.only || options.only.includes(entry.code));
  return { found, workspace };
}

/** Asserts that the diagnostics are exactly the marked ranges with the given codes (in range order). */
export function assertDiagnostics(fixture: string, codes: readonly string[], options: DiagnosticsOptions = {}): FoundDiagnostic[] {
  const { found, workspace } = diagnosticsOf(fixture, options);
  const file = options.file ? workspace.file(options.file) : workspace.files[workspace.files.length - 1];
  const expected = file.ranges.map((range, index) => ({ code: codes[index] ?? '(missing code)', text: file.text.slice(range.start, range.end), start: range.start }));
  assert.equal(file.ranges.length, codes.length, 'the fixture marks as many ranges as codes are expected');
  const actual = found.map((entry) => ({ code: entry.code, text: entry.text, start: entry.start }));
  assert.deepEqual(actual, expected, `diagnostics:\n${found.map((entry) => `  ${entry.code} ${JSON.stringify(entry.text)} @${entry.start}: ${entry.message}`).join('\n')}`);
  return found;
}
