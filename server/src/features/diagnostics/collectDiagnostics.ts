/**
 * Collects the diagnostics of one rules file: the parser's syntax problems, then every registered check; then
 * applies severity settings and suppression comments. A failing check is reported through `onCheckError` and
 * never stops the others.
 */
import type { ProblemSeverity } from '../../syntax/problems';
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
  const severities = options.severities ?? {};
  const adjusted: FalcoDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const override = severities[diagnostic.code];
    if (override === 'off') continue;
    adjusted.push(override ? { ...diagnostic, severity: override } : diagnostic);
  }
  adjusted.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return applySuppressions(adjusted, context.file.syntax.text, options.lineOf);
}
