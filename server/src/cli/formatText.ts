/**
 * Text report: `file:line:column: severity code: message`, followed by the source line and a marker under the
 * exact characters (a code frame).
 */
import { relative } from 'node:path';
import type { CheckResult } from './check';

const severityNames = ['error', 'error', 'warning', 'info', 'hint'];

export function formatText(result: CheckResult, cwd: string): string {
  const out: string[] = [];
  for (const file of result.files) {
    const lines = file.text.split(/\r\n|\r|\n/);
    for (const diagnostic of file.diagnostics) {
      const { start, end } = diagnostic.range;
      const name = relative(cwd, file.path) || file.path;
      out.push(`${name}:${start.line + 1}:${start.character + 1}: ${severityNames[diagnostic.severity ?? 1]} ${String(diagnostic.code)}: ${diagnostic.message}`);
      const source = lines[start.line] ?? '';
      const width = end.line === start.line ? Math.max(1, end.character - start.character) : Math.max(1, source.length - start.character);
      const gutter = String(start.line + 1).padStart(5);
      out.push(`${gutter} | ${source}`);
      // Keep the tabs of the source line in the padding, so the carets stay under the characters.
      const padding = source.slice(0, start.character).replace(/[^\t]/g, ' ');
      out.push(`${' '.repeat(gutter.length)} | ${padding}${'^'.repeat(width)}`);
    }
  }
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push(`${count(result.files.length, 'rules file')} checked${result.configPath ? ` (load order from ${relative(cwd, result.configPath)})` : ''}: ${count(result.errors, 'error')}, ${count(result.warnings, 'warning')}.`);
  return out.join('\n') + '\n';
}
