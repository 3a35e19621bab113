/**
 * What a condition expects at the cursor, read from the text before it: an operand (field, macro, `not`, `(`),
 * an operator after a field, a value or a list after an operator, or `and`/`or` after a complete check. A small
 * left-to-right scan of the prefix; it never fails, whatever the text.
 */
import { BOOLEAN_KEYWORDS, COMPARISON_MODIFIERS, TRANSFORMERS, VAL_TRANSFORMER, getConditionVocabulary } from '../../syntax/condition/lexer';

export type ConditionExpectation =
  | { readonly type: 'operand' }
  | { readonly type: 'operator'; readonly field: string }
  | { readonly type: 'value'; readonly field: string; readonly operator: string }
  | { readonly type: 'listValue'; readonly field: string; readonly operator: string; readonly written: readonly string[] }
  | { readonly type: 'connective' }
  /** Inside a transformer's parentheses: a field. */
  | { readonly type: 'transformerArg' }
  | { readonly type: 'none' };

export interface ConditionPrefix {
  readonly expectation: ConditionExpectation;
  /** The partial word under the cursor (what completion replaces), from `wordStart` to the cursor. */
  readonly word: string;
  readonly wordStart: number;
}

type Lexeme = { readonly kind: 'word' | 'string' | 'open' | 'close' | 'comma' | 'symbol'; readonly text: string; readonly start: number };

const SYMBOL_OPERATORS = ['==', '!=', '<=', '>=', '=', '<', '>'];
const WORD_CHAR = /[^\s()",'=<>!]/;

function lex(text: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (/\s/.test(char)) {
      index++;
    } else if (char === '(' || char === ')' || char === ',') {
      lexemes.push({ kind: char === '(' ? 'open' : char === ')' ? 'close' : 'comma', text: char, start: index });
      index++;
    } else if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      lexemes.push({ kind: 'string', text: text.slice(index, end + 1), start: index });
      index = end + 1;
    } else {
      const symbol = SYMBOL_OPERATORS.find((operator) => text.startsWith(operator, index));
      if (symbol) {
        lexemes.push({ kind: 'symbol', text: symbol, start: index });
        index += symbol.length;
        continue;
      }
      let end = index;
      // A field argument in brackets may hold any character but `]`.
      while (end < text.length && (WORD_CHAR.test(text[end]) || text[end] === '[')) {
        if (text[end] === '[') {
          const close = text.indexOf(']', end);
          end = close < 0 ? text.length : close + 1;
        } else end++;
      }
      if (end === index) end++;
      lexemes.push({ kind: 'word', text: text.slice(index, end), start: index });
      index = end;
    }
  }
  return lexemes;
}

const OPERATOR_WORDS: ReadonlySet<string> = new Set(getConditionVocabulary().operators.map((operator) => operator.name));
const TRANSFORMER_NAMES: ReadonlySet<string> = new Set([...TRANSFORMERS, VAL_TRANSFORMER]);
const LIST_OPERATORS: ReadonlySet<string> = new Set(['in', 'intersects', 'pmatch']);

function isOperatorWord(word: string): boolean {
  return OPERATOR_WORDS.has(word);
}

function isFieldLike(word: string): boolean {
  return word.includes('.') && /^[A-Za-z_]/.test(word);
}

/** Reads `prefix` (the condition text before the cursor) and says what comes next. */
export function readConditionPrefix(prefix: string): ConditionPrefix {
  // The word being typed: the trailing run of word characters (with a bracket argument), unless it ends in space.
  let wordStart = prefix.length;
  while (wordStart > 0 && (WORD_CHAR.test(prefix[wordStart - 1]) || prefix[wordStart - 1] === '[' || prefix[wordStart - 1] === ']')) wordStart--;
  const word = prefix.slice(wordStart);
  const lexemes = lex(prefix.slice(0, wordStart));
  return { expectation: expectationAfter(lexemes), word, wordStart };
}

interface Frame {
  /** What closes this parenthesis: a group, a value list or a transformer call. */
  readonly kind: 'group' | 'list' | 'transformer';
  readonly field?: string;
  readonly operator?: string;
  readonly written: string[];
  /** A transformer on the right-hand side (`val(…)`): after it comes `and`/`or`, not an operator. */
  readonly rhs?: boolean;
}

function expectationAfter(lexemes: readonly Lexeme[]): ConditionExpectation {
  let state: 'operand' | 'operator' | 'value' | 'connective' | 'listOpen' | 'transformerOpen' = 'operand';
  let field = '';
  let operator = '';
  let rhsTransformer = false;
  const frames: Frame[] = [];
  for (const lexeme of lexemes) {
    const top = frames[frames.length - 1];
    if (top?.kind === 'list') {
      if (lexeme.kind === 'close') {
        frames.pop();
        state = 'connective';
      } else if (lexeme.kind === 'word' || lexeme.kind === 'string') top.written.push(lexeme.text);
      continue;
    }
    switch (lexeme.kind) {
      case 'open':
        if (state === 'listOpen') frames.push({ kind: 'list', field, operator, written: [] });
        else if (state === 'transformerOpen') frames.push({ kind: 'transformer', written: [], rhs: rhsTransformer });
        else frames.push({ kind: 'group', written: [] });
        state = 'operand';
        break;
      case 'close': {
        const frame = frames.pop();
        if (frame?.kind !== 'transformer') state = 'connective';
        else if (frames[frames.length - 1]?.kind === 'transformer') state = 'operand';
        else state = frame.rhs ? 'connective' : 'operator';
        break;
      }
      case 'comma':
        state = 'operand';
        break;
      case 'symbol':
        operator = lexeme.text;
        state = 'value';
        break;
      case 'string':
        state = 'connective';
        break;
      case 'word': {
        const text = lexeme.text;
        const lower = text.toLowerCase();
        if (state === 'operand' || state === 'connective') {
          if (BOOLEAN_KEYWORDS.includes(lower)) {
            state = 'operand';
          } else if (state === 'operand' && TRANSFORMER_NAMES.has(text)) {
            rhsTransformer = false;
            state = 'transformerOpen';
          } else if (state === 'operand' && frames[frames.length - 1]?.kind === 'transformer') {
            field = text;
          } else if (state === 'operand' && isFieldLike(text)) {
            field = text;
            state = 'operator';
          } else state = 'connective';
        } else if (state === 'operator') {
          if (isOperatorWord(text)) {
            operator = text;
            state = text === 'exists' ? 'connective' : LIST_OPERATORS.has(text) ? 'listOpen' : 'value';
          } else if (COMPARISON_MODIFIERS.includes(text)) {
            state = 'operator';
          } else state = 'connective';
        } else if (state === 'value') {
          // `val(` and transformers on the right-hand side.
          rhsTransformer = true;
          state = TRANSFORMER_NAMES.has(text) ? 'transformerOpen' : 'connective';
        } else state = 'connective';
        break;
      }
    }
  }
  const top = frames[frames.length - 1];
  if (top?.kind === 'list') return { type: 'listValue', field: top.field ?? '', operator: top.operator ?? '', written: top.written };
  switch (state) {
    case 'operand':
      return top?.kind === 'transformer' ? { type: 'transformerArg' } : { type: 'operand' };
    case 'operator':
      return { type: 'operator', field };
    case 'value':
      return { type: 'value', field, operator };
    case 'listOpen':
      return { type: 'value', field, operator };
    case 'transformerOpen':
      return { type: 'none' };
    case 'connective':
      return { type: 'connective' };
  }
}
