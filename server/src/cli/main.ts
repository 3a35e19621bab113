/**
 * Entry point of the `falco-rules` command line: the same language service as the editor, for CI.
 */
import { promises as fs } from 'node:fs';
import { parseArguments, usage } from './args';
import { createDefaultCatalogs } from '../semantic/catalogs';
import { loadWorkspace, runCheck } from './check';
import { runCoverage } from './coverage';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';

declare const FALCO_RULES_VERSION: string;
const version = typeof FALCO_RULES_VERSION === 'string' ? FALCO_RULES_VERSION : '0.0.0-dev';

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (args.command === 'help') {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(version + '\n');
    return 0;
  }
  if (args.command === 'error') {
    process.stderr.write(`falco-rules: ${args.message}\n\n${usage}\n`);
    return 2;
  }
  if (args.command === 'coverage') {
    let report: string;
    try {
      const { service } = await loadWorkspace(args);
      report = runCoverage(service.index, createDefaultCatalogs().attack, { format: args.coverageFormat ?? 'text', name: args.layerName, cwd: process.cwd() });
    } catch (error) {
      process.stderr.write(`falco-rules: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    if (args.output) await fs.writeFile(args.output, report);
    else process.stdout.write(report);
    return 0;
  }
  let result;
  try {
    result = await runCheck(args);
  } catch (error) {
    process.stderr.write(`falco-rules: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const cwd = process.cwd();
  let report: string;
  if (args.format === 'sarif') report = JSON.stringify(formatSarif(result, cwd, version), null, 2) + '\n';
  else if (args.format === 'json') {
    report =
      JSON.stringify(
        { files: result.files.map((file) => ({ path: file.path, diagnostics: file.diagnostics })), errors: result.errors, warnings: result.warnings },
        null,
        2,
      ) + '\n';
  } else report = formatText(result, cwd);
  if (args.output) await fs.writeFile(args.output, report);
  else process.stdout.write(report);
  return result.errors > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`falco-rules: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
