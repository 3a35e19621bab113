/**
 * Minimal edits of YAML sequences for quick fixes: add an entry to a flow (`[a, b]`) or block (`- a`) sequence in
 * the style already used, leaving comments and the rest of the file untouched.
 */
import type { Span } from '../../../syntax/span';
import type { YSeq } from '../../../syntax/yaml/tree';
import type { TextChange } from '../diagnostic';
import { lineEnd, lineStart } from '../../../syntax/lines';

/** Inserts `value` (already quoted if it must be) as the last entry of `seq`; undefined when the shape is odd. */
export function appendToSequence(text: string, seq: YSeq, value: string): TextChange | undefined {
  const items = seq.items.filter((item): item is NonNullable<typeof item> => item !== null);
  if (seq.flow) {
    const close = seq.span.end - 1;
    if (text[close] !== ']') return undefined;
    if (items.length === 0) return { span: { start: close, end: close }, newText: value };
    const last = items[items.length - 1].span.end;
    return { span: { start: last, end: last }, newText: `, ${value}` };
  }
  if (items.length === 0) return undefined;
  const first = items[0].span.start;
  const firstLine = lineStart(text, first);
  const dash = text.lastIndexOf('-', first - 1);
  if (dash < firstLine) return undefined;
  const indent = text.slice(firstLine, dash);
  if (!/^[ ]*$/.test(indent)) return undefined;
  // After the last entry's line, so a trailing comment stays where it is.
  const end = lineEnd(text, items[items.length - 1].span.end);
  return { span: { start: end, end }, newText: `\n${indent}- ${value}` };
}

/** Replaces the characters of a span. */
export function replaceSpan(span: Span, newText: string): TextChange {
  return { span: { start: span.start, end: span.end }, newText };
}
