/**
 * "Did you mean" quick fixes: one fix per suggestion that replaces exactly the misspelled characters (a name, a
 * value or a key), preferred only when there is a single suggestion. No fix is offered when the written name is
 * not spelled out verbatim in the source (escapes, a name broken over lines) or a suggestion is not a plain word.
 */
import type { Span } from '../../../syntax/span';
import type { DiagnosticFix } from '../diagnostic';
import { replaceSpan } from './sequenceEdits';

/** Names a fix may write in any scalar style without quoting or escaping. */
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The source span whose characters are exactly `written`: `span` itself, or the inside of its quotes when the
 * span covers a quoted word (`"execv"`). Undefined when the source spells it otherwise.
 */
export function exactSpan(text: string, span: Span, written: string): Span | undefined {
  if (written === '' || span.start < 0 || span.end > text.length) return undefined;
  const source = text.slice(span.start, span.end);
  if (source === written) return { start: span.start, end: span.end };
  const quote = source[0];
  if ((quote === '"' || quote === "'") && source.length === written.length + 2 && source.endsWith(quote) && source.slice(1, -1) === written) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return undefined;
}

function fixesFor(text: string, span: Span | null | undefined, written: string, suggestions: readonly string[], title: (suggestion: string) => string): DiagnosticFix[] {
  if (!span) return [];
  const target = exactSpan(text, span, written);
  if (!target) return [];
  const usable = [...new Set(suggestions)].filter((suggestion) => suggestion !== written && PLAIN_NAME.test(suggestion)).slice(0, 3);
  return usable.map((suggestion) => ({
    title: title(suggestion),
    changes: [replaceSpan(target, suggestion)],
    ...(usable.length === 1 ? { preferred: true } : {}),
  }));
}

/** `Change to 'x'` for each suggestion, replacing `written` at `span` (a document span). */
export function changeToFixes(text: string, span: Span | null | undefined, written: string, suggestions: readonly string[]): DiagnosticFix[] {
  return fixesFor(text, span, written, suggestions, (suggestion) => `Change to '${suggestion}'`);
}

/** `Rename key 'a' to 'b'` for each suggestion, replacing the key at `keySpan`. */
export function renameKeyFixes(text: string, keySpan: Span, key: string, suggestions: readonly string[]): DiagnosticFix[] {
  return fixesFor(text, keySpan, key, suggestions, (suggestion) => `Rename key '${key}' to '${suggestion}'`);
}
