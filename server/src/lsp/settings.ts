/**
 * The server's settings (`falco.*` in VS Code). One typed shape with defaults; the server pulls it with
 * `workspace/configuration` and never keeps it in module globals.
 */

export interface FalcoSettings {
  /** Globs of files always treated as Falco rules files. */
  readonly filesInclude: readonly string[];
  /** Globs of files never treated as Falco rules files (and not scanned). */
  readonly filesExclude: readonly string[];
  /** Rules files outside the workspace to index too (e.g. /etc/falco/falco_rules.yaml). */
  readonly extraRulesFiles: readonly string[];
  /** Upper bound on the number of YAML files read when scanning the workspace. */
  readonly maxIndexedFiles: number;
}

export const defaultSettings: FalcoSettings = {
  filesInclude: [],
  filesExclude: ['**/node_modules/**', '**/.git/**'],
  extraRulesFiles: [],
  maxIndexedFiles: 5000,
};

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
  return {
    filesInclude: stringList(files.include, defaultSettings.filesInclude),
    filesExclude: stringList(files.exclude, defaultSettings.filesExclude),
    extraRulesFiles: stringList(rulesFiles.extraPaths, defaultSettings.extraRulesFiles),
    maxIndexedFiles: typeof maxFiles === 'number' && maxFiles > 0 ? Math.floor(maxFiles) : defaultSettings.maxIndexedFiles,
  };
}
