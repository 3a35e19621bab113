/**
 * A line-by-line reading of a host file's entries that hold rules (`customRules:` entries, `inlineRules:`,
 * ConfigMap `data:` entries) and of the lines after them, by indentation only: it still works when a mistake has
 * broken the YAML, which is when the indentation checks are needed.
 */
import type { Span } from '../../syntax/span';

export interface TextLine {
  /** Offset of the line's first character. */
  readonly start: number;
  /** The line without its line break. */
  readonly content: string;
  /** Leading spaces. */
  readonly indent: number;
}

export interface HostEntry {
  readonly section: 'customRules' | 'inlineRules' | 'data';
  /** Index of the entry's line. */
  readonly line: number;
  /** Column of the key. */
  readonly indent: number;
  /** The file name (the key without quotes). */
  readonly name: string;
  /** The key as written. */
  readonly keyText: string;
  readonly keySpan: Span;
  /** Offset just after the `:`. */
  readonly colonEnd: number;
  /** What follows the colon, without a trailing comment. */
  readonly value: string;
}

export interface BlockRun {
  /**
   * `outside`: the rules start at or left of the key, after a block header (the block is empty);
   * `cut`: the block ends early at a line less indented than the block but deeper than the key;
   * `not-text`: a customRules entry with no block header, followed by rules items.
   */
  readonly kind: 'outside' | 'cut' | 'not-text';
  /** The lines that should be in the block (no trailing blank lines). */
  readonly lines: readonly TextLine[];
  /** The block's indentation (for `outside` and `not-text`: the key's plus two). */
  readonly bodyIndent: number;
}

export function splitTextLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? text.length + 1 : end + 1;
    if (end < 0) end = text.length;
    const content = text.slice(start, end).replace(/\r$/, '');
    lines.push({ start, content, indent: /^ */.exec(content)![0].length });
    start = next;
  }
  return lines;
}

const isBlank = (line: TextLine): boolean => line.content.trim() === '';
const isComment = (line: TextLine): boolean => line.content.trimStart().startsWith('#');

/** A line that starts a rules item (`- rule:`, `- macro:`, `- list:`…). */
export function itemStart(line: TextLine): boolean {
  return /^-[ \t]+(?:rule|macro|list|required_engine_version|required_plugin_versions)[ \t]*:/.test(line.content.trimStart());
}

const ENTRY = /^( *)("[^"]*"|'[^']*'|[^\s#'"-][^:#]*?)[ \t]*:(?=[ \t]|$)[ \t]*(.*?)[ \t]*(?:(?<=^|[ \t])#.*)?$/;

function entryAt(lines: readonly TextLine[], index: number, section: HostEntry['section']): HostEntry | undefined {
  const line = lines[index]!;
  const match = ENTRY.exec(line.content);
  if (!match) return undefined;
  const keyText = match[2]!;
  const keyStart = line.start + match[1]!.length;
  const name = /^["']/.test(keyText) ? keyText.slice(1, -1) : keyText;
  const colonEnd = line.start + line.content.indexOf(':', match[1]!.length + keyText.length) + 1;
  return { section, line: index, indent: line.indent, name, keyText, keySpan: { start: keyStart, end: keyStart + keyText.length }, colonEnd, value: match[3]! };
}

/** The entries that hold rules text, in line order. */
export function entriesOf(lines: readonly TextLine[]): HostEntry[] {
  const entries: HostEntry[] = [];
  const configMap = lines.some((line) => /^kind:[ \t]*ConfigMap\b/.test(line.content));
  lines.forEach((line, index) => {
    const section = /^ *(customRules|data|inlineRules)[ \t]*:/.exec(line.content)?.[1] as HostEntry['section'] | undefined;
    if (!section || (section === 'data' && !configMap)) return;
    if (section === 'inlineRules') {
      const entry = entryAt(lines, index, 'inlineRules');
      if (entry) entries.push(entry);
      return;
    }
    if (!/:[ \t]*(?:#.*)?$/.test(line.content)) return;
    let childIndent = -1;
    for (let next = index + 1; next < lines.length; next++) {
      const child = lines[next]!;
      if (isBlank(child) || isComment(child)) continue;
      if (child.indent <= line.indent) break;
      if (childIndent < 0) childIndent = child.indent;
      if (child.indent !== childIndent) continue;
      const entry = entryAt(lines, next, section);
      if (entry && (section === 'customRules' || /\.ya?ml$/.test(entry.name))) entries.push(entry);
    }
  });
  return entries;
}

/** The lines from `from` on that belong to one rules file written at indentation `column` (no trailing blanks). */
function rulesRun(lines: readonly TextLine[], from: number, column: number, keyIndent: number): TextLine[] {
  const run: TextLine[] = [];
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]!;
    const inside = isBlank(line) || line.indent > column || (line.indent === column && (line.content.trimStart().startsWith('- ') || isComment(line)));
    if (!inside || (index > from && line.indent <= keyIndent && column > keyIndent)) break;
    run.push(line);
  }
  while (run.length > 0 && isBlank(run[run.length - 1]!)) run.pop();
  return run;
}

/** What is wrong with the lines after an entry, or null when they are fine. */
export function blockRun(lines: readonly TextLine[], entry: HostEntry): BlockRun | null {
  let first = entry.line + 1;
  while (first < lines.length && isBlank(lines[first]!)) first++;
  const next = lines[first];
  if (!next) return null;
  const header = /^[|>]([-+]?)([1-9]?)([-+]?)$/.exec(entry.value);
  if (header) {
    const explicit = header[2] ? Number(header[2]) : 0;
    if ((explicit === 0 && next.indent <= entry.indent) || (explicit > 0 && next.indent < entry.indent + explicit)) {
      if (next.indent > entry.indent || !itemStart(next)) return null;
      return { kind: 'outside', lines: rulesRun(lines, first, next.indent, entry.indent), bodyIndent: entry.indent + 2 };
    }
    const bodyIndent = explicit > 0 ? entry.indent + explicit : next.indent;
    let after = first;
    while (after < lines.length && (isBlank(lines[after]!) || lines[after]!.indent >= bodyIndent)) after++;
    const cut = lines[after];
    if (!cut || cut.indent <= entry.indent || isComment(cut)) return null;
    const run: TextLine[] = [];
    for (let index = after; index < lines.length && (isBlank(lines[index]!) || lines[index]!.indent > entry.indent); index++) run.push(lines[index]!);
    while (run.length > 0 && isBlank(run[run.length - 1]!)) run.pop();
    return { kind: 'cut', lines: run, bodyIndent };
  }
  if (entry.section !== 'customRules' || entry.value !== '' || !itemStart(next) || next.indent < entry.indent) return null;
  return { kind: 'not-text', lines: rulesRun(lines, first, next.indent, entry.indent), bodyIndent: entry.indent + 2 };
}
