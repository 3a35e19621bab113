/**
 * Minimal edits of the keys of an exception entry: write a key's value inline (`fields: proc.name` for a block
 * sequence of one item), and add a key after another one in the entry's style (a new line at the key's column in
 * a block mapping, `, key: value` in a flow mapping). Each returns the change, or why it cannot be made.
 */
import type { YMap, YPair } from '../../../syntax/yaml/tree';
import type { TextChange } from '../../diagnostics/diagnostic';
import { contentEnd, hasComment, lineEndOf, lineStartOf, newlineOf, startsLine } from './yamlText';

export type EditResult = { readonly change: TextChange } | { readonly reason: string };

/** The offset just after the `:` that follows a pair's key. */
function afterColon(text: string, pair: YPair): number {
  let offset = pair.keySpan.end;
  while (offset < text.length && (text[offset] === ' ' || text[offset] === '\t')) offset++;
  return text[offset] === ':' ? offset + 1 : pair.keySpan.end;
}

/**
 * Replaces a pair's value with `newText` written on the key's line. A flow value or scalar is replaced in place;
 * a block value (from the colon to its last item) is replaced unless a comment inside it would be lost.
 */
export function replaceValueInline(text: string, pair: YPair, newText: string): EditResult {
  const value = pair.value;
  if (!value) return { reason: `'${pair.keyText}' has no value` };
  if (value.kind === 'scalar' || ((value.kind === 'seq' || value.kind === 'map') && value.flow)) {
    if (hasComment(text, value.span.start, value.span.end, value)) return { reason: `a comment inside '${pair.keyText}' would be lost` };
    return { change: { span: { start: value.span.start, end: value.span.end }, newText } };
  }
  if (value.kind === 'alias') return { reason: `'${pair.keyText}' is an alias` };
  const start = afterColon(text, pair);
  const end = contentEnd(value);
  if (hasComment(text, start, end, value)) return { reason: `a comment inside '${pair.keyText}' would be lost` };
  return { change: { span: { start, end }, newText: ` ${newText}` } };
}

/** Adds `key: value` to the entry after `after` (on its own line in a block mapping). */
export function insertPairAfter(text: string, map: YMap, after: YPair, pairText: string): EditResult {
  const end = after.value ? Math.max(after.keySpan.end, contentEnd(after.value)) : after.keySpan.end;
  if (map.flow) return { change: { span: { start: end, end }, newText: `, ${pairText}` } };
  const keyStart = after.keySpan.start;
  if (!startsLine(text, keyStart) && !/^[ \t]*-[ \t]+$/.test(text.slice(lineStartOf(text, keyStart), keyStart))) {
    return { reason: `'${after.keyText}' does not start a line` };
  }
  const column = keyStart - lineStartOf(text, keyStart);
  const at = lineEndOf(text, end);
  return { change: { span: { start: at, end: at }, newText: `${newlineOf(text)}${' '.repeat(column)}${pairText}` } };
}

/**
 * Adds a change to a list; an insertion where an earlier change ends joins that change, so that no client can
 * apply the two in the wrong order.
 */
export function pushChange(changes: TextChange[], change: TextChange): void {
  if (change.span.start === change.span.end) {
    const index = changes.findIndex((other) => other.span.end === change.span.start && other.snippet === change.snippet);
    if (index >= 0) {
      const other = changes[index]!;
      changes[index] = { ...other, newText: other.newText + change.newText };
      return;
    }
  }
  changes.push(change);
}
