/**
 * How the text of an embedded rules file (a block scalar of a Helm values file, an operator resource's inline
 * rules) maps to the characters of the file that holds it. The embedded text is what the rules parser reads; every
 * span computed on it maps back to exact host characters, and edits map forward with the host's indentation.
 *
 * Two kinds of map:
 * - a line map (`indentedLines`): the embedded text is a run of host lines with their first `indent` columns
 *   removed (a literal block scalar, or a YAML sequence written in place). Offsets map column for column, and edits
 *   can be written back by re-indenting their new lines.
 * - a cooked map (`cookedText`): the scalar's value as YAML reads it (a folded or quoted scalar), mapped unit by
 *   unit. Read-only: edits cannot be written back faithfully, so none is offered.
 */
import { toSourceOffset, toSourceSpan, toValueOffset, type EmbeddedText } from '../embeddedText';
import type { Span } from '../span';

export interface RegionMap {
  /** The embedded text the rules parser reads. */
  readonly text: string;
  /** The host characters the region covers (its first to its last line, without the final line break). */
  readonly hostSpan: Span;
  /** Host offset of an embedded offset (`text.length` maps to the end of the region's text). */
  toHost(offset: number): number;
  /** Host span of an embedded span. */
  toHostSpan(span: Span): Span;
  /** Embedded offset of a host offset, or -1 when the host offset is outside the region. */
  toEmbedded(hostOffset: number): number;
  /** The same edit in host coordinates, or null when this region cannot take edits. */
  mapChange(span: Span, newText: string): { span: Span; newText: string } | null;
}

/** Binary search: the last index whose value is <= `value` (0 when none). */
function lastAtOrBefore(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (values[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

interface HostLine {
  /** Host offset of the line's first character. */
  readonly start: number;
  /** Host offset after the line's content (before `\r\n` or `\n`). */
  readonly contentEnd: number;
  /** Host offset after the line break (or the content end on the last line of the text). */
  readonly end: number;
  /** Host columns removed from the start of the line: min(indent, leading spaces). */
  readonly removed: number;
}

/**
 * The lines of `host` from the line starting at `firstLineStart` up to the line holding `lastLineOffset`, each
 * without its first `indent` columns (fewer when the line has fewer leading spaces: blank lines, comments).
 */
export function indentedLines(host: string, firstLineStart: number, lastLineOffset: number, indent: number): RegionMap {
  const lines: HostLine[] = [];
  let start = firstLineStart;
  while (start <= host.length) {
    let contentEnd = host.indexOf('\n', start);
    const end = contentEnd < 0 ? host.length : contentEnd + 1;
    if (contentEnd < 0) contentEnd = host.length;
    if (contentEnd > start && host.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    let removed = 0;
    while (removed < indent && start + removed < contentEnd && host.charCodeAt(start + removed) === 32) removed++;
    lines.push({ start, contentEnd, end, removed });
    if (end >= host.length || end > lastLineOffset) break;
    start = end;
  }
  const embeddedStarts: number[] = [];
  let text = '';
  for (const line of lines) {
    embeddedStarts.push(text.length);
    text += host.slice(line.start + line.removed, line.end);
  }
  const last = lines[lines.length - 1]!;
  const hostStarts = lines.map((line) => line.start);
  const hostSpan = { start: lines[0]!.start, end: last.contentEnd };

  const toHost = (offset: number): number => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const index = lastAtOrBefore(embeddedStarts, clamped);
    const line = lines[index]!;
    return Math.min(line.start + line.removed + (clamped - embeddedStarts[index]!), line.end);
  };
  const toEmbedded = (hostOffset: number): number => {
    if (hostOffset < hostSpan.start || hostOffset > Math.max(last.contentEnd, last.end - 1)) return -1;
    const index = lastAtOrBefore(hostStarts, hostOffset);
    const line = lines[index]!;
    const column = hostOffset - line.start;
    return embeddedStarts[index]! + Math.max(0, column - line.removed);
  };
  const lineOf = (hostOffset: number): HostLine => lines[lastAtOrBefore(hostStarts, hostOffset)]!;

  return {
    text,
    hostSpan,
    toHost,
    toHostSpan: (span) => {
      const start = toHost(span.start);
      return { start, end: span.end <= span.start ? start : Math.max(start, toHost(span.end)) };
    },
    toEmbedded,
    mapChange(span, newText) {
      const atLineStart = (offset: number): boolean => offset === 0 || text.charCodeAt(offset - 1) === 10;
      /** Host position of an embedded one; at the start of an embedded line, the start of the host line (column 0). */
      const hostAt = (offset: number): number => {
        const at = toHost(offset);
        return atLineStart(offset) && at < last.end ? lineOf(at).start : at;
      };
      const start = hostAt(span.start);
      const end = span.end <= span.start ? start : Math.max(start, hostAt(span.end));
      const lineStartAt = (offset: number): boolean => offset === last.end || lineOf(offset).start === offset;
      const pad = ' '.repeat(indent);
      const segments = newText.split('\n');
      const blank = (segment: string): boolean => segment === '' || segment === '\r';
      // Text written at the start of a host line carries the block's indentation.
      if (!blank(segments[0]!) && lineStartAt(start)) segments[0] = pad + segments[0];
      const endLine = lineOf(end);
      const restOfLine = end >= last.end ? '' : host.slice(end, endLine.contentEnd);
      for (let index = 1; index < segments.length; index++) {
        const segment = segments[index]!;
        const isLast = index === segments.length - 1;
        // The last piece before text that stays on the line: that text needs the indentation back.
        if (!blank(segment) || (isLast && restOfLine !== '' && !lineStartAt(end))) segments[index] = pad + segment;
      }
      let written = segments.join('\n');
      // Text ending at the start of a host line must end its own line, or it would join the next one.
      if (lineStartAt(end) && end < host.length && !blank(segments[segments.length - 1]!)) written += '\n';
      return { span: { start, end }, newText: written };
    },
  };
}

/** A read-only map over a scalar's cooked value (folded and quoted styles). */
export function cookedText(embedded: EmbeddedText): RegionMap {
  const length = embedded.value.length;
  const hostSpan = length === 0
    ? { start: embedded.base + embedded.anchor, end: embedded.base + embedded.anchor }
    : { start: embedded.base + embedded.starts[0]!, end: embedded.base + embedded.ends[length - 1]! };
  return {
    text: embedded.value,
    hostSpan,
    toHost: (offset) => toSourceOffset(embedded, offset),
    toHostSpan: (span) => toSourceSpan(embedded, span),
    toEmbedded: (hostOffset) => toValueOffset(embedded, hostOffset),
    mapChange: () => null,
  };
}
