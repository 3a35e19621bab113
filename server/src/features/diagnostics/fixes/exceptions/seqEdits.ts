/**
 * Minimal edits of the sequences inside an exception (`fields`, `comps`, `values` and their tuples): add items
 * in the sequence's own style, drop items from the end, wrap a node into a one-item flow sequence, replace
 * one-item sequences by their item. Undefined when the layout is unusual (a comment where text would move).
 */
import type { YNode, YSeq } from '../../../../syntax/yaml/tree';
import type { TextChange } from '../../diagnostic';
import { lineEnd, lineStart, nodeEnd } from './mapEdits';

function present(seq: YSeq): YNode[] {
  return seq.items.filter((item): item is YNode => item !== null);
}

/** The `- ` indentation of a block sequence's entries, or undefined when unusual. */
function dashIndent(text: string, seq: YSeq): string | undefined {
  const first = present(seq)[0];
  if (!first) return undefined;
  const start = lineStart(text, first.span.start);
  const dash = text.lastIndexOf('-', first.span.start - 1);
  if (dash < start) return undefined;
  const indent = text.slice(start, dash);
  // `- - a` (a nested block sequence on the dash line) has a different indentation for its items.
  return /^[ ]*$/.test(indent) ? indent : ' '.repeat(dash - start);
}

/** Adds already written items at the end of a sequence. */
export function appendItems(text: string, seq: YSeq, items: readonly string[], snippet = false): TextChange | undefined {
  if (items.length === 0) return undefined;
  const entries = present(seq);
  const flag = snippet ? { snippet: true } : {};
  if (seq.flow) {
    if (entries.length === 0) {
      const close = seq.span.end - 1;
      if (text[close] !== ']') return undefined;
      return { span: { start: close, end: close }, newText: items.join(', '), ...flag };
    }
    const last = nodeEnd(text, entries[entries.length - 1]!);
    return { span: { start: last, end: last }, newText: `, ${items.join(', ')}`, ...flag };
  }
  const indent = dashIndent(text, seq);
  if (indent === undefined) return undefined;
  const end = lineEnd(text, nodeEnd(text, entries[entries.length - 1]!));
  return { span: { start: end, end }, newText: items.map((item) => `\n${indent}- ${item}`).join(''), ...flag };
}

/** Drops the items after the first `keep` ones (keep ≥ 1). */
export function keepFirstItems(text: string, seq: YSeq, keep: number): TextChange | undefined {
  const entries = present(seq);
  if (keep < 1 || entries.length <= keep || entries.length !== seq.items.length) return undefined;
  const lastKept = nodeEnd(text, entries[keep - 1]!);
  const last = nodeEnd(text, entries[entries.length - 1]!);
  if (seq.flow) {
    if (/#/.test(text.slice(lastKept, last))) return undefined;
    return { span: { start: lastKept, end: last }, newText: '' };
  }
  return { span: { start: lineEnd(text, lastKept), end: lineEnd(text, last) }, newText: '' };
}

/** Wraps a node (usually a scalar) into a flow sequence, followed by more items: `x` → `[x, more…]`. */
export function wrapNode(text: string, node: YNode, more: readonly string[] = [], snippet = false): TextChange[] {
  const end = nodeEnd(text, node);
  if (more.length === 0) {
    return [
      { span: { start: node.span.start, end: node.span.start }, newText: '[' },
      { span: { start: end, end }, newText: ']' },
    ];
  }
  return [
    { span: { start: node.span.start, end: node.span.start }, newText: '[' },
    { span: { start: end, end }, newText: `, ${more.join(', ')}]`, ...(snippet ? { snippet: true } : {}) },
  ];
}

/** Replaces a one-item flow sequence by its item: `[x]` → `x`; undefined for other shapes. */
export function unwrapSingle(text: string, seq: YSeq): TextChange | undefined {
  const entries = present(seq);
  if (!seq.flow || entries.length !== 1 || seq.items.length !== 1) return undefined;
  const item = entries[0]!;
  const inner = text.slice(item.span.start, nodeEnd(text, item));
  const outerText = text.slice(seq.span.start, seq.span.end);
  if (/#/.test(outerText.replace(inner, ''))) return undefined;
  return { span: { start: seq.span.start, end: seq.span.end }, newText: inner };
}

/** Removes an entry of a sequence that has others: its lines in a block sequence, or it and a comma in a flow one. */
export function removeEntry(text: string, seq: YSeq, node: YNode): TextChange | undefined {
  const entries = present(seq);
  const index = entries.indexOf(node);
  if (index < 0 || entries.length < 2 || entries.length !== seq.items.length) return undefined;
  if (seq.flow) {
    const next = entries[index + 1];
    if (next) return { span: { start: node.span.start, end: next.span.start }, newText: '' };
    return { span: { start: nodeEnd(text, entries[index - 1]!), end: nodeEnd(text, node) }, newText: '' };
  }
  const start = lineStart(text, node.span.start);
  if (!/^[ ]*-[ ]+$/.test(text.slice(start, node.span.start))) return undefined;
  const end = lineEnd(text, nodeEnd(text, node));
  return { span: { start, end: Math.min(text.length, end + 1) }, newText: '' };
}
