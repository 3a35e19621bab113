/**
 * Finds the YAML files of the workspace folders (bounded in number and size, honouring exclude globs) and the
 * falco.yaml that sets the load order. Reading happens here, in the glue; the service only receives texts.
 */
import { isFalcoConfigName } from '../semantic/falcoConfig';
import type { FileSystem } from './fileSystem';
import { matchesAnyGlob } from './glob';

export const maxFileBytes = 5 * 1024 * 1024;

export interface ScanResult {
  /** Absolute paths of .yaml/.yml files, sorted. */
  readonly yamlFiles: string[];
  /** The shallowest falco.yaml found, if any. */
  readonly falcoConfig: string | undefined;
  /** True when the file limit stopped the scan. */
  readonly truncated: boolean;
}

const skippedDirectories = new Set(['node_modules', '.git', '.hg', '.svn']);

export async function scanFolders(fs: FileSystem, roots: readonly string[], exclude: readonly string[], maxFiles: number, isCancelled: () => boolean): Promise<ScanResult> {
  const yamlFiles: string[] = [];
  let truncated = false;
  const queue = [...roots];
  while (queue.length > 0 && !isCancelled()) {
    const directory = queue.shift()!;
    let entries;
    try {
      entries = await fs.readDirectory(directory);
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = `${directory === '/' ? '' : directory}/${entry.name}`;
      if (entry.isDirectory) {
        if (!skippedDirectories.has(entry.name) && !matchesAnyGlob(path, exclude)) queue.push(path);
        continue;
      }
      if (!entry.isFile || !(entry.name.endsWith('.yaml') || entry.name.endsWith('.yml'))) continue;
      if (matchesAnyGlob(path, exclude)) continue;
      if (yamlFiles.length >= maxFiles) {
        truncated = true;
        break;
      }
      yamlFiles.push(path);
    }
    if (truncated) break;
  }
  yamlFiles.sort();
  const configs = yamlFiles.filter(isFalcoConfigName).sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  return { yamlFiles, falcoConfig: configs[0], truncated };
}
