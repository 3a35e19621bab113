/**
 * Turns the YAML library's errors into problems a rules author understands, with the span of the characters at
 * fault. The common real-world case gets special care: a plain scalar that contains `: ` (an `output:` line
 * written in prose), which YAML reads as a nested mapping.
 */
import type { ProblemSeverity, SyntaxProblem } from '../problems';

function lineBounds(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

/** Finds `: ` (or `:` at line end) in the plain value that starts at `valueStart`. */
function findInnerColon(text: string, valueStart: number): number {
  const { end } = lineBounds(text, valueStart);
  for (let index = valueStart; index < end; index++) {
    if (text[index] === ':' && (index + 1 === end || text[index + 1] === ' ' || text[index + 1] === '\t')) return index;
    if (text[index] === ' ' && text[index + 1] === '#') return -1;
  }
  return -1;
}

function isTabIndented(text: string, offset: number): number {
  const { start } = lineBounds(text, offset);
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '\t') return index;
    if (char !== ' ') return -1;
  }
  return -1;
}

export function describeYamlError(text: string, code: string, message: string, start: number, end: number, severity: ProblemSeverity): SyntaxProblem {
  const problem = (detail: string, from: number, to: number): SyntaxProblem => {
    const clampedStart = Math.min(Math.max(0, from), text.length);
    return { code: 'yaml-syntax', message: detail, span: { start: clampedStart, end: Math.min(Math.max(to, clampedStart), text.length) }, severity };
  };
  const tab = isTabIndented(text, start);
  if (tab >= 0) {
    return problem('A tab is used for indentation; YAML only allows spaces there. Replace the tab with spaces.', tab, tab + 1);
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    const colon = findInnerColon(text, start);
    if (colon >= 0) {
      return problem(
        "This plain value contains ': ', which YAML reads as the start of a nested mapping (Falco reports 'illegal map value'). " +
          'Quote the whole value, or write it as a block scalar (`>`).',
        colon,
        colon + 1,
      );
    }
  }
  if (code === 'MISSING_CHAR' && /quote/i.test(message)) {
    return problem(`${message}: the quoted value runs to the end of the file. Add the closing quote.`, start, end);
  }
  if (code === 'BAD_INDENT' && /Flow sequence|Flow map/.test(message)) {
    return problem(`${message}. A '[' or '{' opened earlier is never closed.`, start, end);
  }
  if (code === 'MISSING_CHAR' && /Sequence item without/.test(message)) {
    return problem(`${message}: this line is indented less than the keys of its item. Align it with the other keys.`, start, end);
  }
  return problem(message, start, end);
}
