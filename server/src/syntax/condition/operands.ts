/**
 * Operand-level parsing shared by the condition parser and the output tokenizer: values, list literals, fields with
 * arguments and transformers, plus the problem reporting, depth guard and resync helpers used for recovery.
 */
import type { Span } from '../span';
import type { SyntaxProblem } from '../problems';
import type {
  ConditionNode, ErrorNode, FieldArg, FieldExpr, ListExpr, TransformerArg, TransformerExpr, TransformerListExpr,
  ValueExpr, ValueToken,
} from './ast';
import { Scanner, isBlank, type QuotedToken, type Token } from './lexer';

/** Same limit as Falco's `set_max_depth(1000)`, counted per nested parse step as the engine does. */
export const MAX_CONDITION_DEPTH = 1000;

/** How far recovery looks ahead for a `)` that would close a construct after junk (keeps recovery linear). */
const RESYNC_LOOKAHEAD = 4000;

export const CONDITION_SYNTAX = 'condition-syntax';
export const CONDITION_STRING_ESCAPE = 'condition-string-escape';

/** Quotes a token for a message, on one line and shortened. */
export function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return `'${oneLine.length > 40 ? oneLine.slice(0, 37) + '...' : oneLine}'`;
}

export class OperandParser {
  readonly s: Scanner;
  readonly problems: SyntaxProblem[] = [];
  protected depth = 0;
  protected halted = false;

  constructor(protected readonly text: string, start: number) {
    this.s = new Scanner(text, start);
  }

  // ---- problems and recovery helpers --------------------------------------------------------------------------

  protected report(message: string, span: Span, code = CONDITION_SYNTAX): void {
    if (this.halted) return;
    // A problem overlapping the previous one is almost always its consequence: keep the first.
    const last = this.problems[this.problems.length - 1]?.span;
    if (last && ((last.start === span.start && last.end === span.end) || (span.start < last.end && last.start < span.end))) {
      return;
    }
    this.problems.push({ code, message, span, severity: 'error' });
  }

  protected error(start: number, end: number, children: ConditionNode[] = []): ErrorNode {
    return { kind: 'error', span: { start, end: Math.max(start, end) }, children };
  }

  /** Where a missing token would go: right after the last token. */
  protected missingAt(): number {
    return this.s.last ? this.s.last.span.end : this.s.pos;
  }

  protected lastSpan(): Span {
    return this.s.last ? this.s.last.span : { start: this.s.pos, end: this.s.pos };
  }

  protected after(): string {
    return this.s.last ? ` after ${quote(this.s.last.text)}` : '';
  }

  protected trimEnd(start: number, end: number): number {
    while (end > start && isBlank(this.text[end - 1])) end--;
    return end;
  }

  /** True where a missing operand is the best explanation: end of input, a `)`, or an `and`/`or` keyword. */
  protected atOperandBoundary(): boolean {
    return this.s.atEnd || this.s.peek() === ')' || this.s.keywordAt(this.s.pos);
  }

  /**
   * Reports the offending token at the cursor (or at `blame`, the token that caused it), then skips to the next
   * sync point (always making progress).
   */
  protected skipJunk(message: string | ((found: string) => string), blame?: Span): ErrorNode {
    const s = this.s;
    const start = s.pos;
    if (s.atUnterminatedQuote()) return this.unterminatedQuote();
    const end = s.junkEnd();
    const found = quote(this.text.slice(start, end));
    this.report(typeof message === 'string' ? `${message}, found ${found}` : message(found), blame ?? { start, end });
    s.skipToSync(true);
    if (s.pos === start) s.pos = Math.max(end, start + 1);
    return this.error(start, this.trimEnd(start, s.pos));
  }

  protected unterminatedQuote(): ErrorNode {
    const s = this.s;
    const start = s.pos;
    const q = s.peek()!;
    const hint = this.text.indexOf('\\' + q, start + 1) >= 0 ? ` (a ${q} right after a backslash does not close it)` : '';
    this.report(`unterminated quoted string: the ${q} is never closed${hint}`, { start, end: this.text.length });
    s.pos = this.text.length;
    return this.error(start, s.pos);
  }

  /** Expects `)` closing `what`; on other text, reports it and resyncs to a `)` if one comes before the next operand. */
  protected expectClose(what: string, expected: string, openSpan: Span, keywords: boolean): Token | undefined {
    const s = this.s;
    s.skipBlanks();
    const close = s.lexString(')');
    if (close) return close;
    if (s.atEnd) {
      this.report(`expected a ')' token closing ${what}`, openSpan);
      return undefined;
    }
    const start = s.pos;
    const end = s.junkEnd();
    const found = quote(this.text.slice(start, end));
    const saved = s.save();
    const late = s.skipToSync(keywords, RESYNC_LOOKAHEAD) ? s.lexString(')') : undefined;
    if (late) {
      // A stray token inside a parenthesis that is closed later: the token is the mistake.
      this.report(`expected ${expected} closing ${what}, found ${found}`, { start, end });
      return late;
    }
    // Never closed: the '(' is what the user has to fix (a missing ')' or a stray '(').
    this.report(`expected a ')' token: this '(' opening ${what} is never closed (found ${found} where ${expected} should come)`, openSpan);
    s.restore(saved);
    return undefined;
  }

  /** Depth guard: past the limit, reports once, abandons the rest of the input and stops reporting. */
  protected guarded<T>(parse: () => T, fallback: () => T): T {
    this.depth++;
    try {
      if (this.depth < MAX_CONDITION_DEPTH) return parse();
      this.tooDeep(this.s.pos);
      return fallback();
    } finally {
      this.depth--;
    }
  }

  /** Reports the nesting limit at `start`, abandons the rest of the input and stops reporting. */
  protected tooDeep(start: number): void {
    this.report(`exceeded max depth limit of ${MAX_CONDITION_DEPTH}: the expression is nested too deeply`, {
      start, end: Math.max(this.s.junkEnd(start), start),
    });
    this.halted = true;
    this.s.pos = this.text.length;
  }

  // ---- values and lists -------------------------------------------------------------------------------------------

  protected plainValue(token: Token, kind: ValueToken): ValueExpr {
    return { kind: 'value', span: token.span, value: token.text, raw: token.text, quoted: false, token: kind };
  }

  protected quotedValue(token: QuotedToken): ValueExpr {
    for (const problem of token.escapeProblems) this.report(problem.message, problem.span, CONDITION_STRING_ESCAPE);
    return { kind: 'value', span: token.span, value: token.value, raw: token.text, quoted: true, token: 'quoted' };
  }

  /** StrValue: a quoted or bare string (no transformer). */
  protected lexStringValue(): ValueExpr | undefined {
    const s = this.s;
    s.skipBlanks();
    const quoted = s.lexQuoted();
    if (quoted) return this.quotedValue(quoted);
    const bare = s.lexBareString();
    return bare ? this.plainValue(bare, 'bare') : undefined;
  }

  /** `(a, "b", c)`; items are quoted or bare strings; `()` is allowed. */
  protected parseListLiteral(): ListExpr {
    const s = this.s;
    const open = s.lexString('(')!;
    const items: ValueExpr[] = [];
    s.skipBlanks();
    if (s.peek() !== ')') {
      for (;;) {
        const item = this.lexStringValue();
        if (item) items.push(item);
        else if (s.atUnterminatedQuote()) this.unterminatedQuote();
        else if (s.peek() === ',') this.report("expected a string value in the list, found ','", { start: s.pos, end: s.pos + 1 });
        else if (s.atEnd || s.peek() === ')') this.report(`expected a string value in the list${this.after()}`, this.lastSpan());
        else break;
        s.skipBlanks();
        if (!s.lexString(',')) break;
      }
    }
    const close = this.expectClose('the list', "',' or ')'", open.span, false);
    const end = close ? close.span.end : Math.max(open.span.end, items.length ? items[items.length - 1]!.span.end : 0);
    return { kind: 'list', span: { start: open.span.start, end }, items, closed: !!close };
  }

  // ---- fields and transformers ------------------------------------------------------------------------------------

  parseFieldRemainder(name: Token): FieldExpr {
    const { arg, end } = this.parseOptionalFieldArg(name.span.end);
    return { kind: 'field', span: { start: name.span.start, end }, name: name.text, nameSpan: name.span, ...(arg ? { arg } : {}) };
  }

  /** `[` (quoted | bare) `]` right after a field or a transformer's `)`. */
  protected parseOptionalFieldArg(end: number): { arg?: FieldArg; end: number } {
    const s = this.s;
    const open = s.lexString('[');
    if (!open) return { end };
    const quoted = s.lexQuoted();
    let arg: FieldArg | undefined;
    if (quoted) {
      this.quotedValue(quoted);
      arg = { value: quoted.value, raw: quoted.text, span: quoted.span, quoted: true };
    } else {
      const bare = s.lexFieldArgBare();
      if (bare) arg = { value: bare.text, raw: bare.text, span: bare.span, quoted: false };
    }
    if (!arg) {
      if (s.atUnterminatedQuote()) return { end: this.unterminatedQuote().span.end };
      const next = s.atEnd ? '' : String.fromCodePoint(this.text.codePointAt(s.pos)!);
      const span = { start: open.span.start, end: open.span.end + next.length };
      this.report('expected a valid field argument: a quoted string or a bare string', span);
      const close = s.lexString(']');
      return { end: close ? close.span.end : open.span.end };
    }
    const close = s.lexString(']');
    if (!close) this.report("expected a ']' token closing the field argument", { start: open.span.start, end: arg.span.end });
    return { arg, end: close ? close.span.end : arg.span.end };
  }

  /** After `name(`: arguments separated by commas, `)`, optional `[arg]`. */
  parseTransformerRemainder(open: Token): TransformerExpr | ErrorNode {
    return this.guarded<TransformerExpr | ErrorNode>(() => {
      const s = this.s;
      const name = open.text.slice(0, -1);
      const nameSpan = { start: open.span.start, end: open.span.start + name.length };
      const args: TransformerArg[] = [];
      do args.push(this.parseTransformerArg());
      while ((s.skipBlanks(), s.lexString(',')));
      return this.finishTransformer(name, nameSpan, open, args);
    }, () => this.error(open.span.start, this.s.pos));
  }

  protected finishTransformer(name: string, nameSpan: Span, open: Token, args: TransformerArg[]): TransformerExpr {
    const close = this.expectClose(`the transformer '${name}'`, name === 'val' ? "')'" : "',' or ')'", open.span, true);
    const lastEnd = args.reduce((end, a) => Math.max(end, a.span.end), open.span.end);
    const { arg, end } = close ? this.parseOptionalFieldArg(close.span.end) : { arg: undefined, end: lastEnd };
    return { kind: 'transformer', span: { start: nameSpan.start, end }, name, nameSpan, args, ...(arg ? { arg } : {}), closed: !!close };
  }

  protected parseTransformerArg(): TransformerArg {
    return this.guarded((): TransformerArg => {
      const s = this.s;
      s.skipBlanks();
      const number = s.lexNumber();
      if (number) return this.plainValue(number, 'number');
      const quoted = s.lexQuoted();
      if (quoted) return this.quotedValue(quoted);
      if (s.peek() === '(') return this.parseTransformerList();
      const transformer = s.lexTransformerOpen();
      if (transformer) return this.parseTransformerRemainder(transformer);
      const field = s.lexFieldName();
      if (field) return this.parseFieldRemainder(field);
      return this.badArgument('expected a transformer argument: a field, a transformer, a quoted string, a number, or a list');
    }, () => this.error(this.s.pos, this.s.pos));
  }

  protected parseTransformerList(): TransformerListExpr {
    const s = this.s;
    const open = s.lexString('(')!;
    s.skipBlanks();
    const items: TransformerListExpr['items'][number][] = [];
    if (s.peek() !== ')') {
      do items.push(this.parseTransformerListArg());
      while ((s.skipBlanks(), s.lexString(',')));
    }
    const close = this.expectClose('the transformer list', "',' or ')'", open.span, true);
    const end = close ? close.span.end : items.reduce((last, i) => Math.max(last, i.span.end), open.span.end);
    return { kind: 'transformerList', span: { start: open.span.start, end }, items, closed: !!close };
  }

  protected parseTransformerListArg(): TransformerListExpr['items'][number] {
    const s = this.s;
    s.skipBlanks();
    const field = s.lexFieldName();
    if (field) return this.parseFieldRemainder(field);
    const transformer = s.lexTransformerOpen();
    if (transformer) return this.parseTransformerRemainder(transformer);
    const quoted = s.lexQuoted();
    if (quoted) return this.quotedValue(quoted);
    const number = s.lexNumber();
    if (number) return this.plainValue(number, 'number');
    return this.badArgument('expected a transformer list argument: a field, a transformer, a quoted string, or a number');
  }

  /** A bad transformer (list) argument: reports it and consumes just that token. */
  protected badArgument(message: string): ErrorNode {
    const s = this.s;
    if (s.atUnterminatedQuote()) return this.unterminatedQuote();
    const start = s.pos;
    if (s.atEnd || s.peek() === ')' || s.peek() === ',') {
      this.report(`${message}${this.after()}`, this.lastSpan());
      return this.error(this.missingAt(), this.missingAt());
    }
    const end = s.junkEnd();
    this.report(`${message}, found ${quote(this.text.slice(start, end))}`, { start, end });
    s.pos = end;
    return this.error(start, end);
  }

  /** FieldTransformerOrVal on a right-hand side: `val(field)` or a transformer; undefined if neither starts here. */
  protected tryTransformerOrVal(): TransformerExpr | ErrorNode | undefined {
    const s = this.s;
    s.skipBlanks();
    const val = s.lexString('val(');
    if (val) {
      s.skipBlanks();
      const field = s.lexFieldName();
      let arg: TransformerArg;
      if (field) arg = this.parseFieldRemainder(field);
      else if (s.atEnd || s.peek() === ')') {
        this.report("expected a field within 'val' transformer", val.span);
        arg = this.error(this.missingAt(), this.missingAt());
      } else arg = this.badArgument("expected a field within 'val' transformer");
      return this.finishTransformer('val', { start: val.span.start, end: val.span.start + 3 }, val, [arg]);
    }
    const transformer = s.lexTransformerOpen();
    return transformer ? this.parseTransformerRemainder(transformer) : undefined;
  }
}

/**
 * Parses a transformer (`name(args…)[arg]`) starting exactly at `start` (used for `%transformer(…)` in outputs).
 * Undefined if no transformer name followed by `(` is there.
 */
export function parseTransformerAt(
  text: string,
  start: number,
): { node: TransformerExpr | ErrorNode; problems: SyntaxProblem[] } | undefined {
  const parser = new OperandParser(text, start);
  const open = parser.s.lexTransformerOpen();
  if (!open) return undefined;
  return { node: parser.parseTransformerRemainder(open), problems: parser.problems };
}
