/**
 * Collects the diagnostics of one rules file: the parser's syntax problems (a YAML error caused by a plain value
 * that needs quotes carries the fix that quotes it), then every registered check; then applies severity settings
 * and suppression comments. A failing check is reported through `onCheckError` and never stops the others.
 */
import type { ProblemSeverity } from '../../syntax/problems';
import type { Check, CheckContext } from './check';
import type { RulesItem } from '../../syntax/rulesFile';
import { cachedDiagnostics, storeDiagnostics, workspaceKey } from './itemCache';
import { allChecks } from './checks';
import type { FalcoDiagnostic } from './diagnostic';
import { quoteScalarFixes } from './fixes/quoteScalar';
import { applySuppressions } from './suppressions';

/** Severity overrides per code; `off` drops the code. */
export type SeverityOverrides = Readonly<Record<string, ProblemSeverity | 'off'>>;

export interface CollectOptions {
  readonly severities?: SeverityOverrides;
  readonly lineOf: (offset: number) => number;
  readonly onCheckError?: (check: string, error: unknown) => void;
}

export function collectDiagnostics(context: Omit<CheckContext, 'report' | 'items'>, options: CollectOptions): FalcoDiagnostic[] {
  const text = context.file.syntax.text;
  const diagnostics: FalcoDiagnostic[] = context.file.syntax.problems.map((problem) => {
    const fixes = problem.code === 'yaml-syntax' ? quoteScalarFixes(text, problem.span) : [];
    return {
      code: problem.code,
      message: problem.message,
      span: problem.span,
      severity: problem.severity,
      ...(fixes.length > 0 ? { fixes } : {}),
    };
  });
  const items = context.file.syntax.items;
  const run = (check: Check, checkItems: readonly RulesItem[], sink: FalcoDiagnostic[]): void => {
    try {
      check.run({ ...context, items: checkItems, report: (diagnostic) => void sink.push(diagnostic) });
    } catch (error) {
      options.onCheckError?.(check.name, error);
    }
  };
  // Item-local checks: reuse what is cached per item, run them once over the other items.
  const key = workspaceKey(context);
  const stale: RulesItem[] = [];
  for (const item of items) {
    const cached = cachedDiagnostics(item, key, context.file.uri);
    if (cached) diagnostics.push(...cached);
    else stale.push(item);
  }
  if (stale.length > 0) {
    const found: FalcoDiagnostic[] = [];
    for (const check of allChecks) if (check.itemLocal) run(check, stale, found);
    storeDiagnostics(stale, found, key, context.file.uri);
    diagnostics.push(...found);
  }
  for (const check of allChecks) if (!check.itemLocal) run(check, items, diagnostics);
  // Items whose own span holds a YAML error: what the checks see of them is a fragment. (Checks treat an error at
  // the boundary with the next item as theirs too, see itemsWithYamlErrors, and lower their severity instead.)
  const yamlErrors = context.file.syntax.problems.filter((problem) => problem.code === 'yaml-syntax');
  const damaged = yamlErrors.length === 0 ? [] : items.filter((item) => yamlErrors.some((problem) => problem.span.start >= item.span.start && problem.span.start <= item.span.end)).map((item) => item.span);
  const severities = options.severities ?? {};
  const adjusted: FalcoDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    // An item YAML could not read is only reported for its YAML error: what the checks see of it is a fragment.
    if (diagnostic.code !== 'yaml-syntax' && damaged.some((span) => diagnostic.span.start >= span.start && diagnostic.span.start <= span.end)) continue;
    const override = severities[diagnostic.code];
    if (override === 'off') continue;
    adjusted.push(override ? { ...diagnostic, severity: override } : diagnostic);
  }
  adjusted.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return applySuppressions(adjusted, context.file.syntax.text, options.lineOf);
}
