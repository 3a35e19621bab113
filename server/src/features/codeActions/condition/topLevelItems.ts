/**
 * New top-level items (a list or a macro created by a refactoring) and removed ones: where they go, in the
 * layout the file already uses (the entry's dash indentation, the key column, line endings, flow or block
 * `items`), so that the comments above an item stay attached to it and blank lines separate the items.
 */
import type { RulesFileSyntax, RulesItem } from '../../../syntax/rulesFile';
import type { Span } from '../../../syntax/span';
import { getPair } from '../../../syntax/yaml/tree';
import { lineEnd, lineStart } from '../../../syntax/lines';

export interface ItemLayout {
  /** Blanks before the entry's `-`. */
  readonly dashIndent: string;
  /** What comes before the first key on the entry's line: the dash with the blanks around it (`- `). */
  readonly entryPrefix: string;
  /** Blanks from the line start to the item's keys. */
  readonly keyIndent: string;
  readonly eol: string;
}

/** The text of a line without its line break. */
function lineText(text: string, start: number): string {
  return text.slice(start, lineEnd(text, start)).replace(/\r$/, '');
}

/** How the item's entry is laid out (`- key: …` on one line), or undefined for an unusual layout. */
export function itemLayout(text: string, item: RulesItem): ItemLayout | undefined {
  if (!item.map || item.map.flow) return undefined;
  const start = item.node.span.start;
  const prefix = text.slice(lineStart(text, start), start);
  const match = /^( *)-( +)$/.exec(prefix);
  if (!match) return undefined;
  return { dashIndent: match[1], entryPrefix: prefix, keyIndent: ' '.repeat(prefix.length), eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * Where a new item goes so that it comes right before `item`: the start of the comment lines directly above the
 * item (no blank line between, indented no deeper than its dash), which stay attached to it.
 */
export function insertionPointBefore(text: string, item: RulesItem, layout: ItemLayout): number {
  let point = lineStart(text, item.node.span.start);
  while (point > 0) {
    const previous = lineStart(text, point - 1);
    const line = lineText(text, previous);
    const comment = /^( *)#/.exec(line);
    if (!comment || comment[1].length > layout.dashIndent.length) break;
    point = previous;
  }
  return point;
}

/**
 * The insertion of `itemText` (no trailing line break) at `point`, a line start or the end of the text:
 * separated from its neighbours by one blank line.
 */
export function insertItemAt(text: string, point: number, itemText: string, eol: string): { span: Span; newText: string } {
  let before = '';
  if (point === text.length && point > 0) {
    if (!text.endsWith('\n')) before = eol;
    const lastLine = lineText(text, lineStart(text, text.endsWith('\n') ? point - 1 : point));
    if (!text.endsWith('\n') || lastLine.trim() !== '') before += eol;
    return { span: { start: point, end: point }, newText: `${before}${itemText}${eol}` };
  }
  if (point > 0) {
    const previous = lineText(text, lineStart(text, point - 1));
    if (previous.trim() !== '' && !/^(?:---|\.\.\.)(?:\s|$)/.test(previous)) before = eol;
  }
  return { span: { start: point, end: point }, newText: `${before}${itemText}${eol}${eol}` };
}

/** Where a new item goes to come right after `item`: before the next item (and its comments), else at the end. */
export function insertionPointAfter(syntax: RulesFileSyntax, item: RulesItem, layout: ItemLayout): number {
  const next = syntax.items[item.index + 1];
  if (!next) return syntax.text.length;
  return insertionPointBefore(syntax.text, next, itemLayout(syntax.text, next) ?? layout);
}

/**
 * The text an item occupies, for removing it: its attached comments above, its lines (with a trailing comment),
 * deeper-indented comment lines right after it, and the blank lines that follow (or, for the last item, those
 * before it).
 */
export function removalSpan(text: string, item: RulesItem, layout: ItemLayout): Span {
  const start = insertionPointBefore(text, item, layout);
  let last = item.node.span.end;
  while (last > item.node.span.start && /\s/.test(text[last - 1])) last--;
  let end = lineEnd(text, last);
  end = end < text.length ? end + 1 : end;
  while (end < text.length) {
    const line = lineText(text, end);
    const comment = /^( *)#/.exec(line);
    if (!comment || comment[1].length <= layout.dashIndent.length) break;
    end = Math.min(text.length, lineEnd(text, end) + 1);
  }
  let blankEnd = end;
  while (blankEnd < text.length && lineText(text, blankEnd).trim() === '') blankEnd = Math.min(text.length, lineEnd(text, blankEnd) + 1);
  if (blankEnd < text.length) return { start, end: blankEnd };
  let blankStart = start;
  while (blankStart > 0) {
    const previous = lineStart(text, blankStart - 1);
    if (lineText(text, previous).trim() !== '') break;
    blankStart = previous;
  }
  return { start: blankStart, end: blankEnd };
}

/** How the file writes list items: the style of the nearest list before `item` (else after it); flow by default. */
export function listItemsStyle(syntax: RulesFileSyntax, item: RulesItem): { flow: true } | { flow: false; entryIndent: number } {
  const lists = syntax.items.filter((candidate) => candidate.kind === 'list' && candidate.map);
  const ordered = [...lists.filter((candidate) => candidate.index < item.index).reverse(), ...lists.filter((candidate) => candidate.index > item.index)];
  for (const list of ordered) {
    const pair = getPair(list.map!, 'items');
    const seq = pair?.value;
    if (!pair || !seq || seq.kind !== 'seq') continue;
    if (seq.flow) return { flow: true };
    const first = seq.items.find((entry) => entry !== null);
    if (!first) continue;
    const prefix = syntax.text.slice(lineStart(syntax.text, first.span.start), first.span.start);
    const match = /^( *)- +$/.exec(prefix);
    const keyColumn = pair.keySpan.start - lineStart(syntax.text, pair.keySpan.start);
    if (match && match[1].length >= keyColumn) return { flow: false, entryIndent: match[1].length - keyColumn };
  }
  return { flow: true };
}
