/**
 * Tokenizer for rule `output` strings: literal text runs and `%` placeholders (`%[width]field[arg]`,
 * `%transformer(args…)`), following libsinsp's event formatter. Pure and never throws.
 */
import type { Span } from '../span';
import type { SyntaxProblem } from '../problems';
import type { ErrorNode, FieldArg, TransformerExpr } from '../condition/ast';
import { Scanner, isFieldName } from '../condition/lexer';
import { parseTransformerAt } from '../condition/operands';

export const OUTPUT_SYNTAX = 'output-syntax';

export interface OutputText {
  readonly kind: 'text';
  readonly span: Span;
  readonly text: string;
}

interface PlaceholderBase {
  /** From the `%` to the end of the placeholder. */
  readonly span: Span;
  readonly name: string;
  readonly nameSpan: Span;
  /** `%20proc.name` → 20. */
  readonly width?: number;
  readonly widthSpan?: Span;
  readonly arg?: FieldArg;
}

/**
 * `%proc.name`, `%proc.aname[2]`. `name` is the maximal candidate `[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*`:
 * the engine ends the token at the longest prefix that is a known field, see `shrinkToKnownField`.
 */
export interface OutputField extends PlaceholderBase {
  readonly kind: 'field';
}

/** `%toupper(user.name)`, `%concat(proc.name, "-", user.name)`: `expr` is the condition-language transformer. */
export interface OutputTransformer extends PlaceholderBase {
  readonly kind: 'transformer';
  readonly expr: TransformerExpr | ErrorNode;
}

export type OutputPlaceholder = OutputField | OutputTransformer;
export type OutputToken = OutputText | OutputPlaceholder;

export interface ParsedOutput {
  readonly tokens: OutputToken[];
  readonly problems: SyntaxProblem[];
}

const RE_CANDIDATE = /[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/y;

function problem(message: string, start: number, end: number): SyntaxProblem {
  return { code: OUTPUT_SYNTAX, message, span: { start, end }, severity: 'error' };
}

function describe(text: string, at: number): { shown: string; end: number } {
  const c = String.fromCodePoint(text.codePointAt(at)!);
  const shown = c === ' ' ? 'a space' : /\s/.test(c) ? 'a line break or tab' : `'${c}'`;
  return { shown, end: at + c.length };
}

export function parseOutputFormat(text: string): ParsedOutput {
  const tokens: OutputToken[] = [];
  const problems: SyntaxProblem[] = [];
  let literalStart = 0;
  const flush = (end: number) => {
    if (end > literalStart) tokens.push({ kind: 'text', span: { start: literalStart, end }, text: text.slice(literalStart, end) });
  };
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      i++;
      continue;
    }
    const percent = i;
    let at = i + 1;
    if (at >= text.length) {
      problems.push(problem("invalid formatting syntax: formatting cannot end with a % (a '%' must start a field)", percent, at));
      break;
    }
    while (at < text.length && text[at]! >= '0' && text[at]! <= '9') at++;
    const widthSpan = at > percent + 1 ? { start: percent + 1, end: at } : undefined;
    if (widthSpan && at >= text.length) {
      problems.push(problem('invalid formatting syntax: formatting cannot end with a number (a width must be followed by a field)', percent, at));
      break;
    }
    const width = widthSpan ? { width: Number(text.slice(widthSpan.start, widthSpan.end)), widthSpan } : {};
    const placeholder = readPlaceholder(text, percent, at, width, problems);
    if (!placeholder) {
      const { shown, end } = describe(text, at);
      if (text[at] === '%' && !widthSpan) {
        problems.push(problem("'%%' is not an escape: a '%' must be followed by a field name or a transformer", percent, end));
        i = end;
      } else {
        problems.push(problem(`a '%' must be followed by a field name or a transformer, found ${shown}`, percent, end));
        i = at;
      }
      continue;
    }
    flush(percent);
    tokens.push(placeholder);
    i = literalStart = placeholder.span.end;
  }
  flush(text.length);
  return { tokens, problems };
}

function readPlaceholder(
  text: string,
  percent: number,
  at: number,
  width: { width?: number; widthSpan?: Span },
  problems: SyntaxProblem[],
): OutputPlaceholder | undefined {
  if (!/[A-Za-z]/.test(text[at] ?? '')) return undefined;
  const probe = new Scanner(text, at);
  // The engine tries a field name first, then a transformer name directly followed by `(`.
  if (!probe.lexFieldName()) {
    const parsed = parseTransformerAt(text, at);
    if (parsed) {
      const node = parsed.node;
      for (const p of parsed.problems) problems.push(problem(p.message, p.span.start, p.span.end));
      const name = node.kind === 'transformer' ? node.name : text.slice(at, text.indexOf('(', at));
      const nameSpan = node.kind === 'transformer' ? node.nameSpan : { start: at, end: at + name.length };
      const arg = node.kind === 'transformer' ? node.arg : undefined;
      return {
        kind: 'transformer', span: { start: percent, end: node.span.end }, name, nameSpan, expr: node, ...width,
        ...(arg ? { arg } : {}),
      };
    }
  }
  RE_CANDIDATE.lastIndex = at;
  const name = RE_CANDIDATE.exec(text)![0];
  const nameSpan = { start: at, end: at + name.length };
  const arg = readFieldArg(text, nameSpan.end);
  const end = arg ? arg.span.end + 1 : nameSpan.end;
  return { kind: 'field', span: { start: percent, end }, name, nameSpan, ...width, ...(arg ? { arg } : {}) };
}

/**
 * A well-formed `[arg]` right after the name. A malformed one is not an error: like the engine (which shrinks the
 * token until it compiles), the placeholder then ends before the `[` and the rest is literal text.
 */
function readFieldArg(text: string, at: number): FieldArg | undefined {
  const s = new Scanner(text, at);
  if (!s.lexString('[')) return undefined;
  let arg: FieldArg | undefined;
  const quoted = s.lexQuoted();
  if (quoted) {
    if (quoted.escapeProblems.length === 0) arg = { value: quoted.value, raw: quoted.text, span: quoted.span, quoted: true };
  } else {
    const bare = s.lexFieldArgBare();
    if (bare) arg = { value: bare.text, raw: bare.text, span: bare.span, quoted: false };
  }
  return arg && s.lexString(']') ? arg : undefined;
}

/**
 * Decides where a field placeholder really ends, given a predicate over the field catalog: the engine takes the
 * longest prefix of the candidate that compiles as a field. Tries the name with its argument, then without, then
 * ever shorter prefixes (character by character) that are valid field names (`proc.name:` → `proc.name`,
 * `%proc.namex` → `proc.name`). Returns the shortened placeholder (the rest is literal text), or null if no prefix
 * is known. Transformer placeholders are returned unchanged (their fields are inside `expr`).
 */
export function shrinkToKnownField(
  token: OutputPlaceholder,
  isKnown: (name: string, arg?: string) => boolean,
): OutputPlaceholder | null {
  if (token.kind === 'transformer') return token;
  const { name } = token;
  if (token.arg && isFieldName(name) && isKnown(name, token.arg.value)) return token;
  for (let length = name.length; length > 0; length--) {
    const prefix = name.slice(0, length);
    if (!isFieldName(prefix) || !isKnown(prefix)) continue;
    if (length === name.length && !token.arg) return token;
    const nameSpan = { start: token.nameSpan.start, end: token.nameSpan.start + length };
    const shrunk: OutputField = { ...token, name: prefix, nameSpan, span: { start: token.span.start, end: nameSpan.end } };
    delete (shrunk as { arg?: FieldArg }).arg;
    return shrunk;
  }
  return null;
}
