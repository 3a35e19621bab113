/**
 * Falco's load order for the rules files of a workspace. With a `falco.yaml` in the workspace, its
 * `rules_files` entries decide (files as listed; directories expanded alphabetically to their `.yaml`/`.yml`
 * files; falco-language.md §1.11). Files it does not name, or every file when there is no config, follow the
 * order of Falco's default configuration (`falco_rules.yaml`, `falco_rules.local.yaml`, `rules.d/`): upstream
 * ruleset names first, then `falco_rules.local.yaml`, then files in a `rules.d` directory (where the Helm chart and
 * the operator put custom rules) alphabetically by name, then every other file alphabetically by path.
 */

export interface LoadOrderConfig {
  /** Directory of the falco.yaml the entries are relative to (a path, no trailing slash). */
  readonly baseDirectory: string;
  /** `rules_files` entries as written (absolute or relative paths, files or directories). */
  readonly rulesFiles: readonly string[];
}

const upstreamNames = ['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml', 'falco-deprecated_rules.yaml'];

/** The last component of a `/`-separated path. */
export function basename(path: string): string {
  const index = path.lastIndexOf('/');
  return index >= 0 ? path.slice(index + 1) : path;
}

function defaultRank(path: string): number {
  const name = basename(path);
  const upstream = upstreamNames.indexOf(name);
  if (upstream >= 0) return upstream;
  if (name === 'falco_rules.local.yaml') return upstreamNames.length;
  if (/(?:^|\/)rules\.d\/[^/]+$/.test(path)) return upstreamNames.length + 1;
  return upstreamNames.length + 2;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDefault(a: string, b: string): number {
  const rankA = defaultRank(a);
  const rank = rankA - defaultRank(b);
  if (rank !== 0) return rank;
  if (rankA === upstreamNames.length + 1) return compareText(basename(a), basename(b)) || compareText(a, b);
  return compareText(a, b);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

function isYamlName(path: string): boolean {
  return path.endsWith('.yaml') || path.endsWith('.yml');
}

/**
 * Finds the workspace files an entry stands for. An absolute entry that is not in the workspace (the usual
 * `/etc/falco/...`) is matched by its trailing path components, so a repository that mirrors that layout works.
 */
export function filesForEntry(entry: string, config: LoadOrderConfig, paths: readonly string[]): string[] {
  const target = normalize(entry.startsWith('/') ? entry : `${config.baseDirectory}/${entry}`);
  const exact = paths.filter((path) => path === target);
  if (exact.length > 0) return exact;
  const inside = paths.filter((path) => path.startsWith(target + '/') && isYamlName(path)).sort();
  if (inside.length > 0) return inside;
  if (!entry.startsWith('/')) return [];
  const segments = target.split('/').filter(Boolean);
  for (let keep = segments.length - 1; keep >= 1; keep--) {
    const suffix = '/' + segments.slice(segments.length - keep).join('/');
    const byFile = paths.filter((path) => path.endsWith(suffix));
    if (byFile.length > 0) return byFile.sort();
    const byDirectory = paths.filter((path) => path.includes(suffix + '/') && isYamlName(path)).sort();
    if (byDirectory.length > 0) return byDirectory;
  }
  return [];
}

/** Returns the given file paths in load order. */
export function computeLoadOrder(paths: readonly string[], config: LoadOrderConfig | null): string[] {
  const remaining = new Set(paths);
  const ordered: string[] = [];
  if (config) {
    for (const entry of config.rulesFiles) {
      for (const path of filesForEntry(entry, config, paths)) {
        if (remaining.delete(path)) ordered.push(path);
      }
    }
  }
  ordered.push(...[...remaining].sort(compareDefault));
  return ordered;
}
