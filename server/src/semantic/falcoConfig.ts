/**
 * Reads the parts of a Falco configuration file (`falco.yaml`) that matter to the editor: the `rules_files`
 * list (`rules_file` in older releases) that sets the load order, and `load_plugins`, the plugins Falco loads.
 */
import { parse } from 'yaml';

export interface FalcoConfig {
  readonly rulesFiles: readonly string[];
  /** `load_plugins`: the plugins Falco loads (undefined when the key is absent). */
  readonly loadPlugins?: readonly string[];
}

export function parseFalcoConfig(text: string): FalcoConfig | null {
  let value: unknown;
  try {
    value = parse(text, { strict: false, uniqueKeys: false });
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const loadPlugins = Array.isArray(record.load_plugins) ? record.load_plugins.filter((name): name is string => typeof name === 'string') : undefined;
  const entries = record.rules_files ?? record.rules_file;
  if (entries === undefined) return loadPlugins ? { rulesFiles: [], loadPlugins } : null;
  const list = Array.isArray(entries) ? entries : [entries];
  const rulesFiles = list.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    // Newer configs may also describe an entry as a mapping with a path.
    if (typeof entry === 'object' && entry !== null && typeof (entry as { path?: unknown }).path === 'string') return [(entry as { path: string }).path];
    return [];
  });
  return loadPlugins ? { rulesFiles, loadPlugins } : { rulesFiles };
}

/** True for file names Falco uses for its configuration. */
export function isFalcoConfigName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === 'falco.yaml' || name === 'falco.yml';
}
