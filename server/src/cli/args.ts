/**
 * Command-line arguments of `falco-rules`.
 */
import { coverageFormats, coverageUsage, type CoverageFormat } from './coverage';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckArguments {
  readonly command: 'check' | 'coverage';
  readonly paths: readonly string[];
  readonly config: string | undefined;
  readonly format: OutputFormat;
  readonly plugins: readonly string[] | undefined;
  readonly engineVersion: string | undefined;
  readonly output: string | undefined;
  /** Field lists in the shape of `falco --list --format json`, for plugins the built-in catalog does not know. */
  readonly fields: readonly string[];
  /** `coverage`: its output format (text, json, navigator) and the Navigator layer name. */
  readonly coverageFormat?: CoverageFormat;
  readonly layerName?: string;
}

export type ParsedArguments = CheckArguments | { readonly command: 'help' } | { readonly command: 'version' } | { readonly command: 'error'; readonly message: string };

export const usage = `Usage: falco-rules check [paths…] [options]

Checks Falco rules files the way the Falco engine loads them, and reports every problem with its exact place.
Paths are rules files or directories (searched for .yaml/.yml rules files); default: the current directory.

Options:
  --config <falco.yaml>     load order from this Falco configuration (rules_files); default: a falco.yaml
                            found in the given directories
  --format text|json|sarif  output format (default text); sarif is SARIF 2.1.0 for code scanning
  --output <file>           write the report to a file instead of standard output
  --plugins <a,b,…>         plugins Falco loads (e.g. container,k8saudit,json); default: load_plugins of the
                            falco.yaml, else all known plugins
  --engine-version <x.y.z>  engine version to check required_engine_version against (default 0.62.0)
  --fields <file.json>      extra field catalog from \`falco --list --format json\` (repeatable), for the
                            fields of plugins the built-in catalog does not know
  -h, --help                this help
  --version                 the version of falco-rules

Exit status: 0 when no error was found, 1 when errors were found, 2 on a usage problem.

${coverageUsage}
  (--plugins, --engine-version and --fields as for check; exit status 0, or 2 on a usage problem)`;

export function parseArguments(argv: readonly string[]): ParsedArguments {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help') || args.length === 0) return { command: 'help' };
  if (args.includes('--version')) return { command: 'version' };
  const command = args.shift();
  if (command !== 'check' && command !== 'coverage') return { command: 'error', message: `unknown command '${command}'` };
  const paths: string[] = [];
  let config: string | undefined;
  let format: OutputFormat = 'text';
  let plugins: string[] | undefined;
  let engineVersion: string | undefined;
  let output: string | undefined;
  const fields: string[] = [];
  let coverageFormat: CoverageFormat = 'text';
  let layerName: string | undefined;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (!arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    const takesValue = ['--config', '--format', '--plugins', '--engine-version', '--output', '--fields', ...(command === 'coverage' ? ['--name'] : [])].includes(arg);
    if (!takesValue) return { command: 'error', message: `unknown option '${arg}'` };
    const value = args.shift();
    if (value === undefined || value === '' || (value.startsWith('--') && value.length > 2)) return { command: 'error', message: `${arg} is missing its value` };
    if (arg === '--config') config = value;
    else if (arg === '--output') output = value;
    else if (arg === '--fields') fields.push(value);
    else if (arg === '--name') layerName = value;
    else if (arg === '--format' && command === 'coverage') {
      if (!coverageFormats.includes(value as CoverageFormat)) return { command: 'error', message: `--format takes ${coverageFormats.join(', ')} for coverage, not '${value}'` };
      coverageFormat = value as CoverageFormat;
    }
    else if (arg === '--plugins') plugins = value.split(',').map((name) => name.trim()).filter(Boolean);
    else if (arg === '--engine-version') {
      if (!/^(\d+|\d+\.\d+\.\d+.*)$/.test(value)) return { command: 'error', message: `--engine-version takes a version such as 0.62.0, not '${value}'` };
      engineVersion = value;
    } else if (arg === '--format') {
      if (value !== 'text' && value !== 'json' && value !== 'sarif') return { command: 'error', message: `--format takes text, json or sarif, not '${value}'` };
      format = value;
    }
  }
  return { command, paths: paths.length > 0 ? paths : ['.'], config, format, plugins, engineVersion, output, fields, coverageFormat, layerName };
}
