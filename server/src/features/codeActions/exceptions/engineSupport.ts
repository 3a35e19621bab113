/**
 * What the targeted engine accepts in exception comps: comparison modifiers (`startswith anyof`) need engine
 * 0.62.0 (Falco 0.44); the string operators that can take `anyof` when a single field compares with several
 * values.
 */
import type { AnalysisOptions } from '../../diagnostics/check';

export function modifiersSupported(options: AnalysisOptions): boolean {
  const [major = 0, minor = 0] = options.engineVersion.split('.').map((part) => Number.parseInt(part, 10));
  return major > 0 || minor >= 62;
}

/**
 * Matching string operators whose one-value tuples `(f op a) or (f op b)` say the same as `f op anyof (a, b)`
 * (at least one value matches). Equality has its own list operator, `in`.
 */
export const ANYOF_OPERATORS: readonly string[] = ['startswith', 'endswith', 'contains', 'icontains', 'glob', 'iglob', 'bcontains', 'bstartswith'];
