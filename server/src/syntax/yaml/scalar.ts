/**
 * Cooks YAML scalars from their source, the way a YAML parser does (YAML 1.2 line folding, quoting, escapes,
 * block scalar indentation and chomping), while recording where every cooked unit came from. This is what lets
 * a diagnostic inside a folded or quoted condition point at the exact characters.
 */
import { EmbeddedTextBuilder, type EmbeddedText } from '../embeddedText';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

function isBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Length of the line break at `index` (2 for CRLF), or 0. */
function breakLength(source: string, index: number): number {
  const code = source.charCodeAt(index);
  if (code === 13) return source.charCodeAt(index + 1) === 10 ? 2 : 1;
  return code === 10 ? 1 : 0;
}

const simpleEscapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const hexEscapeLengths: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Cooks a flow scalar (plain, single- or double-quoted) whose content lies in `source[start, end)` (without the
 * quotes). Line breaks fold as YAML says: trailing and leading blanks around a break vanish, one break becomes a
 * space, n+1 breaks become n newlines.
 */
export function cookFlowScalar(source: string, start: number, end: number, style: 'plain' | 'single' | 'double'): EmbeddedText {
  const builder = new EmbeddedTextBuilder(start);
  let index = start;
  while (index < end) {
    const code = source.charCodeAt(index);
    if (style === 'double' && code === 92 /* \ */ && index + 1 < end) {
      const next = source[index + 1];
      const nextBreak = breakLength(source, index + 1);
      if (nextBreak > 0) {
        // Escaped line break: nothing is produced, leading blanks of the next line are dropped.
        index += 1 + nextBreak;
        while (index < end && isBlank(source.charCodeAt(index))) index++;
        continue;
      }
      const simple = simpleEscapes[next];
      if (simple !== undefined) {
        builder.push(simple, index, index + 2);
        index += 2;
        continue;
      }
      const hexLength = hexEscapeLengths[next];
      if (hexLength !== undefined) {
        const digits = source.slice(index + 2, index + 2 + hexLength);
        if (digits.length === hexLength && /^[0-9a-fA-F]+$/.test(digits)) {
          const codePoint = parseInt(digits, 16);
          const units = codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
          builder.push(units, index, index + 2 + hexLength);
          index += 2 + hexLength;
          continue;
        }
      }
      // Invalid escape: the YAML parser reports it; keep the characters as they are.
      builder.push(source.slice(index, index + 2), index, index + 2);
      index += 2;
      continue;
    }
    if (style === 'single' && code === 39 /* ' */ && source.charCodeAt(index + 1) === 39) {
      builder.push("'", index, index + 2);
      index += 2;
      continue;
    }
    if (isBlank(code) || isBreak(code)) {
      let runEnd = index;
      while (runEnd < end && isBlank(source.charCodeAt(runEnd))) runEnd++;
      if (runEnd >= end || !isBreak(source.charCodeAt(runEnd))) {
        // Blanks inside a line are content.
        for (let position = index; position < runEnd; position++) builder.push(source[position], position, position + 1);
        index = runEnd;
        continue;
      }
      // A line break (possibly preceded by blanks): count breaks across empty lines, then skip the next indent.
      const foldStart = index;
      let breaks = 0;
      let position = runEnd;
      let afterLastBreak = position;
      for (;;) {
        const length = breakLength(source, position);
        if (length === 0 || position >= end) break;
        breaks++;
        position += length;
        afterLastBreak = position;
        while (position < end && isBlank(source.charCodeAt(position))) position++;
      }
      let contentStart = afterLastBreak;
      while (contentStart < end && isBlank(source.charCodeAt(contentStart))) contentStart++;
      if (breaks === 1) builder.push(' ', foldStart, contentStart);
      else {
        for (let count = 1; count < breaks; count++) builder.push('\n', foldStart, contentStart);
      }
      index = contentStart;
      continue;
    }
    builder.push(source[index], index, index + 1);
    index++;
  }
  return builder.build();
}

interface BlockLine {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the line break (or the end of the body). */
  contentEnd: number;
  /** Offset after the line break. */
  end: number;
}

function splitLines(source: string, start: number, end: number): BlockLine[] {
  const lines: BlockLine[] = [];
  let lineStart = start;
  let index = start;
  while (index < end) {
    const length = breakLength(source, index);
    if (length > 0) {
      lines.push({ start: lineStart, contentEnd: index, end: Math.min(index + length, end) });
      index += length;
      lineStart = index;
    } else index++;
  }
  if (lineStart < end) lines.push({ start: lineStart, contentEnd: end, end });
  return lines;
}

export interface BlockHeader {
  style: 'literal' | 'folded';
  chomping: 'clip' | 'strip' | 'keep';
  explicitIndent: number | null;
}

export function parseBlockHeader(header: string): BlockHeader {
  const style = header.startsWith('>') ? 'folded' : 'literal';
  let chomping: BlockHeader['chomping'] = 'clip';
  let explicitIndent: number | null = null;
  for (let index = 1; index < header.length; index++) {
    const char = header[index];
    if (char === '-') chomping = 'strip';
    else if (char === '+') chomping = 'keep';
    else if (char >= '1' && char <= '9') explicitIndent = Number(char);
    else break;
  }
  return { style, chomping, explicitIndent };
}

/**
 * Cooks a block scalar whose body (the lines after the header line) is `source[bodyStart, bodyEnd)`.
 * `parentIndent` is the indentation of the node that owns the scalar (used with an explicit indentation indicator).
 */
export function cookBlockScalar(source: string, header: BlockHeader, bodyStart: number, bodyEnd: number, parentIndent: number): EmbeddedText {
  const builder = new EmbeddedTextBuilder(bodyStart);
  const lines = splitLines(source, bodyStart, bodyEnd);
  let indent = header.explicitIndent !== null ? parentIndent + header.explicitIndent : -1;
  if (indent < 0) {
    indent = 0;
    for (const line of lines) {
      let position = line.start;
      while (position < line.contentEnd && source.charCodeAt(position) === 32) position++;
      if (position < line.contentEnd) {
        indent = position - line.start;
        break;
      }
    }
  }
  // Classify lines: empty (only up to `indent` spaces, or only blanks), more-indented, or text.
  type Kind = 'empty' | 'text' | 'more';
  const kinds: Kind[] = lines.map((line) => {
    const length = line.contentEnd - line.start;
    if (length <= indent) {
      for (let position = line.start; position < line.contentEnd; position++) {
        if (source.charCodeAt(position) !== 32) return 'text';
      }
      return 'empty';
    }
    const first = source.charCodeAt(line.start + indent);
    if (header.style === 'folded' && isBlank(first)) return 'more';
    return 'text';
  });
  let lastContent = -1;
  for (let index = lines.length - 1; index >= 0; index--) {
    if (kinds[index] !== 'empty') {
      lastContent = index;
      break;
    }
  }
  const pushContent = (line: BlockLine): void => {
    for (let position = Math.min(line.start + indent, line.contentEnd); position < line.contentEnd; position++) {
      builder.push(source[position], position, position + 1);
    }
  };
  const pushBreak = (line: BlockLine, units: string): void => {
    builder.push(units, line.contentEnd, Math.max(line.end, line.contentEnd));
  };
  for (let index = 0; index <= lastContent; index++) {
    const line = lines[index];
    const kind = kinds[index];
    if (kind === 'empty') {
      // In folded style the break before a run of empty lines was already dropped by the previous text line.
      pushBreak(line, '\n');
      continue;
    }
    pushContent(line);
    if (index === lastContent) break;
    if (header.style === 'literal' || kind === 'more') {
      pushBreak(line, '\n');
      continue;
    }
    // Folded text line: the break folds to a space when the next line is text; it disappears before empty lines
    // that are followed by a text line; it is kept before more-indented lines.
    let next = index + 1;
    while (next <= lastContent && kinds[next] === 'empty') next++;
    const nextKind = kinds[next];
    if (nextKind === 'more') pushBreak(line, '\n');
    else if (next === index + 1) pushBreak(line, ' ');
  }
  if (lastContent >= 0 && header.chomping !== 'strip') {
    const last = lines[lastContent];
    if (last.end > last.contentEnd) pushBreak(last, '\n');
    else if (header.chomping === 'clip' || header.chomping === 'keep') {
      // The body ended without a line break (end of file): YAML still adds one for clip/keep.
      builder.push('\n', last.contentEnd, last.contentEnd);
    }
    if (header.chomping === 'keep') {
      for (let index = lastContent + 1; index < lines.length; index++) pushBreak(lines[index], '\n');
    }
  } else if (lastContent < 0 && header.chomping === 'keep') {
    for (const line of lines) pushBreak(line, '\n');
  }
  return builder.build();
}
