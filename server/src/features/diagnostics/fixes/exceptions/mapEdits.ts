/**
 * Minimal edits of the pairs of a YAML mapping (an exception entry): insert a pair first or after another, in the
 * style the mapping uses (block pairs on their own lines at the keys' indentation, or `k: v` inside `{…}`),
 * replace a pair by others, remove a pair, rename a key. Comments and the other pairs stay as they are; an edit
 * whose surroundings are unusual (a comment where text would move) is not offered (undefined).
 */
import type { Span } from '../../../../syntax/span';
import type { YMap, YNode, YPair } from '../../../../syntax/yaml/tree';
import type { TextChange } from '../../diagnostic';
import { lineEnd, lineStart } from '../../../../syntax/lines';

export { lineEnd, lineStart };

/** The end of a span without the blank lines and spaces a block node's span runs on with. */
export function trimmedEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** The end of a node's own characters (see trimmedEnd). */
export function nodeEnd(text: string, node: YNode): number {
  return trimmedEnd(text, node.span);
}

/** Where a pair's characters end: its value's (trimmed), or its key's when the value is empty. */
export function pairEnd(text: string, pair: YPair): number {
  const end = pair.value && pair.value.span.end > pair.value.span.start ? nodeEnd(text, pair.value) : pair.keySpan.end;
  return Math.max(end, pair.keySpan.end);
}

/** The indentation (spaces) of a block mapping's keys, or undefined for a flow mapping or odd layout. */
export function blockIndent(text: string, map: YMap): string | undefined {
  if (map.flow || map.pairs.length === 0) return undefined;
  const first = map.pairs[0]!.keySpan.start;
  const column = first - lineStart(text, first);
  return ' '.repeat(column);
}

/** Pair texts (`key: value`) joined as the mapping writes its pairs. */
function joinPairs(text: string, map: YMap, pairs: readonly string[]): string | undefined {
  if (map.flow) return pairs.join(', ');
  const indent = blockIndent(text, map);
  return indent === undefined ? undefined : pairs.join(`\n${indent}`);
}

/** Inserts pairs before the first pair of the mapping (`name` goes first by convention). */
export function insertFirstPairs(text: string, map: YMap, pairs: readonly string[]): TextChange | undefined {
  const first = map.pairs[0];
  const joined = joinPairs(text, map, pairs);
  if (!first || joined === undefined) return undefined;
  const at = first.keySpan.start;
  const separator = map.flow ? ', ' : `\n${blockIndent(text, map)!}`;
  return { span: { start: at, end: at }, newText: joined + separator };
}

/** Inserts pairs after `after` (on the next lines for a block mapping, after a trailing comment). */
export function insertPairsAfter(text: string, map: YMap, after: YPair, pairs: readonly string[]): TextChange | undefined {
  const joined = joinPairs(text, map, pairs);
  if (joined === undefined) return undefined;
  const end = pairEnd(text, after);
  if (map.flow) return { span: { start: end, end }, newText: `, ${joined}` };
  const at = lineEnd(text, end);
  return { span: { start: at, end: at }, newText: `\n${blockIndent(text, map)!}${joined}` };
}

/** Replaces a pair (key to the end of its value) by other pairs. */
export function replacePair(text: string, map: YMap, pair: YPair, pairs: readonly string[]): TextChange | undefined {
  const joined = joinPairs(text, map, pairs);
  if (joined === undefined) return undefined;
  return { span: { start: pair.keySpan.start, end: pairEnd(text, pair) }, newText: joined };
}

/** Removes a pair; undefined when it is the only one or a comment would be lost in the middle of the edit. */
export function removePair(text: string, map: YMap, pair: YPair): TextChange | undefined {
  const index = map.pairs.indexOf(pair);
  if (index < 0 || map.pairs.length < 2) return undefined;
  const next = map.pairs[index + 1];
  const previous = map.pairs[index - 1];
  if (map.flow) {
    if (next) return { span: { start: pair.keySpan.start, end: next.keySpan.start }, newText: '' };
    return { span: { start: pairEnd(text, previous!), end: pairEnd(text, pair) }, newText: '' };
  }
  const start = lineStart(text, pair.keySpan.start);
  const onOwnLine = /^[ ]*$/.test(text.slice(start, pair.keySpan.start));
  if (!onOwnLine) {
    // The first pair of a `- key: …` entry: the next key moves up onto the dash line.
    if (!next || /#/.test(text.slice(pairEnd(text, pair), next.keySpan.start))) return undefined;
    return { span: { start: pair.keySpan.start, end: next.keySpan.start }, newText: '' };
  }
  const end = lineEnd(text, pairEnd(text, pair));
  return { span: { start, end: Math.min(text.length, end + 1) }, newText: '' };
}

/** Renames a key, keeping its quotes. */
export function renameKey(pair: YPair, key: string): TextChange {
  const node = pair.key;
  if (node && node.kind === 'scalar' && (node.style === 'single' || node.style === 'double') && node.span.end - node.span.start >= 2) {
    return { span: { start: node.span.start + 1, end: node.span.end - 1 }, newText: key };
  }
  return { span: { start: pair.keySpan.start, end: pair.keySpan.end }, newText: key };
}
