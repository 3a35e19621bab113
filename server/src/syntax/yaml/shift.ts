/**
 * Moves parse results by a number of characters, in place. A chunk whose text did not change but moved
 * (because an edit above it changed the length of the text) is reused from the previous parse instead of
 * parsed again. The previous version's objects are handed over to the new version, which owns them from then
 * on. Span objects are never shared between nodes (tree.ts and rulesFile.ts make sure), so each moves once.
 */
import type { EmbeddedText } from '../embeddedText';
import type { SyntaxProblem } from '../problems';
import type { Span } from '../span';
import type { YNode } from './tree';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function moveSpan(span: Span, delta: number): void {
  const mutable = span as Mutable<Span>;
  mutable.start += delta;
  mutable.end += delta;
}

function moveText(text: EmbeddedText, delta: number): void {
  (text as Mutable<EmbeddedText>).base += delta;
}

export function moveNode(node: YNode | null, delta: number): void {
  if (node === null) return;
  moveSpan(node.span, delta);
  switch (node.kind) {
    case 'scalar':
      moveText(node.text, delta);
      break;
    case 'seq':
      for (const item of node.items) moveNode(item, delta);
      break;
    case 'map':
      for (const pair of node.pairs) {
        moveNode(pair.key, delta);
        moveNode(pair.value, delta);
        moveSpan(pair.keySpan, delta);
        moveSpan(pair.span, delta);
      }
      break;
    default:
      break;
  }
}

export function moveProblems(problems: readonly SyntaxProblem[], delta: number): void {
  for (const problem of problems) moveSpan(problem.span, delta);
}
