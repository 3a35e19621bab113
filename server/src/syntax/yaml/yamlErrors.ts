/**
 * Turns the YAML library's errors into problems a rules author understands, with the span of the characters at
 * fault. YAML errors cascade (one missing quote produces dozens), so each chunk (one top-level item) reports its
 * root cause only: a tab in the indentation, the quote or bracket that is never closed, the line indented
 * wrongly, or the `: ` that turns a plain value into a nested mapping (an `output:` line written in prose).
 */
import type { SyntaxProblem } from '../problems';

export interface RawYamlError {
  readonly code: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

function problem(text: string, message: string, from: number, to: number): SyntaxProblem {
  const start = Math.min(Math.max(0, from), text.length);
  return { code: 'yaml-syntax', message, span: { start, end: Math.min(Math.max(to, start), text.length) }, severity: 'error' };
}

function lineStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function lineEndOf(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The first tab used for indentation in the chunk, or -1. */
function findIndentationTab(text: string, start: number, end: number): number {
  let lineStart = start;
  while (lineStart < end) {
    let index = lineStart;
    while (index < end && (text[index] === ' ' || text[index] === '\t')) {
      if (text[index] === '\t') {
        const rest = text[index + 1];
        // A tab followed by content (or another blank) is indentation; trailing tabs on empty lines are harmless.
        if (rest !== undefined && rest !== '\n' && rest !== '\r') return index;
      }
      index++;
    }
    const next = lineEndOf(text, lineStart);
    lineStart = next + (text[next] === '\r' && text[next + 1] === '\n' ? 2 : 1);
  }
  return -1;
}

/** Finds a quote or a flow bracket that opens a value and is never closed inside the chunk. */
function findUnclosed(text: string, start: number, end: number): { kind: 'quote' | 'flow'; offset: number } | null {
  const brackets: number[] = [];
  let index = start;
  let previousSignificant = '\n';
  while (index < end) {
    const char = text[index];
    if (char === '#' && (previousSignificant === '\n' || /\s/.test(text[index - 1] ?? '\n'))) {
      index = lineEndOf(text, index);
      continue;
    }
    const startsValue = /[\n:\-[{,?]/.test(previousSignificant) && (previousSignificant !== ':' || /\s/.test(text[index - 1] ?? ''));
    if ((char === '"' || char === "'") && startsValue) {
      let close = index + 1;
      for (;;) {
        if (close >= end) return { kind: 'quote', offset: index };
        const current = text[close];
        if (char === '"' && current === '\\') {
          close += 2;
          continue;
        }
        if (current === char) {
          if (char === "'" && text[close + 1] === "'") {
            close += 2;
            continue;
          }
          break;
        }
        close++;
      }
      index = close + 1;
      previousSignificant = 'x';
      continue;
    }
    if ((char === '[' || char === '{') && (startsValue || brackets.length > 0)) brackets.push(index);
    else if ((char === ']' || char === '}') && brackets.length > 0) brackets.pop();
    if (char === '\n' || char === '\r') previousSignificant = brackets.length > 0 ? ',' : '\n';
    else if (char !== ' ' && char !== '\t') previousSignificant = char;
    index++;
  }
  return brackets.length > 0 ? { kind: 'flow', offset: brackets[0] } : null;
}

/** The `: ` that YAML takes as a nested key, searched from `from` through the rest of the scalar's lines. */
function findImplicitKey(text: string, from: number, end: number): { start: number; colon: number } | null {
  let lineStart = from;
  while (lineStart < end) {
    const lineEnd = Math.min(lineEndOf(text, lineStart), end);
    for (let index = lineStart; index < lineEnd; index++) {
      if (text[index] === ' ' && text[index + 1] === '#') break;
      if (text[index] === ':' && (index + 1 === lineEnd || text[index + 1] === ' ' || text[index + 1] === '\t')) {
        let keyStart = lineStart;
        while (keyStart < index && (text[keyStart] === ' ' || text[keyStart] === '\t')) keyStart++;
        return { start: keyStart, colon: index };
      }
    }
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  return null;
}

/** The first token of the line holding `offset` (the key of a wrongly indented `key: value` line). */
function lineKeySpan(text: string, offset: number): { start: number; end: number } {
  let start = lineStartOf(text, offset);
  const end = lineEndOf(text, offset);
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  let keyEnd = start;
  while (keyEnd < end && text[keyEnd] !== ':' && text[keyEnd] !== ' ') keyEnd++;
  return { start, end: Math.max(keyEnd, start + 1) };
}

/** Reduces the YAML errors of one chunk `[start, end)` to its root cause. */
export function describeChunkErrors(text: string, start: number, end: number, errors: readonly RawYamlError[]): SyntaxProblem[] {
  if (errors.length === 0) return [];
  const tab = findIndentationTab(text, start, end);
  if (tab >= 0) {
    return [problem(text, 'A tab is used for indentation; YAML only allows spaces there. Replace the tab with spaces.', tab, tab + 1)];
  }
  const first = errors[0];
  if (/quote/i.test(first.message) || /flow (sequence|map|collection)/i.test(first.message) || first.code === 'BAD_INDENT') {
    const unclosed = findUnclosed(text, start, end);
    if (unclosed?.kind === 'quote') {
      return [problem(text, 'This quoted value is never closed, so YAML reads the rest of the item as part of it. Add the closing quote.', unclosed.offset, unclosed.offset + 1)];
    }
    if (unclosed?.kind === 'flow') {
      const closer = text[unclosed.offset] === '[' ? ']' : '}';
      return [problem(text, `This '${text[unclosed.offset]}' is never closed. Add the '${closer}' at the end of the list.`, unclosed.offset, unclosed.offset + 1)];
    }
  }
  if (first.code === 'BLOCK_AS_IMPLICIT_KEY' || first.code === 'MULTILINE_IMPLICIT_KEY') {
    const key = findImplicitKey(text, first.start, end);
    if (key) {
      return [
        problem(
          text,
          "YAML reads the ': ' here as the start of a nested mapping inside a plain value (Falco reports 'illegal map value'). " +
            'Quote the whole value or write it as a block scalar (`>`); if this is meant to be a key, align it with the other keys.',
          key.start,
          key.colon + 1,
        ),
      ];
    }
  }
  if (first.code === 'MISSING_CHAR' && /without - indicator/.test(first.message)) {
    const key = lineKeySpan(text, first.start);
    return [problem(text, 'This line is indented differently from the other keys of its item. Align it with them.', key.start, key.end)];
  }
  if (first.code === 'UNEXPECTED_TOKEN' || first.code === 'BAD_INDENT') {
    const key = lineKeySpan(text, first.start);
    return [problem(text, `${first.message}. Check the indentation of this line.`, key.start, key.end)];
  }
  return [problem(text, first.message, first.start, first.end)];
}
