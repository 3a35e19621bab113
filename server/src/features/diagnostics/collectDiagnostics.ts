/**
 * Collects the diagnostics of one rules file: YAML, condition and output syntax problems found by the parser.
 * Semantic checks (one file per check) plug in here.
 */
import type { IndexedFile } from '../../semantic/workspaceIndex';
import type { FalcoDiagnostic } from './diagnostic';

export function collectDiagnostics(file: IndexedFile): FalcoDiagnostic[] {
  return file.syntax.problems.map((problem) => ({
    code: problem.code,
    message: problem.message,
    span: problem.span,
    severity: problem.severity,
  }));
}
