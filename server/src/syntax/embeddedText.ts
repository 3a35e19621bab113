/**
 * An embedded text is the cooked value of a YAML scalar (escapes decoded, lines folded) together with, for every
 * UTF-16 unit of that value, the span of source characters it came from. Conditions and outputs are parsed from
 * the cooked value, exactly as Falco sees them, and their spans are mapped back through this table.
 */
import type { Span } from './span';

export interface EmbeddedText {
  /** The scalar's value as YAML (and therefore Falco) reads it. */
  readonly value: string;
  /**
   * Source offset the tables below are relative to. Moving a scalar (an edit above it) changes only this
   * number, never the tables.
   */
  readonly base: number;
  /** Where each value unit starts, relative to `base`. Length = value.length. */
  readonly starts: Int32Array;
  /** Where each value unit ends (exclusive), relative to `base`. Length = value.length. */
  readonly ends: Int32Array;
  /** Offset (relative to `base`) that stands for the empty string at the start (used for empty values). */
  readonly anchor: number;
  /** False when the mapping is approximate (the cooking disagreed with the YAML library); ranges may be off. */
  readonly exact: boolean;
}

/** Maps an offset of the value to a source offset; `offset === value.length` maps to the end of the last unit. */
export function toSourceOffset(text: EmbeddedText, offset: number): number {
  const length = text.value.length;
  if (length === 0) return text.base + text.anchor;
  if (offset <= 0) return text.base + text.starts[0];
  if (offset >= length) return text.base + text.ends[length - 1];
  return text.base + text.starts[offset];
}

/** Maps a span of the value to the source span that covers exactly the characters it came from. */
export function toSourceSpan(text: EmbeddedText, local: Span): Span {
  const start = toSourceOffset(text, local.start);
  if (local.end <= local.start) return { start, end: start };
  const length = text.value.length;
  const end = text.base + (local.end > length ? text.ends[length - 1] : text.ends[local.end - 1]);
  return { start, end: Math.max(start, end) };
}

/** Maps a source offset to an offset of the value (the first unit that ends after it), or -1 when outside. */
export function toValueOffset(text: EmbeddedText, absoluteOffset: number): number {
  const length = text.value.length;
  const sourceOffset = absoluteOffset - text.base;
  if (length === 0) return sourceOffset === text.anchor ? 0 : -1;
  if (sourceOffset < text.starts[0]) return -1;
  if (sourceOffset > text.ends[length - 1]) return -1;
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (text.ends[middle] <= sourceOffset) low = middle + 1;
    else high = middle;
  }
  if (text.ends[low] <= sourceOffset) return length;
  return low;
}

/** Builds an embedded text unit by unit. */
export class EmbeddedTextBuilder {
  private value = '';
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(private readonly anchor: number) {}

  push(units: string, sourceStart: number, sourceEnd: number): void {
    for (let index = 0; index < units.length; index++) {
      this.starts.push(sourceStart);
      this.ends.push(sourceEnd);
    }
    this.value += units;
  }

  build(exact = true): EmbeddedText {
    const base = this.anchor;
    return {
      value: this.value,
      base,
      starts: Int32Array.from(this.starts, (offset) => offset - base),
      ends: Int32Array.from(this.ends, (offset) => offset - base),
      anchor: 0,
      exact,
    };
  }
}

/** An embedded text whose value is a verbatim slice of the source. */
export function sliceText(source: string, start: number, end: number): EmbeddedText {
  const length = end - start;
  const starts = new Int32Array(length);
  const ends = new Int32Array(length);
  for (let index = 0; index < length; index++) {
    starts[index] = index;
    ends[index] = index + 1;
  }
  return { value: source.slice(start, end), base: start, starts, ends, anchor: 0, exact: true };
}

/** Best-effort mapping for a value the cooking could not reproduce: units map linearly into the source span. */
export function approximateText(value: string, sourceStart: number, sourceEnd: number): EmbeddedText {
  const length = value.length;
  const starts = new Int32Array(length);
  const ends = new Int32Array(length);
  for (let index = 0; index < length; index++) {
    const position = Math.min(index, Math.max(0, sourceEnd - 1 - sourceStart));
    starts[index] = position;
    ends[index] = position + 1;
  }
  return { value, base: sourceStart, starts, ends, anchor: 0, exact: false };
}
