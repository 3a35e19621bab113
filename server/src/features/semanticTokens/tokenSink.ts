/**
 * Collects semantic tokens given in offsets of a scalar's cooked value and maps them to the exact source
 * characters they came from. A token is split wherever its source is not one contiguous run of its own
 * characters: folded line breaks, indentation and escaped line breaks are never covered; an escape sequence
 * (`\"`, `''`, `\x41`) is, since its source characters are the ones that make up the token.
 */
import type { EmbeddedText } from '../../syntax/embeddedText';
import type { SemanticToken } from './legend';

function isBreak(code: number): boolean {
  return code === 10 || code === 13;
}

export class TokenSink {
  private readonly collected: SemanticToken[] = [];

  constructor(private readonly source: string) {}

  /**
   * Adds a token over `text.value[start, end)`. Nothing is added for an approximate source map (the scalar's
   * cooking disagreed with the YAML library): a token must never land on the wrong characters.
   */
  addEmbedded(text: EmbeddedText, start: number, end: number, type: number, modifiers: number): void {
    if (!text.exact) return;
    const last = Math.min(end, text.value.length);
    let runStart = -1;
    let runEnd = -1;
    let previousStart = -1;
    for (let unit = Math.max(0, start); unit < last; unit++) {
      const unitStart = text.base + text.starts[unit];
      const unitEnd = text.base + text.ends[unit];
      if (!this.coversOwnCharacters(text.value.charCodeAt(unit), unitStart, unitEnd)) {
        this.flush(runStart, runEnd, type, modifiers);
        runStart = -1;
        continue;
      }
      // Units of one escape (`\U0001F600` gives two) share their source range.
      const continues = runStart >= 0 && (unitStart === runEnd || (unitStart === previousStart && unitEnd === runEnd));
      if (!continues) {
        this.flush(runStart, runEnd, type, modifiers);
        runStart = unitStart;
      }
      runEnd = unitEnd;
      previousStart = unitStart;
    }
    this.flush(runStart, runEnd, type, modifiers);
  }

  /** The tokens added so far, sorted by start, overlapping ones dropped (the first one added wins a tie). */
  tokens(): SemanticToken[] {
    // Array sort is stable: of two tokens starting together, the one added first comes first.
    const sorted = [...this.collected].sort((a, b) => a.start - b.start);
    const result: SemanticToken[] = [];
    let lastEnd = -1;
    for (const token of sorted) {
      if (token.start < lastEnd) continue;
      result.push(token);
      lastEnd = token.end;
    }
    return result;
  }

  private flush(start: number, end: number, type: number, modifiers: number): void {
    if (start >= 0 && end > start) this.collected.push({ start, end, type, modifiers });
  }

  /**
   * Whether a cooked unit stands for its own source characters: the same character, or an escape sequence. A
   * unit made from a line break (a fold, a kept newline) or from blanks around it is not.
   */
  private coversOwnCharacters(unit: number, start: number, end: number): boolean {
    const width = end - start;
    if (width <= 0) return false;
    if (width === 1) return !isBreak(unit) && this.source.charCodeAt(start) === unit;
    for (let offset = start; offset < end; offset++) if (isBreak(this.source.charCodeAt(offset))) return false;
    const first = this.source.charCodeAt(start);
    if (first === 92 /* \ */) return true;
    return width === 2 && first === 39 /* ' */ && this.source.charCodeAt(start + 1) === 39;
  }
}
