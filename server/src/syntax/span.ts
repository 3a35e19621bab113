/**
 * Spans are the only position type of the syntax and semantic layers: half-open ranges of UTF-16 offsets
 * (`start` inclusive, `end` exclusive) into the text they were computed on. Conversion to LSP ranges happens
 * once, at the service boundary.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanContains(outer: Span, offset: number): boolean {
  return offset >= outer.start && offset <= outer.end;
}

export function spanContainsSpan(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function spanLength(value: Span): number {
  return value.end - value.start;
}
