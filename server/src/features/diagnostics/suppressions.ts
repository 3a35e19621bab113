/**
 * Suppression comments. `# falco-rules-disable-next-line [code, …]` silences the next line,
 * `# falco-rules-disable-line [code, …]` (at the end of a line) silences that line, and
 * `# falco-rules-disable [code, …]` anywhere silences the whole file. Without codes, every code is silenced.
 */
import type { FalcoDiagnostic } from './diagnostic';

interface Suppressions {
  /** Codes silenced in the whole file ('*' for all). */
  readonly file: Set<string>;
  /** Line number (0-based) → codes silenced on it. */
  readonly lines: Map<number, Set<string>>;
}

const directive = /#\s*falco-rules-disable(-next-line|-line)?(?=\s|$)([^\n\r]*)/;

function parseCodes(rest: string): Set<string> {
  const codes = rest
    .split(/[\s,]+/)
    .map((code) => code.trim())
    .filter((code) => /^[a-z0-9-]+$/.test(code));
  return new Set(codes.length > 0 ? codes : ['*']);
}

export function findSuppressions(text: string): Suppressions | null {
  if (!text.includes('falco-rules-disable')) return null;
  const file = new Set<string>();
  const lines = new Map<number, Set<string>>();
  const all = text.split(/\r\n|\r|\n/);
  all.forEach((line, number) => {
    const match = directive.exec(line);
    if (!match) return;
    const before = line.slice(0, match.index);
    const fullLine = before.trim() === '';
    const codes = parseCodes(match[2]);
    if (match[1] === '-next-line' && fullLine) lines.set(number + 1, codes);
    else if (match[1] === '-line') lines.set(number, codes);
    else if (!match[1] && fullLine) for (const code of codes) file.add(code);
  });
  return { file, lines };
}

function silences(codes: Set<string> | undefined, code: string): boolean {
  return codes !== undefined && (codes.has('*') || codes.has(code));
}

/** Drops the diagnostics silenced by comments. `lineOf` maps an offset to its 0-based line. */
export function applySuppressions(diagnostics: FalcoDiagnostic[], text: string, lineOf: (offset: number) => number): FalcoDiagnostic[] {
  const suppressions = findSuppressions(text);
  if (!suppressions) return diagnostics;
  return diagnostics.filter(
    (diagnostic) => !silences(suppressions.file, diagnostic.code) && !silences(suppressions.lines.get(lineOf(diagnostic.span.start)), diagnostic.code),
  );
}
