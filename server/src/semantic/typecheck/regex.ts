/**
 * The `regex` operator compiles its pattern with RE2 in POSIX mode (libs `RE2::POSIX`): egrep syntax without the
 * Perl extensions. This finds the mistakes that certainly fail there — unbalanced parentheses or brackets, a
 * repetition operator with nothing to repeat (this includes `(?:…)` and `(?i)`, Perl-only), a trailing
 * backslash, Perl classes and escapes such as `\d`, `\w`, `\b` (refused without the Perl options) and
 * backreferences — and stays silent on anything less certain.
 */

/** Escapes RE2 accepts in POSIX mode besides punctuation: C escapes, hex `\x…` and octal `\0…`. */
const LETTER_ESCAPES = new Set(['a', 'f', 'n', 'r', 't', 'v', 'x', '0']);

/** Why RE2 (POSIX mode) would refuse the pattern, or undefined when nothing certain is wrong. */
export function regexProblem(pattern: string): string | undefined {
  let depth = 0;
  /** True when a repetition operator here would have nothing to repeat. */
  let atOperandStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    switch (c) {
      case '\\': {
        const next = pattern[i + 1];
        if (next === undefined) return 'it ends with a lone backslash';
        if (/[A-Za-z]/.test(next) && !LETTER_ESCAPES.has(next)) {
          return `\`\\${next}\` is not supported: Falco compiles patterns in POSIX mode, without Perl classes and escapes (write e.g. \`[0-9]\` for \`\\d\`)`;
        }
        if (/[1-9]/.test(next)) return `backreferences such as \`\\${next}\` are not supported`;
        i++;
        atOperandStart = false;
        break;
      }
      case '(':
        depth++;
        atOperandStart = true;
        if (pattern[i + 1] === '?') return "`(?` starts a Perl group or flag, which POSIX mode does not support ('missing argument to repetition operator')";
        break;
      case ')':
        if (depth === 0) return "a ')' has no matching '(' ('unexpected )')";
        depth--;
        atOperandStart = false;
        break;
      case '|':
        atOperandStart = true;
        break;
      case '*':
      case '+':
      case '?':
        if (atOperandStart) return `\`${c}\` has nothing to repeat ('missing argument to repetition operator')`;
        break;
      case '[': {
        const end = classEnd(pattern, i);
        if (end < 0) return "a '[' is never closed ('missing ]')";
        i = end;
        atOperandStart = false;
        break;
      }
      default:
        atOperandStart = false;
    }
  }
  return depth > 0 ? "a '(' is never closed ('missing )')" : undefined;
}

/** Index of the `]` closing the bracket expression opened at `open`, or -1. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close >= 0) i = close + 1;
    } else if (c === ']') return i;
  }
  return -1;
}
