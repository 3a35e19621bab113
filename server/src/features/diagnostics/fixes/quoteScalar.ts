/**
 * The quick fix of a YAML error caused by a plain value that YAML cannot take as written: a `: ` inside it
 * (`output: Shell spawned: %proc.name`), or a first character YAML reserves (`%`, `@`, a backtick, an alias
 * `*`, a quoted word followed by more text, a block indicator or a bracket followed by more text). The fix
 * quotes the whole value, over all its lines, so that it reads as the same text the author wrote.
 */
import { EXCEPTION_KEYS, ITEM_KEYS, ITEM_KINDS } from '../../../syntax/itemKeys';
import type { Span } from '../../../syntax/span';
import type { DiagnosticFix } from '../diagnostic';

interface Line {
  readonly start: number;
  /** Before the line break. */
  readonly end: number;
  /** Number of leading spaces. */
  readonly indent: number;
  /** The line has nothing but spaces and tabs. */
  readonly blank: boolean;
}

/** The `key: value` head of a block mapping line (`  key: v`, `- key: v`, `  - key: v`). */
const PAIR_LINE = /^( *(?:- +)*)([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:[ \t]+(?=\S)/;

/** Keys a rules file has at some level: a line starting with one of them is more likely a key than text. */
const KNOWN_KEYS = new Set<string>([...ITEM_KINDS, ...Object.values(ITEM_KEYS).flat(), ...EXCEPTION_KEYS]);

/** How far up the owner of a value is looked for. */
const MAX_LINES = 200;

function lineAt(text: string, offset: number): Line {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  let indent = 0;
  while (text[start + indent] === ' ') indent++;
  const blank = /^[ \t]*$/.test(text.slice(start, end));
  return { start, end, indent, blank };
}

function previousLine(text: string, line: Line): Line | undefined {
  if (line.start === 0) return undefined;
  let end = line.start - 1;
  if (text[end] === '\n' && text[end - 1] === '\r') end--;
  return lineAt(text, end);
}

function nextLine(text: string, line: Line): Line | undefined {
  if (line.end >= text.length) return undefined;
  const start = line.end + (text[line.end] === '\r' && text[line.end + 1] === '\n' ? 2 : 1);
  return start > text.length ? undefined : lineAt(text, start);
}

function isComment(text: string, line: Line): boolean {
  return text[line.start + line.indent] === '#';
}

interface PairLine {
  readonly line: Line;
  /** Column of the key (after any `- `). */
  readonly keyColumn: number;
  readonly key: string;
  /** Offset where the value starts. */
  readonly valueStart: number;
}

function pairLine(text: string, line: Line): PairLine | undefined {
  const match = PAIR_LINE.exec(text.slice(line.start, line.end));
  if (!match) return undefined;
  return { line, keyColumn: match[1]!.length, key: match[2]!, valueStart: line.start + match[0].length };
}

/**
 * The `key: value` line whose plain value runs over the line at `offset`: that line itself, or the line a
 * multi-line value starts on (every line between is more indented than its key).
 */
function ownerOf(text: string, offset: number): PairLine | undefined {
  let line: Line | undefined = lineAt(text, offset);
  let owner: PairLine | undefined;
  let lowest = Infinity;
  for (let steps = 0; line && steps < MAX_LINES; steps++, line = previousLine(text, line)) {
    if (line.blank) continue;
    if (isComment(text, line)) break;
    const pair = pairLine(text, line);
    if (pair && pair.keyColumn < lowest) owner = pair;
    lowest = Math.min(lowest, line.indent);
    if (lowest === 0) break;
  }
  return owner;
}

/** The end of a quoted word starting at `start` (after its closing quote), or -1 when it is not closed. */
function quotedEnd(text: string, start: number, end: number): number {
  const quote = text[start];
  for (let index = start + 1; index < end; index++) {
    if (quote === '"' && text[index] === '\\') index++;
    else if (text[index] === quote) {
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index + 1;
    }
  }
  return -1;
}

/** Where a line's text ends before a ` #` comment, searched from `from`. */
function contentEnd(text: string, from: number, end: number): { end: number; comment: boolean } {
  for (let index = from; index < end; index++) {
    if (text[index] === '#' && (index === from || text[index - 1] === ' ' || text[index - 1] === '\t')) return { end: index, comment: true };
  }
  return { end, comment: false };
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** The end of a bracketed value `[…]`/`{…}` on its first line, or -1. */
function bracketEnd(text: string, start: number, end: number): number {
  let depth = 0;
  for (let index = start; index < end; index++) {
    const character = text[index];
    if (character === '[' || character === '{') depth++;
    else if (character === ']' || character === '}') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/** Why a plain value needs quotes, or undefined when quoting would not be the fix. */
function reason(text: string, start: number, end: number, firstLineEnd: number): 'colon' | 'indicator' | 'ambiguous' | undefined {
  const first = text[start];
  const rest = (from: number) => /\S/.test(text.slice(from, firstLineEnd).replace(/[ \t]#.*$/, ''));
  if (first === '%' || first === '@' || first === '`') return 'indicator';
  if (first === '"' || first === "'") {
    const close = quotedEnd(text, start, firstLineEnd);
    return close > 0 && rest(close) ? 'indicator' : undefined;
  }
  if (first === '*') return /\s\S/.test(text.slice(start, end)) ? 'ambiguous' : undefined;
  if (first === '|' || first === '>') return /^[|>][-+0-9]*[ \t]*(#.*)?$/.test(text.slice(start, firstLineEnd)) ? undefined : 'ambiguous';
  if (first === '[' || first === '{') {
    const close = bracketEnd(text, start, firstLineEnd);
    return close > 0 && rest(close) ? 'ambiguous' : undefined;
  }
  if (first === '&' || first === '!' || first === '?' || first === '-') return undefined;
  return /:([ \t]|\r?\n|$)/.test(text.slice(start, end)) ? 'colon' : undefined;
}

/** The value in quotes that read as the same text: single quotes when it has `"` or `\` and no `'`. */
function quote(value: string): string {
  if (/["\\]/.test(value) && !value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** The span of a block-context plain value starting on `owner`'s line, over its continuation lines. */
function blockValue(text: string, owner: PairLine): { span: Span; firstLineEnd: number; continuation: Line[] } | undefined {
  const start = owner.valueStart;
  const firstLine = owner.line;
  const quoted = text[start] === '"' || text[start] === "'" ? quotedEnd(text, start, firstLine.end) : -1;
  const head = contentEnd(text, quoted > 0 ? quoted : start, firstLine.end);
  let end = trimEnd(text, start, head.end);
  const continuation: Line[] = [];
  if (!head.comment) {
    for (let line = nextLine(text, firstLine); line; line = nextLine(text, line)) {
      if (line.blank) continue;
      if (line.indent <= owner.keyColumn || isComment(text, line)) break;
      const body = contentEnd(text, line.start + line.indent, line.end);
      continuation.push(line);
      end = trimEnd(text, line.start, body.end);
      if (body.comment) {
        // A comment ends the value; a line after it that would continue the value leaves it in doubt.
        const after = nextLine(text, line);
        if (after && !after.blank && after.indent > owner.keyColumn) return undefined;
        break;
      }
    }
  }
  return end > start ? { span: { start, end }, firstLineEnd: head.end, continuation } : undefined;
}

/**
 * A value inside a flow mapping on one line (`{rule: r, output: a: b}`) holding `offset`: from after its key to
 * its `,`, `}` or `]`. Undefined when the line is no flow mapping or the value holds quotes or brackets.
 */
function flowValue(text: string, offset: number): { span: Span; key: string } | undefined {
  const line = lineAt(text, offset);
  let open = offset - 1;
  while (open >= line.start && text[open] !== ',' && text[open] !== '{') {
    if ('[]}"\''.includes(text[open]!)) return undefined;
    open--;
  }
  if (open < line.start || !text.slice(line.start, open + 1).includes('{')) return undefined;
  const head = /^[ \t]*([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:[ \t]+/.exec(text.slice(open + 1, line.end));
  if (!head) return undefined;
  const start = open + 1 + head[0].length;
  if (start > offset) return undefined;
  let end = start;
  while (end < line.end && !',]}'.includes(text[end]!)) {
    if ('[{"\''.includes(text[end]!)) return undefined;
    if (text[end] === '#' && /[ \t]/.test(text[end - 1] ?? '')) return undefined;
    end++;
  }
  if (end >= line.end) return undefined;
  end = trimEnd(text, start, end);
  return end > start ? { span: { start, end }, key: head[1]! } : undefined;
}

function fix(text: string, span: Span, key: string, preferred: boolean): DiagnosticFix {
  return {
    title: `Quote the value of '${key}'`,
    changes: [{ span, newText: quote(text.slice(span.start, span.end)) }],
    ...(preferred ? { preferred: true } : {}),
  };
}

/** The quick fixes of a YAML syntax problem at `problem` (empty when quoting a plain value is not the fix). */
export function quoteScalarFixes(text: string, problem: Span): DiagnosticFix[] {
  if (problem.start < 0 || problem.start > text.length || text[problem.start] === '\t') return [];
  const flow = flowValue(text, problem.start);
  if (flow) {
    const why = reason(text, flow.span.start, flow.span.end, flow.span.end);
    return why ? [fix(text, flow.span, flow.key, why !== 'ambiguous')] : [];
  }
  const owner = ownerOf(text, problem.start);
  if (!owner) return [];
  const value = blockValue(text, owner);
  if (!value || problem.start > value.span.end) return [];
  // A continuation line that starts with a key of the rules language is a key indented too far, not text.
  if (value.continuation.some((line) => KNOWN_KEYS.has(pairLine(text, line)?.key ?? ''))) return [];
  const why = reason(text, value.span.start, value.span.end, value.firstLineEnd);
  if (!why) return [];
  return [fix(text, value.span, owner.key, why !== 'ambiguous')];
}
