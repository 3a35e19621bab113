/**
 * Minimal edits of YAML mappings for quick fixes: remove a key with its value, in a block mapping (its whole
 * lines, with the comment at the end of its last line) or a flow mapping (with one comma), and measure how a
 * file indents nested block mappings.
 */
import type { Span } from '../../../syntax/span';
import type { YMap, YPair } from '../../../syntax/yaml/tree';
import type { TextChange } from '../diagnostic';
import { columnOf, lineStart } from '../../../syntax/lines';

export { columnOf, lineStart };

/** Offset after the line break that ends the line holding `offset` (the text's end on the last line). */
export function afterLineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The lines of a block-mapping pair: from its line start through its last line; undefined if it shares a line. */
function pairLines(text: string, map: YMap, pair: YPair): Span | undefined {
  const start = lineStart(text, pair.span.start);
  if (text.slice(start, pair.span.start).trim() !== '') return undefined;
  let end = pair.span.end;
  if (text[end - 1] !== '\n') {
    const rest = text.slice(end, afterLineEnd(text, end));
    if (!/^[ \t]*(#.*)?\r?\n?$/.test(rest)) return undefined;
    end = afterLineEnd(text, end);
  }
  if (map.pairs.some((other) => other !== pair && other.span.start < end && other.span.end > start)) return undefined;
  return { start, end };
}

/** Removes `pair` (key, value and, in a block mapping, its lines) from `map`; undefined when the shape is odd. */
export function removePair(text: string, map: YMap, pair: YPair): TextChange | undefined {
  const position = map.pairs.indexOf(pair);
  if (position < 0) return undefined;
  if (!map.flow) {
    const lines = pairLines(text, map, pair);
    return lines ? { span: lines, newText: '' } : undefined;
  }
  const previous = map.pairs[position - 1];
  const next = map.pairs[position + 1];
  if (previous) return { span: { start: previous.span.end, end: pair.span.end }, newText: '' };
  if (next) return { span: { start: pair.span.start, end: next.span.start }, newText: '' };
  return undefined;
}

/**
 * How many columns a nested block mapping is indented in this file: measured on an existing block `override:`
 * mapping, else on the item's first key after its `- `; 2 when nothing tells.
 */
export function nestedIndentStep(text: string, overrides: readonly YPair[], item: YMap): number {
  for (const pair of overrides) {
    const value = pair.value;
    if (value?.kind !== 'map' || value.flow || value.pairs.length === 0) continue;
    const step = columnOf(text, value.pairs[0].span.start) - columnOf(text, pair.span.start);
    if (step > 0 && lineStart(text, value.pairs[0].span.start) !== lineStart(text, pair.span.start)) return step;
  }
  const first = item.pairs[0];
  if (first) {
    const start = lineStart(text, first.span.start);
    const before = text.slice(start, first.span.start);
    const dash = /^([ ]*)-([ ]+)$/.exec(before);
    if (dash) return dash[2].length + 1;
  }
  return 2;
}
