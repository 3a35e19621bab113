/**
 * The catalog of diagnostic codes: stable kebab-case identifiers, their default severity, the Falco engine code
 * they mirror, and the documentation text of docs/diagnostics.md (a test keeps the two in agreement).
 */
import type { ProblemSeverity } from '../../syntax/problems';

export interface CodeInfo {
  readonly code: string;
  readonly severity: ProblemSeverity;
  /** The engine's load-result code this mirrors (null: a check of our own). */
  readonly engineCode: string | null;
  /** What triggers it, one sentence. */
  readonly summary: string;
  /** A short rules-file snippet that triggers it (docs/diagnostics.md). */
  readonly example?: string;
  /** How to fix it, one or two sentences (docs/diagnostics.md). */
  readonly fix?: string;
  /** What the quick fixes offered with it do, one sentence (docs/diagnostics.md); absent when there is none. */
  readonly quickFix?: string;
}

const codes: CodeInfo[] = [
  {
    code: 'yaml-syntax',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_PARSE',
    summary: 'The text is not valid YAML.',
    fix: 'Correct the YAML where the message points: close brackets and quotes, indent the keys of an item alike, and quote values that start with a YAML indicator such as `*`, `&`, `!`, `%` or `@`.',
    quickFix: 'Quotes a plain value that holds `: ` or starts with a character YAML reserves, over all its lines, so that it reads as the text written.',
    example: `- list: shell_binaries
  items: [bash, sh, zsh
- macro: shell_procs   # the list above was never closed
  condition: proc.name in (shell_binaries)
`,
  },
  {
    code: 'condition-syntax',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A condition does not follow the condition grammar.',
    fix: 'Fix the condition where the message points: each comparison needs a field, an operator and (except for `exists`) a value, `and`/`or` need an operand on both sides, and parentheses must balance.',
    example: `- macro: shell_procs
  condition: (proc.name = bash or proc.name = zsh   # no closing parenthesis
`,
  },
  {
    code: 'condition-string-escape',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A quoted string in a condition uses an escape sequence the engine rejects.',
    fix: 'Drop the backslash where the character needs none (`"$HOME"`), write `\\\\` for a backslash, or use an escape the engine knows: `\\b`, `\\f`, `\\n`, `\\r`, `\\t`, `\\/` or the quote that encloses the string.',
    example: `- macro: home_in_cmdline
  condition: proc.cmdline contains "\\$HOME"   # \\$ is no escape: write "$HOME"
`,
  },
  {
    code: 'output-syntax',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_OUTPUT',
    summary: 'An output template has a malformed % placeholder.',
    fix: 'Put a field name or a transformer right after every `%` (`%proc.name`, `%tolower(user.name)`); `%%` is no escape, so write a literal percent sign as a word.',
    example: `- rule: Log file rewritten
  desc: d
  condition: evt.type = write and fd.name startswith /var/log
  output: "log file 100% rewritten by %proc.name"   # '% ' starts no field
  priority: NOTICE
`,
  },
];

const byCode = new Map(codes.map((info) => [info.code, info]));

/** Registers the codes of a check module (called once per module at load). */
export function defineCodes(infos: readonly CodeInfo[]): readonly string[] {
  for (const info of infos) {
    if (byCode.has(info.code)) throw new Error(`diagnostic code ${info.code} is defined twice`);
    codes.push(info);
    byCode.set(info.code, info);
  }
  return infos.map((info) => info.code);
}

export function codeInfo(code: string): CodeInfo | undefined {
  return byCode.get(code);
}

export function allCodes(): readonly CodeInfo[] {
  return codes;
}
