/**
 * SARIF 2.1.0 report for code scanning (GitHub and other viewers): one run, one rule per diagnostic code, one
 * result per diagnostic with a 1-based region in UTF-16 code units.
 */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeInfo } from '../features/diagnostics/codes';
import type { CheckResult } from './check';

const levels: Record<number, 'error' | 'warning' | 'note'> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };

export function formatSarif(result: CheckResult, cwd: string, version: string): object {
  const usedCodes = [...new Set(result.files.flatMap((file) => file.diagnostics.map((diagnostic) => String(diagnostic.code))))].sort();
  const ruleIndex = new Map(usedCodes.map((code, index) => [code, index]));
  const rules = usedCodes.map((code) => {
    const info = codeInfo(code);
    return {
      id: code,
      name: code,
      shortDescription: { text: info?.summary ?? code },
      helpUri: `https://example.invalid/falco-rules/docs/diagnostics.md#${code}`,
      defaultConfiguration: { level: info ? (info.severity === 'error' ? 'error' : info.severity === 'warning' ? 'warning' : 'note') : 'warning' },
      properties: info?.engineCode ? { engineCode: info.engineCode } : {},
    };
  });
  const results = result.files.flatMap((file) => {
    // A relative URI reference: each segment percent-encoded (a `#` would start a fragment, a blank is invalid).
    const uri = relative(cwd, file.path).split(sep).map((segment) => (segment === '..' ? segment : encodeURIComponent(segment))).join('/');
    return file.diagnostics.map((diagnostic) => ({
      ruleId: String(diagnostic.code),
      ruleIndex: ruleIndex.get(String(diagnostic.code)),
      level: levels[diagnostic.severity ?? 1],
      message: { text: diagnostic.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
            region: {
              startLine: diagnostic.range.start.line + 1,
              startColumn: diagnostic.range.start.character + 1,
              endLine: diagnostic.range.end.line + 1,
              endColumn: diagnostic.range.end.character + 1,
            },
          },
        },
      ],
    }));
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'falco-rules', version, semanticVersion: version, informationUri: 'https://example.invalid/falco-rules', rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        results,
      },
    ],
  };
}
