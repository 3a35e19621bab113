/**
 * Edits of the cooked value of a YAML scalar (a condition, an output) made in the source: each value span maps to
 * the source characters between the units it keeps, so folding blanks, line breaks and indentation inside it go
 * too. Folding, quoting and escapes make a blind edit risky, so the edited item is parsed again and the edit is
 * offered only when the scalar then reads exactly as intended and the YAML stays valid.
 */
import { toSourceOffset, type EmbeddedText } from '../../../syntax/embeddedText';
import type { RulesItem } from '../../../syntax/rulesFile';
import type { Span } from '../../../syntax/span';
import { parseChunk } from '../../../syntax/yaml/parseYaml';
import type { YNode, YScalar } from '../../../syntax/yaml/tree';
import type { TextChange } from '../diagnostic';
import { lineStart } from '../../../syntax/lines';

/** A replacement in value offsets: `span` of the cooked value becomes `newText` (written verbatim in the source). */
export interface ValueEdit {
  readonly span: Span;
  readonly newText: string;
}

/** Sorted, with overlapping or touching deletions merged; undefined when replacements collide. */
function normalize(edits: readonly ValueEdit[]): ValueEdit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const result: ValueEdit[] = [];
  for (const edit of sorted) {
    const last = result[result.length - 1];
    if (last && edit.span.start <= last.span.end) {
      if (last.newText !== '' || edit.newText !== '') return undefined;
      result[result.length - 1] = { span: { start: last.span.start, end: Math.max(last.span.end, edit.span.end) }, newText: '' };
    } else {
      result.push(edit);
    }
  }
  return result;
}

/** The source span a value edit replaces: from just after the last kept unit before it to the next kept unit. */
function sourceSpanOf(text: EmbeddedText, span: Span): Span {
  const length = text.value.length;
  if (span.start === span.end) {
    const at = span.start < length ? toSourceOffset(text, span.start) : toSourceOffset(text, length);
    return { start: at, end: at };
  }
  const start = span.start > 0 ? text.base + text.ends[span.start - 1] : text.base + text.starts[0];
  const end = span.end < length ? text.base + text.starts[span.end] : text.base + text.ends[length - 1];
  return { start, end: Math.max(start, end) };
}

function applyValueEdits(value: string, edits: readonly ValueEdit[]): string {
  let result = value;
  for (let index = edits.length - 1; index >= 0; index--) {
    const edit = edits[index];
    result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  }
  return result;
}

function findScalar(node: YNode | null, start: number, depth = 0): YScalar | undefined {
  if (!node || depth > 100) return undefined;
  if (node.kind === 'scalar') return node.span.start === start ? node : undefined;
  if (node.kind === 'seq') {
    for (const entry of node.items) {
      const found = findScalar(entry, start, depth + 1);
      if (found) return found;
    }
  } else if (node.kind === 'map') {
    for (const pair of node.pairs) {
      const found = findScalar(pair.value, start, depth + 1) ?? findScalar(pair.key, start, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The source text of the item (from the start of its first line through the end of its last line). */
function itemRange(text: string, item: RulesItem): Span {
  const start = lineStart(text, item.span.start);
  let end = item.span.end;
  if (end > 0 && end < text.length && text[end - 1] !== '\n') {
    const newline = text.indexOf('\n', end);
    end = newline < 0 ? text.length : newline + 1;
  }
  return { start, end };
}

/**
 * Whether applying `changes` (inside the item) leaves the item valid YAML in which the scalar that started at
 * `scalarStart` cooks to `expected`.
 */
export function scalarReads(text: string, item: RulesItem, scalarStart: number, changes: readonly TextChange[], expected: string): boolean {
  const range = itemRange(text, item);
  if (changes.some((change) => change.span.start < range.start || change.span.end > range.end)) return false;
  let segment = text.slice(range.start, range.end);
  const sorted = [...changes].sort((a, b) => b.span.start - a.span.start);
  for (const change of sorted) {
    segment = segment.slice(0, change.span.start - range.start) + change.newText + segment.slice(change.span.end - range.start);
  }
  const result = parseChunk(segment, 0, segment.length);
  if (result.problems.length > 0) return false;
  const scalar = findScalar(result.root, scalarStart - range.start);
  return scalar !== undefined && scalar.text.value === expected;
}

/**
 * The source changes that apply `edits` (value offsets) to `scalar`, or undefined when they cannot be made
 * exactly (the re-parsed scalar would read differently, or the value would become blank).
 */
export function editScalar(text: string, item: RulesItem, scalar: YScalar, edits: readonly ValueEdit[]): TextChange[] | undefined {
  const cooked = scalar.text;
  if (!cooked.exact || cooked.value.length === 0) return undefined;
  const normalized = normalize(edits);
  if (!normalized || normalized.length === 0) return undefined;
  if (normalized.some((edit) => edit.span.start < 0 || edit.span.end > cooked.value.length)) return undefined;
  const expected = applyValueEdits(cooked.value, normalized);
  if (expected.trim() === '') return undefined;
  const changes = normalized.map((edit) => ({ span: sourceSpanOf(cooked, edit.span), newText: edit.newText }));
  for (let index = 1; index < changes.length; index++) {
    if (changes[index].span.start < changes[index - 1].span.end) return undefined;
  }
  return scalarReads(text, item, scalar.span.start, changes, expected) ? changes : undefined;
}

/** The first edit set of `candidates` that `editScalar` can make. */
export function firstScalarEdit(text: string, item: RulesItem, scalar: YScalar, candidates: readonly (readonly ValueEdit[])[]): TextChange[] | undefined {
  for (const candidate of candidates) {
    const changes = editScalar(text, item, scalar, candidate);
    if (changes) return changes;
  }
  return undefined;
}
