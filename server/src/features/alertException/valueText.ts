/**
 * How an alert's value is written into an exception: first the text the engine must paste into the condition it
 * builds (falco-language.md §3.3: a value with a space is wrapped in double quotes, nothing else is escaped, and
 * list names are substituted as words everywhere, §5.1), then that text as a YAML scalar, quoted only when YAML
 * needs it.
 */

/** What the condition lexer reads as one bare word. */
const BARE = /^[^()"'\s=,]+$/;
/** Characters around which the engine substitutes list names. */
const LIST_DELIMITER = /[\s(),=]/;
const CONDITION_WORDS = new Set(['and', 'or', 'not']);

/** True when a list name inside `text` (pasted after `field = `) would be replaced by the list's items. */
function substitutesList(text: string, isListName: (name: string) => boolean): boolean {
  let start = 0;
  for (let index = 0; index <= text.length; index++) {
    if (index < text.length && !LIST_DELIMITER.test(text[index]!)) continue;
    const word = text.slice(start, index);
    // Outside the text there is a blank before and a blank or ')' after: both count as delimiters.
    if (word !== '' && isListName(word)) return true;
    start = index + 1;
  }
  return false;
}

function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The exception value whose pasted text compares a field with `value` exactly (an `=` comparison), or
 * undefined when no text does: a value ending in a backslash cannot be closed by a quote (the condition lexer
 * reads `\"` as an escaped quote), and a list name between blanks inside a value is substituted even in quotes.
 */
export function conditionValue(value: string, isListName: (name: string) => boolean): string | undefined {
  if (value === '') return undefined;
  if (BARE.test(value) && !CONDITION_WORDS.has(value) && !isListName(value)) return value;
  let written: string;
  let pasted: string;
  if (value.includes(' ') && !/["\\]/.test(value) && !value.startsWith("'")) {
    // The engine wraps a value with a space in double quotes itself, without escaping anything inside.
    written = value;
    pasted = `"${value}"`;
  } else if (value.endsWith('\\')) {
    return undefined;
  } else {
    written = quoted(value);
    pasted = written;
  }
  // The quotes keep the first and last words from being substituted; the inner words are not protected.
  const inner = pasted.slice(1, -1).replace(/^[^\s(),=]*/, '').replace(/[^\s(),=]*$/, '');
  return substitutesList(inner, isListName) ? undefined : written;
}

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
const PLAIN_FLOW = /^[A-Za-z0-9_/.][A-Za-z0-9_/.+@=~^<>$%-]*$/;

/** Control characters (tab, line breaks, …) need a double-quoted scalar with escapes. */
function hasControl(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function quoteForYaml(value: string): string {
  if (hasControl(value)) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** A scalar inside a YAML flow sequence (`[a, b]`): plain when that is safe, else quoted. */
export function flowScalar(value: string): string {
  if (PLAIN_FLOW.test(value) && !NULL_WORDS.has(value)) return value;
  return quoteForYaml(value);
}

/** A scalar as a block mapping value (`rule: Name with spaces`): plain when that is safe, else quoted. */
export function blockScalar(value: string): string {
  const plain =
    value === value.trim() &&
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |:$| #/.test(value) &&
    !hasControl(value) &&
    !NULL_WORDS.has(value);
  return plain ? value : quoteForYaml(value);
}

/** A flow sequence of already written scalars. */
export function flowSequence(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}
