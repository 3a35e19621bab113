/**
 * Where the cursor sits in the YAML structure, read from indentation alone: the keys that enclose the cursor's
 * line and whether the line is a key being typed, a key's value or a sequence entry. Completion needs this on
 * half-written text that YAML cannot parse yet (`  pri` under `desc: x` is a continuation of `desc` to YAML).
 */

/** One enclosing level, innermost last. */
export interface OutlineLevel {
  /** The key that owns the level (`exceptions`, `override`); null for a top-level sequence entry. */
  readonly key: string | null;
  /** Column of that key. */
  readonly column: number;
  /** The level is an entry of a block sequence (`- …`). */
  readonly inSequence: boolean;
}

export type LineShape =
  /** Typing a key (or nothing yet) at `column`; `dash` when the line starts a sequence entry. */
  | { readonly type: 'key'; readonly column: number; readonly dash: boolean; readonly prefixStart: number }
  /** After `key:` on the line; `valueStart` is where the value text begins. */
  | { readonly type: 'value'; readonly key: string; readonly column: number; readonly dash: boolean; readonly valueStart: number }
  /** A block sequence entry `- value` (not a key). */
  | { readonly type: 'entry'; readonly column: number; readonly valueStart: number }
  | { readonly type: 'other' };

export interface Outline {
  readonly line: LineShape;
  /** Enclosing keys from the outermost. `levels[0]` is the top-level item the cursor is in, if any. */
  readonly levels: readonly OutlineLevel[];
  /** Keys already written in the map the cursor's line belongs to. */
  readonly siblingKeys: ReadonlySet<string>;
  /** Start offset of the cursor's line. */
  readonly lineStart: number;
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z0-9_.-]+)[ \t]*:(?=\s|$)/;

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Classifies the text of the cursor's line before the cursor. */
function shapeOf(before: string, lineStart: number): LineShape {
  const keyTyping = /^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_-]*)?$/.exec(before);
  if (keyTyping) {
    const column = keyTyping[1].length + (keyTyping[2]?.length ?? 0);
    return { type: 'key', column, dash: Boolean(keyTyping[2]), prefixStart: lineStart + column };
  }
  const keyed = KEY_LINE.exec(before);
  if (keyed) {
    const column = keyed[1].length + (keyed[2]?.length ?? 0);
    let valueStart = keyed[0].length;
    while (valueStart < before.length && (before[valueStart] === ' ' || before[valueStart] === '\t')) valueStart++;
    return { type: 'value', key: keyed[3], column, dash: Boolean(keyed[2]), valueStart: lineStart + valueStart };
  }
  const entry = /^(\s*)-\s+/.exec(before);
  if (entry) return { type: 'entry', column: entry[1].length, valueStart: lineStart + entry[0].length };
  return { type: 'other' };
}

/**
 * Reads the outline of `text` at `offset`. Lines above the cursor are scanned upwards until column 0; cost is
 * bounded by the size of the enclosing top-level item (and at most `maxLines` lines).
 */
export function readOutline(text: string, offset: number, maxLines = 2000): Outline {
  const lineStart = lineStartOf(text, offset);
  const line = shapeOf(text.slice(lineStart, offset), lineStart);
  const levels: OutlineLevel[] = [];
  const siblingKeys = new Set<string>();
  // The column of the map (or sequence) the cursor's line belongs to.
  let column = line.type === 'key' || line.type === 'value' ? line.column : line.type === 'entry' ? line.column : indentation(text, lineStart);
  let collectSiblings = line.type === 'key' || line.type === 'value';
  let sequenceColumn = line.type === 'entry' || ((line.type === 'key' || line.type === 'value') && line.dash) ? (line.type === 'entry' ? line.column : line.column - dashWidth(text, lineStart)) : -1;
  // A new sequence entry starts a new map: keys of the entries above are not its siblings.
  if (line.type === 'entry' || ((line.type === 'key' || line.type === 'value') && line.dash)) collectSiblings = false;
  let fromSequence = sequenceColumn >= 0 && sequenceColumn === column - (line.type === 'entry' ? 0 : dashWidth(text, lineStart));
  let end = lineStart - 1;
  let scanned = 0;
  while (end > 0 && column > 0 && scanned++ < maxLines) {
    const start = lineStartOf(text, end);
    const content = text.slice(start, end);
    end = start - 1;
    const trimmed = content.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineIndent = content.length - trimmed.length;
    const keyed = KEY_LINE.exec(content);
    const dash = /^(\s*)(-\s+)/.exec(content);
    const contentColumn = lineIndent + (dash ? dash[2].length : 0);
    // `key:` with the sequence below it at the same indentation (`required_plugin_versions:\n- name: x`).
    if (fromSequence && keyed && contentColumn === column && content.slice(keyed[0].length).trim().replace(/^#.*/, '') === '') {
      levels.unshift({ key: keyed[3], column: contentColumn, inSequence: true });
      sequenceColumn = dash ? lineIndent : -1;
      fromSequence = false;
      column = dash ? lineIndent : contentColumn;
      continue;
    }
    if (lineIndent >= column && !(dash && contentColumn === column)) {
      if (keyed && contentColumn === column && collectSiblings) siblingKeys.add(keyed[3]);
      continue;
    }
    if (dash && contentColumn === column) {
      // `- key: …` whose map holds the cursor's line: a sibling key, and the map is a sequence entry.
      if (keyed && collectSiblings) siblingKeys.add(keyed[3]);
      collectSiblings = false;
      sequenceColumn = lineIndent;
      column = lineIndent;
      fromSequence = true;
      if (column === 0) break;
      continue;
    }
    if (keyed && contentColumn < column) {
      levels.unshift({ key: keyed[3], column: contentColumn, inSequence: sequenceColumn >= 0 && sequenceColumn >= contentColumn });
      sequenceColumn = dash ? lineIndent : -1;
      fromSequence = Boolean(dash);
      collectSiblings = false;
      column = dash ? lineIndent : contentColumn;
      continue;
    }
    if (lineIndent < column) {
      // A plain continuation line or a block scalar line with less indentation: not structure.
      if (!dash && !keyed) continue;
      column = lineIndent;
    }
  }
  if (line.type === 'key' || line.type === 'value') collectBelow(text, offset, line.column, siblingKeys);
  if (sequenceColumn === 0 || (column === 0 && levels.length === 0 && sequenceColumn >= 0)) levels.unshift({ key: null, column: 0, inSequence: true });
  else if (levels.length > 0 && levels[0].column > 0 && sequenceColumn >= 0 && sequenceColumn < levels[0].column) {
    levels.unshift({ key: null, column: sequenceColumn, inSequence: true });
  }
  return { line, levels, siblingKeys, lineStart };
}

/** Keys at `column` on the lines below the cursor, up to the first line indented less (the end of the map). */
function collectBelow(text: string, offset: number, column: number, keys: Set<string>, maxLines = 500): void {
  let start = text.indexOf('\n', offset) + 1;
  for (let count = 0; start > 0 && start < text.length && count < maxLines; count++) {
    const end = text.indexOf('\n', start);
    const content = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? -1 : end + 1;
    const trimmed = content.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineIndent = content.length - trimmed.length;
    if (lineIndent < column) return;
    if (lineIndent === column) {
      if (trimmed.startsWith('-')) return;
      const keyed = KEY_LINE.exec(content);
      if (keyed) keys.add(keyed[3]);
    }
  }
}

function indentation(text: string, lineStart: number): number {
  let index = lineStart;
  while (text[index] === ' ') index++;
  return index - lineStart;
}

function dashWidth(text: string, lineStart: number): number {
  const match = /^\s*(-\s+)/.exec(text.slice(lineStart, lineStart + 200));
  return match ? match[1].length : 0;
}
