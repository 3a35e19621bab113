/**
 * The text edits of moving an exception entry out of a rule: which lines it owns (its own lines, the comment
 * lines just above it at its column and the deeper comment lines just below it), how to remove them (the whole `exceptions:`
 * key when it was the only entry), and how to write the entry again at another column and line break style.
 */
import type { YNode } from '../../../syntax/yaml/tree';
import type { TextChange } from '../../diagnostics/diagnostic';
import type { ExceptionSite } from './exceptionAt';
import { contentEnd, lineEndOf, lineStartOf, nextLineStart, reindentLines, startsLine } from './yamlText';

export interface MovedEntry {
  /** The entry's text, from its first line (or, in a flow sequence, its first character) to its last. */
  readonly text: string;
  /** The column the text's first line starts at in the source (its `-`, or the flow mapping). */
  readonly column: number;
  /** Whether the text is one flow mapping (it can go into a flow sequence). */
  readonly flow: boolean;
  /** Column of the `exceptions` key, and of the entries' `-` (for block sequences). */
  readonly keyColumn: number;
  readonly dashColumn: number;
  readonly removal: TextChange;
}

function isCommentLine(text: string, start: number): boolean {
  return /^[ \t]*#/.test(text.slice(start, lineEndOf(text, start)));
}

function indentAt(text: string, start: number): number {
  return /^[ ]*/.exec(text.slice(start))![0].length;
}

/** Lines from the entry's comment lines above it to its deeper comment lines below it, in a block sequence. */
function blockLines(site: ExceptionSite, node: YNode, floor: number): { start: number; end: number; column: number } | undefined {
  const { text } = site;
  const dash = site.range.start;
  if (!startsLine(text, dash)) return undefined;
  const column = dash - lineStartOf(text, dash);
  let start = lineStartOf(text, dash);
  while (start > floor) {
    const previous = lineStartOf(text, start - 1);
    if (previous < floor || !isCommentLine(text, previous) || indentAt(text, previous) !== column) break;
    start = previous;
  }
  let end = lineEndOf(text, contentEnd(node));
  for (let next = nextLineStart(text, end); next < text.length && next < site.item.span.end; next = nextLineStart(text, next)) {
    if (!isCommentLine(text, next) || indentAt(text, next) <= column) break;
    end = lineEndOf(text, next);
  }
  return { start, end, column };
}

/** The lines of the `exceptions:` key and its value (to `end`), when the key starts its line. */
function wholeKey(site: ExceptionSite, end: number): TextChange | undefined {
  const { text } = site;
  const key = site.exceptionsPair.keySpan.start;
  if (!startsLine(text, key)) return undefined;
  return { span: { start: lineStartOf(text, key), end: nextLineStart(text, end) }, newText: '' };
}

/** What moving the site's entry removes and carries, or why it cannot be moved. */
export function moveEntry(site: ExceptionSite): MovedEntry | { reason: string } {
  const { text, sequence, entry } = site;
  const node: YNode = entry.map;
  const key = site.exceptionsPair.keySpan.start;
  const keyColumn = key - lineStartOf(text, key);
  const others = sequence.items.filter((item) => item !== node);
  if (!sequence.flow) {
    const entries = sequence.items.filter((item): item is YNode => item !== null);
    const index = entries.indexOf(node);
    const previous = index > 0 ? entries[index - 1]! : null;
    const floor = previous ? nextLineStart(text, contentEnd(previous)) : nextLineStart(text, key);
    const lines = blockLines(site, node, floor);
    if (!lines) return { reason: 'the entry does not start its line' };
    const removal = others.length === 0 ? wholeKey(site, lines.end) : { span: { start: lines.start, end: nextLineStart(text, lines.end) }, newText: '' };
    if (!removal) return { reason: "'exceptions' does not start its line" };
    return { text: text.slice(lines.start, lines.end), column: lines.column, flow: false, keyColumn, dashColumn: lines.column, removal };
  }
  const entryText = text.slice(node.span.start, node.span.end);
  const column = node.span.start - lineStartOf(text, node.span.start);
  const moved = { text: entryText, column, flow: true, keyColumn, dashColumn: keyColumn + 2 };
  if (others.length === 0) {
    const removal = wholeKey(site, lineEndOf(text, sequence.span.end));
    return removal ? { ...moved, removal } : { reason: "'exceptions' does not start its line" };
  }
  const position = sequence.items.indexOf(node);
  const next = sequence.items[position + 1];
  const previous = sequence.items[position - 1];
  const span = next ? { start: node.span.start, end: next.span.start } : { start: previous!.span.end, end: node.span.end };
  return { ...moved, removal: { span, newText: '' } };
}

/**
 * The entry written as a block sequence item at `dashColumn`, with `newline` line breaks. A flow mapping's
 * continuation lines keep their place relative to its first character.
 */
export function entryAt(moved: MovedEntry, dashColumn: number, newline: string): string {
  const lines = moved.text.split(/\r?\n/).join('\n');
  if (!moved.flow) return reindentLines(lines, moved.column, dashColumn).split('\n').join(newline);
  const [first, ...rest] = lines.split('\n');
  const shifted = rest.length > 0 ? reindentLines(rest.join('\n'), moved.column, dashColumn + 2) : '';
  return [`${' '.repeat(dashColumn)}- ${first}`, ...(shifted ? shifted.split('\n') : [])].join(newline);
}
