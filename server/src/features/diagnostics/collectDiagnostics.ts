/**
 * Collects the diagnostics of one rules file: the parser's syntax problems, then every registered check; then
 * applies severity settings and suppression comments. A failing check is reported through `onCheckError` and
 * never stops the others.
 */
import type { ProblemSeverity } from '../../syntax/problems';
import type { Span } from '../../syntax/span';
import type { CheckContext } from './check';
import { allChecks } from './checks';
import type { FalcoDiagnostic } from './diagnostic';
import { applySuppressions } from './suppressions';

/** Severity overrides per code; `off` drops the code. */
export type SeverityOverrides = Readonly<Record<string, ProblemSeverity | 'off'>>;

export interface CollectOptions {
  readonly severities?: SeverityOverrides;
  readonly lineOf: (offset: number) => number;
  readonly onCheckError?: (check: string, error: unknown) => void;
}

function itemsWithYamlErrors(context: Omit<CheckContext, 'report'>): Span[] {
  const yamlProblems = context.file.syntax.problems.filter((problem) => problem.code === 'yaml-syntax');
  if (yamlProblems.length === 0) return [];
  return context.file.syntax.items
    .filter((item) => yamlProblems.some((problem) => problem.span.start >= item.span.start && problem.span.start <= item.span.end))
    .map((item) => item.span);
}

export function collectDiagnostics(context: Omit<CheckContext, 'report'>, options: CollectOptions): FalcoDiagnostic[] {
  const diagnostics: FalcoDiagnostic[] = context.file.syntax.problems.map((problem) => ({
    code: problem.code,
    message: problem.message,
    span: problem.span,
    severity: problem.severity,
  }));
  const report = (diagnostic: FalcoDiagnostic): void => {
    diagnostics.push(diagnostic);
  };
  for (const check of allChecks) {
    try {
      check.run({ ...context, report });
    } catch (error) {
      options.onCheckError?.(check.name, error);
    }
  }
  const damaged = itemsWithYamlErrors(context);
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
