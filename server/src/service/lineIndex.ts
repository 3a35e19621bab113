/**
 * Offset ↔ LSP position conversion for one text (UTF-16 columns, `\n`, `\r\n` and `\r` line breaks). This is
 * the single boundary where the service turns spans into ranges.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../syntax/span';

/** Offsets of one text (possibly embedded in another) as LSP positions of the document the client has open. */
export interface TextLines {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  toRange(span: Span): Range;
}

export class LineIndex implements TextLines {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // Fast path: LF only.
      for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
      this.lineStarts = starts;
      return;
    }
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 13) {
        if (text.charCodeAt(index + 1) === 10) index++;
        starts.push(index + 1);
      } else if (code === 10) starts.push(index + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    let lineEnd = nextLineStart;
    while (lineEnd > lineStart && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  toRange(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
