/**
 * Character-level lexing of Falco conditions, following libsinsp's token rules (its lexing is context
 * dependent, so the parser asks for a token kind at the cursor), plus the language's vocabulary lists.
 */
import type { Span } from '../span';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary (order matters: the engine tries operators in this order, e.g. `<=` before `<`).

export const UNARY_OPERATORS: readonly string[] = ['exists'];
export const NUMERIC_OPERATORS: readonly string[] = ['<=', '<', '>=', '>'];
/** String operators; the word ones must be followed by at least one blank. */
export const STRING_OPERATORS: readonly string[] = [
  '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith',
  'regex',
];
/** List operators: no blank required after them (`proc.name in(a,b)`). */
export const LIST_OPERATORS: readonly string[] = ['intersects', 'in', 'pmatch'];
/** Comparison modifiers (`startswith oneof (…)`), Falco 0.44+. */
export const COMPARISON_MODIFIERS: readonly string[] = ['oneof', 'anyof', 'allof'];
/** Field transformers usable on either side, in the engine's order. */
export const TRANSFORMERS: readonly string[] = ['tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'];
/** `val(field)`: right-hand side only. */
export const VAL_TRANSFORMER = 'val';
export const BOOLEAN_KEYWORDS: readonly string[] = ['and', 'or', 'not'];

/** All check operators in the engine's order (as listed in its "expected a valid check operator" message). */
export const CHECK_OPERATORS: readonly string[] = [
  ...UNARY_OPERATORS, ...NUMERIC_OPERATORS, ...STRING_OPERATORS, ...LIST_OPERATORS,
];

export type OperatorKind = 'unary' | 'numeric' | 'string' | 'list';

export interface ConditionVocabulary {
  readonly operators: readonly { readonly name: string; readonly kind: OperatorKind; readonly needsBlank: boolean }[];
  /** Transformers including `val` (flagged `rhsOnly`). */
  readonly transformers: readonly { readonly name: string; readonly rhsOnly: boolean }[];
  readonly modifiers: readonly string[];
  readonly keywords: readonly string[];
}

/** Names of operators, transformers, modifiers and keywords, for completion and diagnostics. */
export function getConditionVocabulary(): ConditionVocabulary {
  const ops = (names: readonly string[], kind: OperatorKind) =>
    names.map((name) => ({ name, kind, needsBlank: kind === 'string' && isAlpha(name) }));
  return {
    operators: [
      ...ops(UNARY_OPERATORS, 'unary'), ...ops(NUMERIC_OPERATORS, 'numeric'),
      ...ops(STRING_OPERATORS, 'string'), ...ops(LIST_OPERATORS, 'list'),
    ],
    transformers: [
      { name: VAL_TRANSFORMER, rhsOnly: true },
      ...TRANSFORMERS.map((name) => ({ name, rhsOnly: false })),
    ],
    modifiers: COMPARISON_MODIFIERS,
    keywords: BOOLEAN_KEYWORDS,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Character classes. "Blank" is what the engine skips between tokens; "space" is POSIX [:space:], used inside
// the regular expressions (they differ: \b is a blank, \v and \f are spaces).

export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\b' || c === '\r' || c === '\n';
}

export function isPosixSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function isAlpha(s: string): boolean {
  return /^[A-Za-z]/.test(s);
}

export function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z0-9]$/.test(c);
}

const RE_IDENTIFIER = /[a-zA-Z][a-zA-Z0-9_]*/y;
const RE_FIELD_NAME = /[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)+/y;
const RE_FIELD_ARG_BARE = /[^\]["' \t\n\v\f\r]+/y;
const RE_HEX_NUMBER = /0[xX][0-9a-fA-F]+/y;
const RE_NUMBER = /[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?/y;
const RE_BARE_STRING = /[^()"' \t\n\v\f\r=,]+/y;
const RE_NOT_BLANK = /not[ \t\n\v\f\r]+/y;

/** Whole-string test for the engine's field-name token (at least two dot segments, each starting with a letter). */
export function isFieldName(text: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)+$/.test(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Quoted strings.

export interface EscapeProblem {
  readonly message: string;
  readonly span: Span;
}

/** Positions that can close a string (a quote not preceded by a backslash) and NUL positions, for one text. */
interface QuoteIndex {
  readonly text: string;
  readonly double: number[];
  readonly single: number[];
  readonly nul: number[];
}

let lastQuoteIndex: QuoteIndex | undefined;

function quoteIndex(text: string): QuoteIndex {
  if (lastQuoteIndex?.text === text) return lastQuoteIndex;
  const index: QuoteIndex = { text, double: [], single: [], nul: [] };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\0') index.nul.push(i);
    else if ((c === '"' || c === "'") && text[i - 1] !== '\\') (c === '"' ? index.double : index.single).push(i);
  }
  return (lastQuoteIndex = index);
}

/** First element of the sorted `positions` greater than `after`. */
function firstAfter(positions: number[], after: number): number | undefined {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (positions[mid]! <= after) low = mid + 1;
    else high = mid;
  }
  return positions[low];
}

/**
 * End offset (exclusive) of the quoted string opening at `start`, or undefined if it never terminates. As in the
 * engine, the string ends at the first matching quote not immediately preceded by a backslash (so `"a\\"` does
 * not end at its last quote), and a NUL character ends the input. Indexed, so repeated calls on one text (error
 * recovery, output placeholders) stay cheap.
 */
export function quotedStringEnd(text: string, start: number): number | undefined {
  const index = quoteIndex(text);
  const close = firstAfter(text[start] === '"' ? index.double : index.single, start);
  if (close === undefined) return undefined;
  const nul = firstAfter(index.nul, start);
  return nul !== undefined && nul < close ? undefined : close + 1;
}

/**
 * Unescapes a quoted token (`raw` includes both quotes; `offset` is where it starts). Escapes: \b \f \n \r \t \\ \/,
 * the quote of the same kind, and the legacy `\ ` (a backslash, the space is dropped). Everything else, including
 * `\xHH` (only on unreleased libs), is reported; the bad sequence is kept verbatim in the value.
 */
export function unescapeQuoted(raw: string, offset: number): { value: string; problems: EscapeProblem[] } {
  const quote = raw[0];
  const problems: EscapeProblem[] = [];
  let value = '';
  const end = raw.length - 1;
  for (let i = 1; i < end; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= end) {
      value += c;
      continue;
    }
    const next = raw[i + 1]!;
    i++;
    const span = { start: offset + i - 1, end: offset + i + 1 };
    switch (next) {
      case 'b': value += '\b'; break;
      case 'f': value += '\f'; break;
      case 'n': value += '\n'; break;
      case 'r': value += '\r'; break;
      case 't': value += '\t'; break;
      case ' ':
      case '\\': value += '\\'; break;
      case '/': value += '/'; break;
      case '"':
      case "'":
        if (next !== quote) {
          problems.push({
            message: next === '"' ? `invalid \\" escape in '-quoted string` : `invalid \\' escape in "-quoted string`,
            span,
          });
        }
        value += next;
        break;
      default:
        problems.push({ message: `unsupported string escape sequence: \\${next}`, span });
        value += '\\' + next;
    }
  }
  return { value, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Scanner: a cursor over the text with one "try to lex X here" method per token kind. Each successful lex
// records the token as `last` (blanks excepted), which error messages quote like the engine does.

export interface Token {
  readonly text: string;
  readonly span: Span;
}

export interface QuotedToken extends Token {
  readonly value: string;
  readonly escapeProblems: readonly EscapeProblem[];
}

export interface ScannerState {
  readonly pos: number;
  readonly last: Token | undefined;
}

export class Scanner {
  pos: number;
  last: Token | undefined;

  constructor(readonly text: string, start = 0) {
    this.pos = start;
  }

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(ahead = 0): string | undefined {
    return this.text[this.pos + ahead];
  }

  save(): ScannerState {
    return { pos: this.pos, last: this.last };
  }

  restore(state: ScannerState): void {
    this.pos = state.pos;
    this.last = state.last;
  }

  /** Skips blanks; true if there was at least one. */
  skipBlanks(): boolean {
    const start = this.pos;
    while (isBlank(this.text[this.pos])) this.pos++;
    return this.pos > start;
  }

  private take(end: number): Token {
    const token = { text: this.text.slice(this.pos, end), span: { start: this.pos, end } };
    this.pos = end;
    this.last = token;
    return token;
  }

  /** Exact (case-sensitive) prefix match. */
  lexString(s: string): Token | undefined {
    return this.text.startsWith(s, this.pos) ? this.take(this.pos + s.length) : undefined;
  }

  private lexRegex(re: RegExp): Token | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    return m && m[0].length > 0 ? this.take(this.pos + m[0].length) : undefined;
  }

  lexIdentifier(): Token | undefined { return this.lexRegex(RE_IDENTIFIER); }
  lexFieldName(): Token | undefined { return this.lexRegex(RE_FIELD_NAME); }
  lexFieldArgBare(): Token | undefined { return this.lexRegex(RE_FIELD_ARG_BARE); }
  lexBareString(): Token | undefined { return this.lexRegex(RE_BARE_STRING); }
  /** `HEXNUM | NUMBER`, in the engine's order. */
  lexNumber(): Token | undefined { return this.lexRegex(RE_HEX_NUMBER) ?? this.lexRegex(RE_NUMBER); }

  /** `not` followed by at least one space; returns the token of the 3-letter keyword (spaces are consumed). */
  lexNotBlank(): Token | undefined {
    RE_NOT_BLANK.lastIndex = this.pos;
    const m = RE_NOT_BLANK.exec(this.text);
    if (!m) return undefined;
    const keyword = this.take(this.pos + 3);
    this.pos = keyword.span.start + m[0].length;
    return keyword;
  }

  /** True if a quote is at the cursor and it is never closed. */
  atUnterminatedQuote(): boolean {
    const c = this.peek();
    return (c === '"' || c === "'") && quotedStringEnd(this.text, this.pos) === undefined;
  }

  lexQuoted(): QuotedToken | undefined {
    const c = this.peek();
    if (c !== '"' && c !== "'") return undefined;
    const end = quotedStringEnd(this.text, this.pos);
    if (end === undefined) return undefined;
    const token = this.take(end);
    const { value, problems } = unescapeQuoted(token.text, token.span.start);
    return { ...token, value, escapeProblems: problems };
  }

  /**
   * First operator of `names` at the cursor. Word operators listed in `needBlank` must be followed by a blank
   * (left for the caller to skip); otherwise the engine backtracks and tries the next one.
   */
  lexOperator(names: readonly string[], needBlank: (name: string) => boolean): Token | undefined {
    for (const name of names) {
      if (!this.text.startsWith(name, this.pos)) continue;
      const end = this.pos + name.length;
      if (needBlank(name) && !isBlank(this.text[end])) continue;
      return this.take(end);
    }
    return undefined;
  }

  /** Transformer name immediately followed by `(` (token includes the parenthesis). */
  lexTransformerOpen(): Token | undefined {
    for (const name of TRANSFORMERS) {
      const token = this.lexString(name + '(');
      if (token) return token;
    }
    return undefined;
  }

  /** End of the "offending token" at `at`: a quoted string, one parenthesis or comma, or a run of other characters. */
  junkEnd(at = this.pos): number {
    const text = this.text;
    const c = text[at];
    if (c === undefined) return at;
    if (c === '(' || c === ')' || c === ',') return at + 1;
    if (c === '"' || c === "'") return quotedStringEnd(text, at) ?? text.length;
    let end = at + 1;
    while (end < text.length && !/[()"',]/.test(text[end]!) && !isBlank(text[end]) && !isPosixSpace(text[end])) end++;
    return end;
  }

  /** True if `and`/`or` starts at `at` and is followed by a blank, `(` or the end (a sync point for recovery). */
  keywordAt(at: number): boolean {
    for (const kw of ['and', 'or']) {
      if (!this.text.startsWith(kw, at)) continue;
      const next = this.text[at + kw.length];
      if (next === undefined || next === '(' || isBlank(next) || isPosixSpace(next)) return true;
    }
    return false;
  }

  /**
   * Error recovery: moves the cursor forward, over balanced parentheses and quoted strings, up to the end, a `)`
   * that closes an enclosing construct, or (if `keywords`) an `and`/`or` keyword that starts a new operand.
   * With `limit`, gives up after that many characters and returns false (used by look-ahead probes).
   */
  skipToSync(keywords: boolean, limit = Infinity): boolean {
    const text = this.text;
    const start = this.pos;
    let depth = 0;
    let i = this.pos;
    while (i < text.length) {
      if (i - start > limit) {
        this.pos = i;
        return false;
      }
      const c = text[i]!;
      if (c === '"' || c === "'") {
        i = quotedStringEnd(text, i) ?? text.length;
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (keywords && depth === 0 && this.keywordAt(i)) {
        const before = text[i - 1];
        if (i === start || isBlank(before) || isPosixSpace(before) || before === ')' || before === '"' || before === "'") {
          break;
        }
      }
      i++;
    }
    this.pos = i;
    return true;
  }
}
