/**
 * Text helpers for the exception refactorings: lines and columns, where a YAML node's own text ends (block
 * collections' spans run on over trailing comments and blank lines), comment detection, re-indenting a block of
 * lines, and whether a scalar's source can be written unchanged inside a flow sequence.
 */
import type { Span } from '../../../syntax/span';
import type { YNode, YScalar } from '../../../syntax/yaml/tree';
import { columnOf, lineContentEnd as lineEndOf, lineStart as lineStartOf } from '../../../syntax/lines';

export { columnOf, lineEndOf, lineStartOf };

/** The start of the next line (after the line break), or the end of the text. */
export function nextLineStart(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

/** The line break the file uses. */
export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** True when only blanks precede `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/** Where the node's own characters end: the last value of a block collection, not its trailing comments. */
export function contentEnd(node: YNode, depth = 0): number {
  if (depth > 100) return node.span.end;
  if (node.kind === 'seq' && !node.flow) {
    const items = node.items.filter((item): item is YNode => item !== null);
    return items.length > 0 ? contentEnd(items[items.length - 1]!, depth + 1) : node.span.start + 1;
  }
  if (node.kind === 'map' && !node.flow) {
    const last = node.pairs[node.pairs.length - 1];
    if (!last) return node.span.start;
    return last.value ? Math.max(last.keySpan.end, contentEnd(last.value, depth + 1)) : last.keySpan.end;
  }
  return node.span.end;
}

/** Spans of the quoted scalars inside a node (their text may hold `#` that is no comment). */
function quotedSpans(node: YNode | null, into: Span[], depth = 0): Span[] {
  if (!node || depth > 100) return into;
  if (node.kind === 'scalar') {
    if (node.style !== 'plain') into.push(node.span);
  } else if (node.kind === 'seq') {
    for (const item of node.items) quotedSpans(item, into, depth + 1);
  } else if (node.kind === 'map') {
    for (const pair of node.pairs) {
      quotedSpans(pair.key, into, depth + 1);
      quotedSpans(pair.value, into, depth + 1);
    }
  }
  return into;
}

/** True when a YAML comment starts between `start` and `end` (outside the quoted scalars of `node`). */
export function hasComment(text: string, start: number, end: number, node: YNode | null = null): boolean {
  const skip = quotedSpans(node, []);
  for (let offset = start; offset < end; offset++) {
    if (text[offset] !== '#') continue;
    if (skip.some((span) => offset >= span.start && offset < span.end)) continue;
    if (offset === 0 || /\s/.test(text[offset - 1]!)) return true;
  }
  return false;
}

/**
 * Moves the lines of `block` (a whole number of lines taken from a file) from column `from` to column `to`: the
 * first `from` blanks of each line are replaced by `to` blanks (lines indented less lose what they have).
 */
export function reindentLines(block: string, from: number, to: number): string {
  const prefix = ' '.repeat(to);
  return block
    .split('\n')
    .map((line, index, lines) => {
      if (index === lines.length - 1 && line === '') return line;
      let cut = 0;
      while (cut < from && line[cut] === ' ') cut++;
      if (/^[ \t]*\r?$/.test(line) && cut >= line.replace(/\r$/, '').length) return line.slice(cut);
      return prefix + line.slice(cut);
    })
    .join('\n');
}

/** True when the scalar's source can stand unchanged as an item of a flow sequence on one line. */
export function isFlowSafe(text: string, scalar: YScalar): boolean {
  const source = text.slice(scalar.span.start, scalar.span.end);
  if (source === '' || /[\r\n]/.test(source)) return false;
  if (scalar.style === 'single' || scalar.style === 'double') return true;
  if (scalar.style !== 'plain') return false;
  return !/[,[\]{}]/.test(source) && !source.includes(': ') && !source.includes(' #');
}

/** The scalar's source, quoted when it cannot stand as a plain item of a flow sequence. */
export function flowItemText(text: string, scalar: YScalar): string | undefined {
  if (isFlowSafe(text, scalar)) return text.slice(scalar.span.start, scalar.span.end);
  if (scalar.style !== 'plain' || /[\r\n]/.test(scalar.value)) return undefined;
  return scalar.value.includes("'") ? JSON.stringify(scalar.value) : `'${scalar.value}'`;
}
