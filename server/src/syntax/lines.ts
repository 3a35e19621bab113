/**
 * Line arithmetic on a text by offsets, for the edits of quick fixes and refactorings: where the line holding
 * an offset starts and ends, and the column of an offset. Lines end at `\n` (a `\r` before it is part of the
 * line unless `lineContentEnd` is used).
 */

/** The offset of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the `\n` ending the line holding `offset` (the text's length on the last line). */
export function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** The end of the line holding `offset` before its line break, `\n` or `\r\n`. */
export function lineContentEnd(text: string, offset: number): number {
  const end = lineEnd(text, offset);
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/** The distance of `offset` from the start of its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}
