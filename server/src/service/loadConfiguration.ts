/**
 * Which configuration decides the load order, and what it implies: a setting's list first, else the workspace's
 * falco.yaml `rules_files`, else a Helm values file's `falco.rules_files`, else Falco's default
 * (/etc/falco/falco_rules.yaml, /etc/falco/falco_rules.local.yaml, /etc/falco/rules.d). Also the upstream rules
 * files that configuration loads but the workspace lacks, and hovers on the falco.yaml's `rules_files` entries.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import { rulesFilesEntryHover, type LoadOrderView } from '../features/embedded/loadPositionHover';
import { isUpstreamFileName } from '../semantic/catalogs/upstreamNames';
import { parseFalcoConfig } from '../semantic/falcoConfig';
import { basename, filesForEntry, type LoadOrderConfig } from '../semantic/loadOrder';
import { uriToPath, type WorkspaceIndex } from '../semantic/workspaceIndex';
import { rulesFilesEntries, type RulesFilesEntry } from '../syntax/embedded/rulesFilesEntries';
import type { HostDocument } from './embeddedFiles';
import { LineIndex } from './lineIndex';

/** The rules files of Falco's default configuration (and of the Helm chart's). */
export const DEFAULT_RULES_FILES: readonly string[] = ['/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml', '/etc/falco/rules.d'];

interface ConfigFile {
  readonly uri: string;
  readonly baseDirectory: string;
  readonly rulesFiles: readonly string[];
  readonly entries: readonly RulesFilesEntry[];
  readonly lines: LineIndex;
}

export class LoadConfiguration {
  /** `load_plugins` of the workspace's falco.yaml. */
  configPlugins: readonly string[] | undefined;
  private configFile: ConfigFile | null = null;
  private effective: LoadOrderConfig | null = null;

  constructor(private readonly index: WorkspaceIndex) {}

  setFalcoConfig(uri: string | null, text: string | null): void {
    const config = uri && text !== null ? parseFalcoConfig(text) : null;
    this.configPlugins = config?.loadPlugins;
    if (!uri || text === null || !config) {
      this.configFile = null;
      return;
    }
    const path = uriToPath(uri);
    this.configFile = { uri, baseDirectory: path.slice(0, path.lastIndexOf('/')) || '/', rulesFiles: config.rulesFiles, entries: rulesFilesEntries(text), lines: new LineIndex(text) };
  }

  /** Recomputes the configuration in effect and hands it to the index when it changed. */
  apply(settingOrder: readonly string[], hosts: readonly HostDocument[]): void {
    let config: LoadOrderConfig | null = null;
    if (settingOrder.length > 0) config = { baseDirectory: '/', rulesFiles: settingOrder };
    else if (this.configFile && this.configFile.rulesFiles.length > 0) config = { baseDirectory: this.configFile.baseDirectory, rulesFiles: this.configFile.rulesFiles };
    else {
      const helm = [...hosts].sort((a, b) => (a.uri < b.uri ? -1 : 1)).find((host) => host.facts.rulesFiles && host.facts.rulesFiles.length > 0);
      if (helm) config = { baseDirectory: '/etc/falco', rulesFiles: helm.facts.rulesFiles!.map((entry) => entry.path) };
    }
    if (JSON.stringify(config) === JSON.stringify(this.effective)) return;
    this.effective = config;
    this.index.setLoadOrderConfig(config);
  }

  /** Upstream rules files the configuration in effect loads and no indexed file stands for, by name. */
  missingUpstream(): string[] {
    const entries = this.effective?.rulesFiles ?? DEFAULT_RULES_FILES;
    const indexed = new Set(this.index.files().map((file) => basename(file.path)));
    const missing = entries.map(basename).filter((name) => isUpstreamFileName(name) && !indexed.has(name));
    return [...new Set(missing)];
  }

  /** Hover on an entry of the falco.yaml's `rules_files`. */
  hover(uri: string, position: Position, view: LoadOrderView): Hover | null {
    const file = this.configFile;
    if (!file || file.uri !== uri) return null;
    const offset = file.lines.offsetAt(position);
    const entry = file.entries.find((candidate) => offset >= candidate.span.start && offset <= candidate.span.end);
    if (!entry) return null;
    const paths = filesForEntry(entry.path, { baseDirectory: file.baseDirectory, rulesFiles: [] }, view.files.map((item) => item.path));
    return { contents: { kind: 'markdown', value: rulesFilesEntryHover(view, entry.path, paths) }, range: file.lines.toRange(entry.span) };
  }
}
