/**
 * Markdown building blocks for hovers. Text from rules files goes only through these helpers: code spans and
 * fenced blocks get a backtick fence longer than any run inside them, plain text gets Markdown's punctuation
 * escaped, and every piece is truncated so a hover stays small whatever the file holds.
 */

/** Longest text shown in a fenced block (a condition, an output). */
export const MAX_BLOCK_CHARS = 1500;
/** Longest text shown in a code span (a fragment in a list line). */
export const MAX_INLINE_CHARS = 160;

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  return longest;
}

/** Cuts a text to `max` UTF-16 units (never inside a surrogate pair), marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}

/** A fenced code block that no line of `text` can close early. */
export function codeBlock(text: string, max = MAX_BLOCK_CHARS): string {
  let body = text.replace(/\s+$/, '').replace(/^\s*\n/, '');
  if (body.length > max) body = `${truncate(body, max)}\n(${body.length - max} more characters)`;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}\n${body}\n${fence}`;
}

/** A one-line code span, whitespace collapsed; `*empty*` for an empty text. */
export function inlineCode(text: string, max = MAX_INLINE_CHARS): string {
  const body = truncate(text.replace(/\s+/g, ' ').trim(), max);
  if (body === '') return '*empty*';
  const fence = '`'.repeat(longestBacktickRun(body) + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Code spans of several values, comma-separated, at most `max` of them. */
export function inlineList(values: readonly string[], max = 12): string {
  const shown = values.slice(0, max).map((value) => inlineCode(value));
  return values.length > max ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

/**
 * User text as one Markdown paragraph that renders literally: whitespace collapsed, inline punctuation escaped,
 * and nothing at its start that Markdown would read as a list, a heading or a quote.
 */
export function plainText(text: string, max = 1200): string {
  const collapsed = truncate(text.replace(/\s+/g, ' ').trim(), max);
  return collapsed.replace(/[\\`*_{}[\]<>#|~&!]/g, '\\$&').replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** "1 event type" / "3 event types". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
