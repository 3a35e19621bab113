/**
 * Our own plain-data YAML tree, converted from the `yaml` library's nodes: every node has a span in document
 * offsets and every scalar carries its cooked value with a source map (see embeddedText.ts). Plain data (no
 * library objects) so trees can be cached, shifted and compared.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Node as YamlLibraryNode } from 'yaml';
import { approximateText, type EmbeddedText } from '../embeddedText';
import type { Span } from '../span';
import { cookBlockScalar, cookFlowScalar, parseBlockHeader, type ScalarStyle } from './scalar';

export interface YScalar {
  readonly kind: 'scalar';
  /** The node's source, including quotes or the block header. */
  readonly span: Span;
  readonly style: ScalarStyle;
  /** The cooked value as a string (what yaml-cpp reads with `as<std::string>()`); '' for null. */
  readonly value: string;
  /** True for an empty value or a plain `null`/`~`. */
  readonly isNull: boolean;
  /** The cooked value mapped to its source characters. */
  readonly text: EmbeddedText;
  readonly tag: string | null;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly flow: boolean;
  readonly items: readonly (YNode | null)[];
}

export interface YPair {
  readonly key: YNode | null;
  /** The key as text ('' for a complex or missing key). */
  readonly keyText: string;
  readonly keySpan: Span;
  readonly value: YNode | null;
  /** From the key to the end of the value. */
  readonly span: Span;
}

export interface YMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly flow: boolean;
  readonly pairs: readonly YPair[];
}

export interface YAlias {
  readonly kind: 'alias';
  readonly span: Span;
  readonly name: string;
}

export type YNode = YScalar | YSeq | YMap | YAlias;

const nullWords = new Set(['', '~', 'null', 'Null', 'NULL']);

function styleOf(node: Scalar): ScalarStyle {
  switch (node.type) {
    case Scalar.QUOTE_SINGLE:
      return 'single';
    case Scalar.QUOTE_DOUBLE:
      return 'double';
    case Scalar.BLOCK_LITERAL:
      return 'literal';
    case Scalar.BLOCK_FOLDED:
      return 'folded';
    default:
      return 'plain';
  }
}

function indentOf(node: Scalar): number {
  const token = node.srcToken as { indent?: number } | undefined;
  return token?.indent ?? 0;
}

function findLineEnd(source: string, from: number, limit: number): number {
  let index = from;
  while (index < limit && source[index] !== '\n' && source[index] !== '\r') index++;
  return index;
}

function convertScalar(node: Scalar, source: string, base: number): YScalar {
  const range = node.range ?? [0, 0, 0];
  const start = base + range[0];
  const end = base + range[1];
  const style = styleOf(node);
  let text: EmbeddedText;
  if (style === 'literal' || style === 'folded') {
    const headerEnd = findLineEnd(source, start, end);
    const header = parseBlockHeader(source.slice(start, headerEnd));
    let bodyStart = headerEnd;
    if (source[bodyStart] === '\r') bodyStart++;
    if (source[bodyStart] === '\n') bodyStart++;
    text = cookBlockScalar(source, header, Math.min(bodyStart, end), end, indentOf(node));
  } else if (style === 'plain') {
    text = cookFlowScalar(source, start, end, 'plain');
  } else {
    text = cookFlowScalar(source, start + 1, Math.max(start + 1, end - 1), style);
  }
  const libraryValue = node.value;
  if (typeof libraryValue === 'string' && libraryValue !== text.value) {
    // Our cooking disagrees with the YAML library: trust its value and keep an approximate map.
    text = approximateText(libraryValue, style === 'single' || style === 'double' ? start + 1 : start, end);
  }
  const isNull = style === 'plain' && nullWords.has(text.value);
  return {
    kind: 'scalar',
    span: { start, end },
    style,
    value: isNull ? '' : text.value,
    isNull,
    text,
    tag: node.tag ?? null,
  };
}

/** Converts a `yaml` library node parsed from `source.slice(base)`; offsets become offsets of `source`. */
export function convertNode(node: YamlLibraryNode | null | undefined, source: string, base: number, depth = 0): YNode | null {
  if (node === null || node === undefined || depth > 200) return null;
  const range = node.range ?? [0, 0, 0];
  const nodeSpan = { start: base + range[0], end: base + range[1] };
  if (isScalar(node)) return convertScalar(node, source, base);
  if (isAlias(node)) return { kind: 'alias', span: nodeSpan, name: String(node.source) };
  if (isSeq(node)) {
    return {
      kind: 'seq',
      span: nodeSpan,
      flow: Boolean(node.flow),
      items: node.items.map((item) => convertNode(item as YamlLibraryNode, source, base, depth + 1)),
    };
  }
  if (isMap(node)) {
    const pairs: YPair[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = convertNode(pair.key as YamlLibraryNode, source, base, depth + 1);
      const value = convertNode(pair.value as YamlLibraryNode, source, base, depth + 1);
      // A span object of its own (never shared), so moving a tree in place moves each span once.
      const keySpan = key ? { ...key.span } : value ? { start: value.span.start, end: value.span.start } : { ...nodeSpan };
      const keyText = key && key.kind === 'scalar' ? key.value : '';
      pairs.push({ key, keyText, keySpan, value, span: { start: keySpan.start, end: value ? value.span.end : keySpan.end } });
    }
    return { kind: 'map', span: nodeSpan, flow: Boolean(node.flow), pairs };
  }
  return null;
}

/** The pair of a mapping whose key is `key` (the first one, as yaml-cpp's lookup returns). */
export function getPair(map: YMap, key: string): YPair | undefined {
  return map.pairs.find((pair) => pair.keyText === key);
}

export function getValue(map: YMap, key: string): YNode | null | undefined {
  const pair = getPair(map, key);
  return pair ? pair.value : undefined;
}

export function getScalar(map: YMap, key: string): YScalar | undefined {
  const value = getValue(map, key);
  return value && value.kind === 'scalar' ? value : undefined;
}
