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
}

const codes: CodeInfo[] = [
  { code: 'yaml-syntax', severity: 'error', engineCode: 'LOAD_ERR_YAML_PARSE', summary: 'The text is not valid YAML.' },
  { code: 'condition-syntax', severity: 'error', engineCode: 'LOAD_ERR_COMPILE_CONDITION', summary: 'A condition does not follow the condition grammar.' },
  { code: 'condition-string-escape', severity: 'error', engineCode: 'LOAD_ERR_COMPILE_CONDITION', summary: 'A quoted string in a condition uses an escape sequence the engine rejects.' },
  { code: 'output-syntax', severity: 'error', engineCode: 'LOAD_ERR_COMPILE_OUTPUT', summary: 'An output template has a malformed % placeholder.' },
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
