/**
 * Splits a YAML stream into independently parseable chunks. A rules file is almost always a block sequence at
 * column 0, so each top-level `- ` entry can be parsed on its own: a syntax error stays inside its item (the rest
 * of the file is still understood), and an edit only needs the touched item parsed again.
 */

export interface Chunk {
  /** Offset of the first character of the chunk. */
  readonly start: number;
  /** Offset after the last character of the chunk. */
  readonly end: number;
  /** Index of the YAML document (`---` separated) the chunk belongs to. */
  readonly documentIndex: number;
  /** True when the chunk is one entry of a column-0 block sequence (or the comments before the first entry). */
  readonly sequenceEntry: boolean;
}

interface Line {
  start: number;
  end: number;
  /** Offset after the line break. */
  next: number;
}

const loneCarriageReturn = /\r(?!\n)/;

function* lines(text: string): Generator<Line> {
  let start = 0;
  const length = text.length;
  if (!loneCarriageReturn.test(text)) {
    // Fast path: LF or CRLF line breaks only.
    while (start < length) {
      const newline = text.indexOf('\n', start);
      const next = newline < 0 ? length : newline + 1;
      const end = newline < 0 ? length : newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      yield { start, end, next };
      start = next;
    }
    return;
  }
  while (start < length) {
    let end = start;
    while (end < length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    yield { start, end, next };
    start = next;
  }
}

function isDocumentMarker(text: string, line: Line, marker: '---' | '...'): boolean {
  if (!text.startsWith(marker, line.start)) return false;
  const after = text.charCodeAt(line.start + 3);
  return line.start + 3 === line.end || after === 32 || after === 9;
}

/** True when everything after a `---` marker on its line is blank or a comment. */
function markerLineIsBare(text: string, line: Line): boolean {
  const rest = text.slice(line.start + 3, line.end).trim();
  return rest === '' || rest.startsWith('#');
}

function isSequenceEntryStart(text: string, line: Line): boolean {
  if (text.charCodeAt(line.start) !== 45 /* - */) return false;
  const after = text.charCodeAt(line.start + 1);
  return line.start + 1 === line.end || after === 32 || after === 9;
}

function isContentLine(text: string, line: Line): boolean {
  for (let index = line.start; index < line.end; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9) continue;
    return code !== 35 /* # */;
  }
  return false;
}

/**
 * Cuts `text` into chunks. Falls back to one chunk per document whenever a document does not start with a
 * column-0 block sequence, and to one chunk for the whole text when directives (`%YAML`) or content after a `---`
 * marker make document boundaries uncertain.
 */
export function splitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let documentIndex = 0;
  let chunkStart = 0;
  // State of the current document: undecided until its first content line.
  let mode: 'undecided' | 'sequence' | 'whole' = 'undecided';
  let sawContentInDocument = false;
  const close = (end: number, sequenceEntry: boolean): void => {
    if (end > chunkStart) chunks.push({ start: chunkStart, end, documentIndex, sequenceEntry });
    chunkStart = end;
  };
  for (const line of lines(text)) {
    // Indented lines and comments never start an item, a document or a directive.
    const first = text.charCodeAt(line.start);
    if ((first === 32 || first === 9 || first === 35) && mode !== 'undecided') continue;
    if (first === 37 /* % */ && !sawContentInDocument) {
      return [{ start: 0, end: text.length, documentIndex: 0, sequenceEntry: false }];
    }
    if (isDocumentMarker(text, line, '---')) {
      if (!markerLineIsBare(text, line)) return [{ start: 0, end: text.length, documentIndex: 0, sequenceEntry: false }];
      if (sawContentInDocument || line.start > chunkStart) {
        close(line.start, mode === 'sequence');
        if (sawContentInDocument) documentIndex++;
      }
      mode = 'undecided';
      sawContentInDocument = false;
      continue;
    }
    if (isDocumentMarker(text, line, '...')) {
      close(line.next, mode === 'sequence');
      if (sawContentInDocument) documentIndex++;
      mode = 'undecided';
      sawContentInDocument = false;
      continue;
    }
    if (!isContentLine(text, line)) continue;
    if (mode === 'undecided') {
      sawContentInDocument = true;
      mode = isSequenceEntryStart(text, line) ? 'sequence' : 'whole';
      continue;
    }
    if (mode === 'sequence' && isSequenceEntryStart(text, line)) close(line.start, true);
  }
  close(text.length, mode === 'sequence');
  return chunks;
}
