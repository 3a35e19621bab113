/**
 * Encodes semantic tokens (document offsets) into the LSP relative form: five integers per token (line delta,
 * start delta, length, type, modifiers) in UTF-16 columns. A token that spans a line break becomes one piece per
 * line; line breaks themselves are never part of a piece.
 */
import type { SemanticToken } from '../features/semanticTokens';
import type { TextLines } from './lineIndex';

/** Larger than any line: `offsetAt` clamps it to the end of the line's content. */
const LINE_END = Number.MAX_SAFE_INTEGER;

/**
 * The LSP `data` array of the tokens, which must be sorted and non-overlapping (as `getSemanticTokens` returns
 * them); a piece that would go backwards is dropped rather than produce an invalid encoding.
 */
export function encodeSemanticTokens(tokens: readonly SemanticToken[], lines: TextLines): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  let previousEnd = 0;
  const push = (line: number, character: number, length: number, token: SemanticToken): void => {
    if (length <= 0) return;
    if (line < previousLine || (line === previousLine && character < previousEnd && data.length > 0)) return;
    const deltaLine = line - previousLine;
    data.push(deltaLine, deltaLine === 0 ? character - previousCharacter : character, length, token.type, token.modifiers);
    previousLine = line;
    previousCharacter = character;
    previousEnd = character + length;
  };
  for (const token of tokens) {
    if (token.end <= token.start) continue;
    const first = lines.positionAt(token.start).line;
    const last = lines.positionAt(token.end).line;
    for (let line = first; line <= last; line++) {
      const lineStart = lines.offsetAt({ line, character: 0 });
      const contentEnd = lines.offsetAt({ line, character: LINE_END });
      const start = Math.max(token.start, lineStart);
      const end = Math.min(token.end, contentEnd);
      push(line, start - lineStart, end - start, token);
    }
  }
  return data;
}
