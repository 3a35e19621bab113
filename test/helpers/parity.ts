/**
 * Scores the language service against the parity sample (../shared/parity-sample): files labelled with the
 * real Falco 0.44.1 engine's verdict and the exact range of each defect. The rules follow the sample's README:
 * strict = an error (warning for warning cases) overlapping the defect range; lenient = overlapping the
 * context range; clean files must get no error; multi-defect files are scored on recall over their defects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { createDefaultCatalogs } from '../../server/src/semantic/catalogs';
import { createLanguageService } from '../../server/src/service/languageService';
import { paritySampleRoot, readText } from './shared';

interface Defect {
  range: Range | null;
  contextRange: Range | null;
  item: { type: string | null; name: string | null } | null;
  intendedCode: string | null;
  lspOnly?: boolean;
  singleOracle?: { errors: unknown[]; warnings: unknown[] };
}

export interface Verdict {
  id: string;
  file: string;
  operator: string;
  variant: string;
  intent: 'error' | 'warning' | 'clean';
  defects: Defect[];
  plugins: 'all' | 'stock' | 'none';
}

export interface CaseResult {
  readonly id: string;
  readonly operator: string;
  readonly intent: string;
  /** Per defect that needed a diagnostic: whether it needed an error, and how it was matched. */
  readonly defects: readonly { readonly error: boolean; readonly strict: boolean; readonly lenient: boolean }[];
  /** Defects that needed a diagnostic. */
  readonly required: number;
  readonly strict: number;
  readonly lenient: number;
  /** A defect needing a warning got an error. */
  readonly severityMismatches: number;
  /** Error diagnostics that overlap no defect (any error at all for clean cases). */
  readonly falseErrors: Diagnostic[];
  readonly missed: string[];
}

export interface ParitySummary {
  readonly cases: number;
  readonly errorDefects: { required: number; strict: number; lenient: number };
  readonly warningDefects: { required: number; strict: number; lenient: number };
  readonly cleanCasesWithErrors: number;
  readonly cleanCases: number;
  readonly casesWithFalseErrors: number;
  readonly severityMismatches: number;
  readonly byOperator: Record<string, { cases: number; required: number; strict: number; lenient: number; falseErrors: number }>;
  readonly results: CaseResult[];
}

const pluginSets: Record<Verdict['plugins'], string[]> = { all: ['container', 'k8saudit', 'json'], stock: ['container'], none: [] };

export function loadVerdicts(): Verdict[] {
  return readFileSync(join(paritySampleRoot, 'verdicts.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Verdict);
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  // Half-open ranges; an empty range overlaps a range that contains its position.
  const aEmpty = !before(a.start, a.end);
  const bEmpty = !before(b.start, b.end);
  if (aEmpty && bEmpty) return a.start.line === b.start.line && a.start.character === b.start.character;
  if (aEmpty) return !before(a.start, b.start) && before(a.start, b.end);
  if (bEmpty) return !before(b.start, a.start) && before(b.start, a.end);
  return before(a.start, b.end) && before(b.start, a.end);
}

const catalogs = createDefaultCatalogs();

export function diagnoseCase(verdict: Verdict): Diagnostic[] {
  const service = createLanguageService({ catalogs });
  service.configure({ analysis: { engineVersion: '0.62.0', plugins: pluginSets[verdict.plugins] ?? pluginSets.all } });
  const uri = `file:///parity/${verdict.file}`;
  service.updateDocument(uri, readText(join(paritySampleRoot, verdict.file)), { override: 'force' });
  return service.getDiagnostics(uri);
}

function needsDiagnostic(defect: Defect): boolean {
  return !defect.lspOnly && defect.intendedCode !== null;
}

function wantsError(defect: Defect, verdict: Verdict): boolean {
  if (defect.intendedCode !== null) return defect.intendedCode.startsWith('LOAD_ERR');
  return verdict.intent === 'error';
}

export function scoreCase(verdict: Verdict, diagnostics: Diagnostic[]): CaseResult {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 1);
  const nonErrors = diagnostics.filter((diagnostic) => diagnostic.severity !== 1);
  let required = 0;
  let strict = 0;
  let lenient = 0;
  let severityMismatches = 0;
  const missed: string[] = [];
  const matched: { error: boolean; strict: boolean; lenient: boolean }[] = [];
  for (const defect of verdict.defects) {
    if (!needsDiagnostic(defect)) continue;
    required++;
    const candidates = wantsError(defect, verdict) ? errors : nonErrors;
    const strictHit = defect.range !== null && candidates.some((diagnostic) => overlaps(diagnostic.range, defect.range!));
    const lenientHit =
      strictHit ||
      (defect.contextRange !== null && candidates.some((diagnostic) => overlaps(diagnostic.range, defect.contextRange!))) ||
      (defect.range === null && defect.contextRange === null && candidates.length > 0);
    matched.push({ error: wantsError(defect, verdict), strict: strictHit, lenient: lenientHit });
    if (strictHit) strict++;
    if (lenientHit) lenient++;
    if (!lenientHit) missed.push(`${defect.intendedCode} at ${JSON.stringify(defect.range?.start ?? null)}`);
    if (!wantsError(defect, verdict) && defect.range && errors.some((diagnostic) => overlaps(diagnostic.range, defect.range!))) severityMismatches++;
  }
  const spans = verdict.defects.flatMap((defect) => [defect.range, defect.contextRange]).filter((range): range is Range => range !== null);
  const falseErrors =
    verdict.intent === 'clean'
      ? errors
      : errors.filter((diagnostic) => !spans.some((range) => overlaps(diagnostic.range, range)));
  return { id: verdict.id, operator: verdict.operator, intent: verdict.intent, defects: matched, required, strict, lenient, severityMismatches, falseErrors, missed };
}

export function scoreParity(verdicts: readonly Verdict[] = loadVerdicts()): ParitySummary {
  const results = verdicts.map((verdict) => scoreCase(verdict, diagnoseCase(verdict)));
  const errorDefects = { required: 0, strict: 0, lenient: 0 };
  const warningDefects = { required: 0, strict: 0, lenient: 0 };
  const byOperator: ParitySummary['byOperator'] = {};
  verdicts.forEach((verdict, index) => {
    const result = results[index];
    const operator = (byOperator[verdict.operator] ??= { cases: 0, required: 0, strict: 0, lenient: 0, falseErrors: 0 });
    operator.cases++;
    operator.required += result.required;
    operator.strict += result.strict;
    operator.lenient += result.lenient;
    operator.falseErrors += result.falseErrors.length;
    for (const defect of result.defects) {
      const bucket = defect.error ? errorDefects : warningDefects;
      bucket.required++;
      if (defect.strict) bucket.strict++;
      if (defect.lenient) bucket.lenient++;
    }
  });
  const clean = results.filter((result) => result.intent === 'clean');
  return {
    cases: results.length,
    errorDefects,
    warningDefects,
    cleanCases: clean.length,
    cleanCasesWithErrors: clean.filter((result) => result.falseErrors.length > 0).length,
    casesWithFalseErrors: results.filter((result) => result.falseErrors.length > 0).length,
    severityMismatches: results.reduce((sum, result) => sum + result.severityMismatches, 0),
    byOperator,
    results,
  };
}
