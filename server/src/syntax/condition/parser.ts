/**
 * Recovering recursive-descent parser for Falco conditions, following the libsinsp filter grammar (`parser.h`
 * productions OrExpr … Condition). It never throws: each mistake becomes a problem and parsing resumes.
 */
import type { Span } from '../span';
import type { SyntaxProblem } from '../problems';
import type { CheckExpr, CheckOperator, CheckRhs, ErrorNode, Expr, FieldExpr, GroupExpr, TransformerExpr } from './ast';
import {
  CHECK_OPERATORS, COMPARISON_MODIFIERS, LIST_OPERATORS, NUMERIC_OPERATORS, STRING_OPERATORS, TRANSFORMERS,
  UNARY_OPERATORS, isAlnum, type Token,
} from './lexer';
import { MAX_CONDITION_DEPTH, OperandParser, quote } from './operands';

export {
  CHECK_OPERATORS, COMPARISON_MODIFIERS, TRANSFORMERS, VAL_TRANSFORMER, getConditionVocabulary,
} from './lexer';
export { CONDITION_STRING_ESCAPE, CONDITION_SYNTAX, MAX_CONDITION_DEPTH, parseTransformerAt } from './operands';

export interface ParsedCondition {
  /** Null only when there is no expression at all (empty or blank input). */
  readonly ast: Expr | null;
  readonly problems: SyntaxProblem[];
}

/** Parses a whole condition (as Falco does, the entire text must be one expression). Never throws. */
export function parseCondition(text: string): ParsedCondition {
  return new ConditionParser(text).parseRoot();
}

const isWordOperator = (name: string) => /^[a-z]/.test(name);
const never = () => false;
const always = () => true;

const OPERATOR_LIST = CHECK_OPERATORS.map((op) => `'${op}'`).join(', ');

class ConditionParser extends OperandParser {
  constructor(text: string) {
    super(text, 0);
  }

  private groupDepth = 0;
  /** An `and`/`or` read as a macro name because it started an operand (e.g. a dangling appended condition). */
  private keywordAsIdentifier: Token | undefined;

  // ---- expressions ----------------------------------------------------------------------------------------------

  parseRoot(): ParsedCondition {
    const s = this.s;
    if (this.text.length === 0) {
      this.report('filter input string is empty', { start: 0, end: 0 });
      return { ast: null, problems: this.problems };
    }
    s.skipBlanks();
    if (s.atEnd) {
      this.report("the condition is blank: expected a '(' token, a field check, or an identifier", {
        start: 0, end: this.text.length,
      });
      return { ast: null, problems: this.problems };
    }
    const ast = this.parseOr();
    while (!s.atEnd) this.skipJunk((found) => `unexpected token ${found}, expecting 'or', 'and'`);
    return { ast, problems: this.problems };
  }

  private cover(kind: 'and' | 'or', children: Expr[]): Expr {
    if (children.length === 1) return children[0]!;
    const span = { start: children[0]!.span.start, end: children[children.length - 1]!.span.end };
    return { kind, span, children };
  }

  private parseOr(): Expr {
    return this.guarded(() => {
      const s = this.s;
      s.skipBlanks();
      const children = [this.parseAnd()];
      for (;;) {
        s.skipBlanks();
        const keyword = s.lexString('or');
        if (!keyword) break;
        children.push(this.parseKeywordOperand(keyword, () => this.parseAnd()));
      }
      return this.cover('or', children);
    }, () => this.error(this.s.pos, this.s.pos));
  }

  private parseAnd(): Expr {
    return this.guarded(() => {
      const s = this.s;
      s.skipBlanks();
      const children = [this.parseNot()];
      for (;;) {
        s.skipBlanks();
        if (s.atEnd) break;
        const keyword = s.lexString('and');
        if (keyword) {
          children.push(this.parseKeywordOperand(keyword, () => this.parseNot()));
        } else if (this.text.startsWith('or', s.pos)) {
          break;
        } else if (s.peek() === ')') {
          if (this.groupDepth > 0) break;
          this.report(`unexpected token ')'${this.after()}: there is no '(' to close`, { start: s.pos, end: s.pos + 1 });
          s.pos++;
        } else {
          const expecting = this.groupDepth > 0 ? "'or', 'and' or ')'" : "'or', 'and'";
          const hint = this.junkHint();
          // A leading or doubled and/or, or `val(…)` on the left, is read as a macro name: the word is the
          // mistake, not what follows it.
          const last = s.last;
          const misread = last && (last === this.keywordAsIdentifier || (last.text === 'val' && s.peek() === '('));
          const blame = misread ? last.span : undefined;
          this.skipJunk((found) => `unexpected token ${found}${this.after()}, expecting ${expecting}${hint}`, blame);
        }
      }
      return this.cover('and', children);
    }, () => this.error(this.s.pos, this.s.pos));
  }

  /** Explains common causes of a stray token after an operand. */
  private junkHint(): string {
    const last = this.s.last;
    const next = this.s.peek();
    if (!last) return '';
    if (last === this.keywordAsIdentifier) return ` ('${last.text}' cannot start an expression: here it is read as a macro name)`;
    if (next === '(' && last.text === 'val') return " ('val(…)' is only allowed on the right-hand side of a comparison)";
    if (next === '(' && TRANSFORMERS.includes(last.text)) return ' (no blank is allowed between a transformer name and its parenthesis)';
    return '';
  }

  /** After `and`/`or`: a blank then an operand, or `(` directly (`a and(b)`). */
  private parseKeywordOperand(keyword: Token, parseNext: () => Expr): Expr {
    const s = this.s;
    const missing = () => {
      this.report(`expected an expression after '${keyword.text}'`, keyword.span);
      return this.error(keyword.span.end, keyword.span.end);
    };
    if (s.skipBlanks()) return s.atEnd || s.peek() === ')' ? missing() : parseNext();
    if (s.peek() === '(') return this.parseGroup();
    if (s.atEnd) return missing();
    const end = s.junkEnd(keyword.span.start);
    this.report(`expected a blank or '(' after '${keyword.text}'`, { start: keyword.span.start, end });
    s.pos = Math.max(end, s.pos);
    s.skipToSync(true);
    return this.error(keyword.span.start, this.trimEnd(keyword.span.start, s.pos));
  }

  private parseNot(): Expr {
    return this.guarded(() => {
      const s = this.s;
      s.skipBlanks();
      const keywords: Span[] = [];
      for (let keyword = s.lexNotBlank(); keyword; keyword = s.lexNotBlank()) {
        // Each keyword becomes a nested node: a long chain counts against the depth limit.
        if (this.depth + keywords.length >= MAX_CONDITION_DEPTH) {
          this.tooDeep(keyword.span.start);
          break;
        }
        keywords.push(keyword.span);
      }
      let operand: Expr;
      const notParen = s.lexString('not(');
      if (notParen) {
        keywords.push({ start: notParen.span.start, end: notParen.span.start + 3 });
        s.pos = notParen.span.start + 3;
        operand = this.parseGroup();
      } else {
        operand = this.parseCheck();
      }
      for (let i = keywords.length - 1; i >= 0; i--) {
        const keywordSpan = keywords[i]!;
        const span = { start: keywordSpan.start, end: Math.max(keywordSpan.end, operand.span.end) };
        operand = { kind: 'not', span, keywordSpan, operand };
      }
      return operand;
    }, () => this.error(this.s.pos, this.s.pos));
  }

  private parseGroup(): GroupExpr | ErrorNode {
    return this.guarded<GroupExpr | ErrorNode>(() => {
      const s = this.s;
      const open = s.lexString('(')!;
      this.groupDepth++;
      const expr = this.parseOr();
      this.groupDepth--;
      s.skipBlanks();
      const close = s.lexString(')');
      if (!close) this.report("expected a ')' token: this '(' is never closed", open.span);
      const end = close ? close.span.end : Math.max(open.span.end, expr.span.end);
      return { kind: 'group', span: { start: open.span.start, end }, expr, closed: !!close };
    }, () => this.error(this.s.pos, this.s.pos));
  }

  private parseCheck(): Expr {
    return this.guarded((): Expr => {
      const s = this.s;
      s.skipBlanks();
      if (s.peek() === '(') return this.parseGroup();
      const field = s.lexFieldName();
      if (field) return this.parseComparison(this.parseFieldRemainder(field));
      const transformer = s.lexTransformerOpen();
      if (transformer) {
        const left = this.parseTransformerRemainder(transformer);
        return left.kind === 'error' ? left : this.parseComparison(left);
      }
      const identifier = s.lexIdentifier();
      if (identifier) {
        if (identifier.text === 'and' || identifier.text === 'or') this.keywordAsIdentifier = identifier;
        return { kind: 'identifier', span: identifier.span, name: identifier.text };
      }
      const expected = "expected a '(' token, a field check, or an identifier";
      if (s.atEnd || s.peek() === ')') {
        if (s.last || s.atEnd) this.report(`${expected}${this.after()}`, this.lastSpan());
        else this.report(`${expected}, found ')'`, { start: s.pos, end: s.pos + 1 });
        return this.error(this.missingAt(), this.missingAt());
      }
      return this.skipJunk(expected);
    }, () => this.error(this.s.pos, this.s.pos));
  }

  // ---- checks -----------------------------------------------------------------------------------------------------

  /** `Condition` production: the operator and right-hand side after a field or transformer. */
  private parseComparison(left: FieldExpr | TransformerExpr): CheckExpr | ErrorNode {
    return this.guarded((): CheckExpr | ErrorNode => {
      const s = this.s;
      s.skipBlanks();
      const unary = s.lexOperator(UNARY_OPERATORS, never);
      if (unary) return this.check(left, unary);
      let op: Token | undefined;
      let right: CheckRhs;
      let modifier: Token | undefined;
      if ((op = s.lexOperator(NUMERIC_OPERATORS, never))) {
        right = this.parseNumericValue(op);
      } else if ((op = s.lexOperator(STRING_OPERATORS, isWordOperator))) {
        const hadBlank = s.skipBlanks();
        const saved = s.save();
        modifier = hadBlank ? s.lexOperator(COMPARISON_MODIFIERS, always) : undefined;
        if (modifier && s.skipBlanks() && this.listValueFollows() && !this.booleanKeywordFollows()) {
          right = s.peek() === '(' ? this.parseListLiteral() : this.plainValue(s.lexIdentifier()!, 'identifier');
        } else {
          modifier = undefined;
          s.restore(saved);
          right = this.parseStringValue(op);
        }
      } else if ((op = s.lexOperator(LIST_OPERATORS, never))) {
        right = this.parseListOrTransformer(op);
      } else {
        return this.badOperator(left);
      }
      return this.check(left, op, modifier, right);
    }, () => this.error(left.span.start, this.s.pos, [left]));
  }

  private check(left: FieldExpr | TransformerExpr, op: Token, modifier?: Token, right?: CheckRhs): CheckExpr {
    const operator: CheckOperator = {
      text: modifier ? `${op.text} ${modifier.text}` : op.text,
      span: { start: op.span.start, end: (modifier ?? op).span.end },
      name: op.text,
      nameSpan: op.span,
      ...(modifier ? { modifier: { name: modifier.text, span: modifier.span } } : {}),
    };
    const end = Math.max(operator.span.end, right ? right.span.end : 0);
    return { kind: 'check', span: { start: left.span.start, end }, left, operator, ...(right ? { right } : {}) };
  }

  private badOperator(left: FieldExpr | TransformerExpr): ErrorNode {
    const s = this.s;
    const leftText = this.text.slice(left.span.start, left.span.end);
    if (this.atOperandBoundary()) {
      this.report(`expected a check operator after ${quote(leftText)}: one of ${OPERATOR_LIST}`, left.span);
      return this.error(left.span.start, left.span.end, [left]);
    }
    const word = this.text.slice(s.pos, s.junkEnd());
    const needsBlank = STRING_OPERATORS.includes(word) && isWordOperator(word);
    const junk = needsBlank
      ? this.skipJunk(() => `the operator '${word}' must be followed by a blank`)
      : this.skipJunk((found) => `unknown check operator ${found} after ${quote(leftText)}: expected one of ${OPERATOR_LIST}`);
    return this.error(left.span.start, junk.span.end, [left]);
  }

  /** ListValue follows a modifier: `(` or an identifier. */
  private listValueFollows(): boolean {
    if (this.s.peek() === '(') return true;
    const saved = this.s.save();
    const identifier = this.s.lexIdentifier();
    this.s.restore(saved);
    return !!identifier;
  }

  /** `and`/`or`/`not` at the cursor, not followed by a letter or digit. */
  private booleanKeywordFollows(): boolean {
    return ['and', 'or', 'not'].some(
      (kw) => this.text.startsWith(kw, this.s.pos) && !isAlnum(this.text[this.s.pos + kw.length]),
    );
  }

  private missingValue(op: Token, message: string): ErrorNode {
    this.report(message, op.span);
    return this.error(op.span.end, op.span.end);
  }

  private parseNumericValue(op: Token): CheckRhs {
    const s = this.s;
    s.skipBlanks();
    const transformer = this.tryTransformerOrVal();
    if (transformer) return transformer;
    const number = s.lexNumber();
    if (number) return this.plainValue(number, 'number');
    const message = `expected a number value or a field with a valid transformer after '${op.text}'`;
    return this.atOperandBoundary() ? this.missingValue(op, message) : this.skipJunk(message);
  }

  private parseStringValue(op: Token): CheckRhs {
    const s = this.s;
    const transformer = this.tryTransformerOrVal();
    if (transformer) return transformer;
    const value = this.lexStringValue();
    if (value) return value;
    const message = `expected a string value or a field with a valid transformer after '${op.text}'`;
    if (s.atEnd || s.peek() === ')') return this.missingValue(op, message);
    const hint = s.peek() === '(' ? " (a list needs 'in', 'intersects', 'pmatch' or a modifier such as 'oneof')" : '';
    return this.skipJunk(message + hint);
  }

  private parseListOrTransformer(op: Token): CheckRhs {
    const s = this.s;
    s.skipBlanks();
    if (s.peek() === '(') return this.parseListLiteral();
    const transformer = this.tryTransformerOrVal();
    if (transformer) return transformer;
    const identifier = s.lexIdentifier();
    if (identifier) return this.plainValue(identifier, 'identifier');
    const message = `expected a list, an identifier, or a field with a valid transformer after '${op.text}'`;
    return s.atEnd || s.peek() === ')' ? this.missingValue(op, message) : this.skipJunk(message);
  }
}
