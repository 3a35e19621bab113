/**
 * The server's settings (`falco.*` in VS Code). One typed shape with defaults; the server pulls it with
 * `workspace/configuration` and never keeps it in module globals.
 */

export interface FalcoSettings {
  /** Globs of files always treated as Falco rules files. */
  readonly filesInclude: readonly string[];
  /** Globs of files never treated as Falco rules files (and not scanned). */
  readonly filesExclude: readonly string[];
  /** Rules files (or directories of them) outside the workspace to index too (e.g. /etc/falco/falco_rules.yaml). */
  readonly extraRulesFiles: readonly string[];
  /** Directories where Falco installs its default rules files, searched for the upstream files the workspace lacks. */
  readonly upstreamSearchPaths: readonly string[];
  /** The load order to use instead of a falco.yaml's `rules_files` (empty: none). */
  readonly loadOrder: readonly string[];
  /** Assume the names of upstream rules files that are loaded but not found, instead of reporting them undefined. */
  readonly assumeUpstream: boolean;
  /** Upper bound on the number of YAML files read when scanning the workspace. */
  readonly maxIndexedFiles: number;
  /** Engine version the rules target. */
  readonly engineVersion: string;
  /** Plugins Falco loads; undefined: every plugin the catalogs know. */
  readonly plugins: readonly string[] | undefined;
  /** Field lists (`falco --list --format json`) of plugins the built-in catalog does not know. */
  readonly fieldCatalogs: readonly string[];
  /** Severity per diagnostic code (`off` silences it). */
  readonly severities: Readonly<Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>>;
}

export const defaultSettings: FalcoSettings = {
  filesInclude: [],
  filesExclude: ['**/node_modules/**', '**/.git/**'],
  extraRulesFiles: [],
  upstreamSearchPaths: ['/etc/falco'],
  loadOrder: [],
  assumeUpstream: true,
  maxIndexedFiles: 5000,
  engineVersion: '0.62.0',
  plugins: undefined,
  fieldCatalogs: [],
  severities: {},
};

const levels = new Set(['error', 'warning', 'information', 'hint', 'off']);

function severityMap(value: unknown): FalcoSettings['severities'] {
  if (typeof value !== 'object' || value === null) return {};
  const result: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'> = {};
  for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
    if (typeof level === 'string' && levels.has(level)) result[code] = level as 'error';
  }
  return result;
}

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : fallback;
}

/** Reads the `falco` configuration section as the client sends it. */
export function toSettings(section: unknown): FalcoSettings {
  const record = (typeof section === 'object' && section !== null ? section : {}) as Record<string, unknown>;
  const files = (record.files ?? {}) as Record<string, unknown>;
  const rulesFiles = (record.rulesFiles ?? {}) as Record<string, unknown>;
  const indexSection = (record.index ?? {}) as Record<string, unknown>;
  const maxFiles = indexSection.maxFiles;
  const engine = (record.engine ?? {}) as Record<string, unknown>;
  const diagnostics = (record.diagnostics ?? {}) as Record<string, unknown>;
  return {
    filesInclude: stringList(files.include, defaultSettings.filesInclude),
    filesExclude: stringList(files.exclude, defaultSettings.filesExclude),
    extraRulesFiles: stringList(rulesFiles.extraPaths, defaultSettings.extraRulesFiles),
    upstreamSearchPaths: stringList(rulesFiles.upstreamSearchPaths, defaultSettings.upstreamSearchPaths),
    loadOrder: stringList(rulesFiles.loadOrder, defaultSettings.loadOrder),
    assumeUpstream: typeof rulesFiles.assumeUpstream === 'boolean' ? rulesFiles.assumeUpstream : defaultSettings.assumeUpstream,
    maxIndexedFiles: typeof maxFiles === 'number' && maxFiles > 0 ? Math.floor(maxFiles) : defaultSettings.maxIndexedFiles,
    engineVersion: typeof engine.version === 'string' && engine.version.trim() !== '' ? engine.version.trim() : defaultSettings.engineVersion,
    plugins: Array.isArray(engine.plugins) ? stringList(engine.plugins, []) : undefined,
    fieldCatalogs: stringList(((record.fieldCatalogs ?? {}) as Record<string, unknown>).extraPaths, defaultSettings.fieldCatalogs),
    severities: severityMap(diagnostics.severity),
  };
}
