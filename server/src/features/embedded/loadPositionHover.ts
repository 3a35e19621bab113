/**
 * Hover text about the load order: where a rules file sits in the order Falco loads the workspace's files (on a
 * Helm `customRules` key, an operator's `inlineRules`), and which files a `rules_files` entry loads.
 */
import { inlineCode } from '../hover/markdown';

export interface LoadOrderEntry {
  /** The client document holding the file. */
  readonly uri: string;
  /** The path Falco reads it from (an embedded file's deployed path). */
  readonly path: string;
  /** A short name for people (`values.yaml › my-rules.yaml`). */
  readonly label: string;
}

export interface LoadOrderView {
  readonly files: readonly LoadOrderEntry[];
  /** Upstream rules files the configuration loads that the workspace lacks (assumed loaded first). */
  readonly assumedUpstream: readonly string[];
}

const MAX_LISTED = 15;

function ordinal(position: number): string {
  const tens = position % 100;
  if (tens >= 11 && tens <= 13) return `${position}th`;
  const suffixes: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd' };
  return `${position}${suffixes[position % 10] ?? 'th'}`;
}

/** The order as a numbered list, the `highlight`ed paths in bold; long orders keep the neighbourhood of the first one. */
function orderList(view: LoadOrderView, highlight: ReadonlySet<string>): string {
  const rows = [
    ...view.assumedUpstream.map((name) => `${name} (upstream, not in the workspace: assumed loaded)`),
    ...view.files.map((file) => (highlight.has(file.path) ? `**${file.label}**` : file.label) + ` — ${inlineCode(file.path)}`),
  ];
  const first = view.assumedUpstream.length + Math.max(0, view.files.findIndex((file) => highlight.has(file.path)));
  let from = 0;
  let to = rows.length;
  if (rows.length > MAX_LISTED) {
    from = Math.max(0, Math.min(first - 5, rows.length - MAX_LISTED));
    to = from + MAX_LISTED;
  }
  const lines = rows.slice(from, to).map((row, offset) => `${from + offset + 1}. ${row}`);
  if (from > 0) lines.unshift(`… ${from} earlier`);
  if (to < rows.length) lines.push(`… ${rows.length - to} more`);
  return lines.join('\n');
}

/** Hover on the key that names an embedded rules file. */
export function loadPositionHover(view: LoadOrderView, path: string, heading: string): string {
  const position = view.files.findIndex((file) => file.path === path);
  const total = view.files.length + view.assumedUpstream.length;
  if (position < 0) return `${heading}\n\nNot a rules file Falco loads: it holds no rules items yet.`;
  const rank = position + 1 + view.assumedUpstream.length;
  return [
    heading,
    `Deployed as ${inlineCode(path)}; Falco loads it ${ordinal(rank)} of ${total}. Names it uses must be defined in this file or in a file loaded before it.`,
    orderList(view, new Set([path])),
  ].join('\n\n');
}

/** Hover on a `rules_files` entry: the files it loads. */
export function rulesFilesEntryHover(view: LoadOrderView, entry: string, paths: readonly string[]): string {
  const heading = `**rules_files** entry ${inlineCode(entry)}`;
  if (paths.length === 0) {
    const upstream = view.assumedUpstream.find((name) => entry.endsWith(`/${name}`) || entry === name);
    return upstream
      ? `${heading}\n\nUpstream rules file not found in the workspace: its names are assumed to be defined. Add its path to the \`falco.rulesFiles.extraPaths\` setting to check them for real.`
      : `${heading}\n\nNo rules file of the workspace matches this entry.`;
  }
  return [heading, `Loads ${paths.length} rules file${paths.length === 1 ? '' : 's'} of the workspace:`, orderList(view, new Set(paths))].join('\n\n');
}
