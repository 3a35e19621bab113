/**
 * Moves parse results by a number of characters, in place. A chunk whose text did not change but moved
 * (because an edit above it changed the length of the text) is reused from the previous parse instead of
 * parsed again. The previous version's objects are handed over to the new version, which owns them from then
 * on; a `seen` set makes sure a span object shared by two nodes moves once.
 */
import type { EmbeddedText } from '../embeddedText';
import type { SyntaxProblem } from '../problems';
import type { Span } from '../span';
import type { YNode } from './tree';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function moveSpan(span: Span, delta: number, seen: Set<object>): void {
  if (seen.has(span)) return;
  seen.add(span);
  const mutable = span as Mutable<Span>;
  mutable.start += delta;
  mutable.end += delta;
}

function moveText(text: EmbeddedText, delta: number, seen: Set<object>): void {
  if (seen.has(text)) return;
  seen.add(text);
  for (let index = 0; index < text.starts.length; index++) text.starts[index] += delta;
  for (let index = 0; index < text.ends.length; index++) text.ends[index] += delta;
  (text as Mutable<EmbeddedText>).anchor += delta;
}

export function moveNode(node: YNode | null, delta: number, seen: Set<object>): void {
  if (node === null || seen.has(node)) return;
  seen.add(node);
  moveSpan(node.span, delta, seen);
  switch (node.kind) {
    case 'scalar':
      moveText(node.text, delta, seen);
      break;
    case 'seq':
      for (const item of node.items) moveNode(item, delta, seen);
      break;
    case 'map':
      for (const pair of node.pairs) {
        moveNode(pair.key, delta, seen);
        moveNode(pair.value, delta, seen);
        moveSpan(pair.keySpan, delta, seen);
        moveSpan(pair.span, delta, seen);
      }
      break;
    default:
      break;
  }
}

export function moveProblems(problems: readonly SyntaxProblem[], delta: number, seen: Set<object>): void {
  for (const problem of problems) moveSpan(problem.span, delta, seen);
}
