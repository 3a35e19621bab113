/**
 * The text of the YAML scalars and flow sequences the exception fixes write: plain when YAML reads it back as
 * the same string inside a flow sequence, quoted otherwise; and the quoting the engine's condition parser needs
 * for a value it would otherwise split (commas, parentheses, quotes).
 */
import type { YScalar } from '../../../../syntax/yaml/tree';

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when `value` can be written as a plain scalar inside a flow collection and reads back unchanged. */
export function isPlainSafe(value: string): boolean {
  if (NULL_WORDS.has(value) || value !== value.trim() || CONTROL.test(value)) return false;
  if (/[,[\]{}:]/.test(value) || /\s#/.test(value)) return false;
  const first = value[0]!;
  if ('?,[]{}#&*!|>\'"%@`'.includes(first)) return false;
  // `-1` and `-foo` are plain scalars; `-` alone or `- x` starts a sequence entry.
  if (first === '-' && (value.length === 1 || /\s/.test(value[1]!))) return false;
  return true;
}

export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/** `value` as a scalar for a flow collection: plain when safe, else single-quoted (double-quoted with control characters). */
export function flowScalar(value: string): string {
  if (isPlainSafe(value)) return value;
  // Single quotes unless the value has some itself and nothing double quotes would escape.
  if (CONTROL.test(value) || (value.includes("'") && !/["\\]/.test(value))) return doubleQuoted(value);
  return singleQuoted(value);
}

/** `[a, b]` from already written items. */
export function flowSequence(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/** A condition string literal for `value`: double quotes, with backslashes and double quotes escaped. */
export function conditionQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `value` as a scalar in the quoting style of `node` where possible: double stays double, anything else is plain or single. */
export function scalarLike(node: YScalar, value: string): string {
  if (node.style === 'double') return doubleQuoted(value);
  if (node.style === 'single' && !CONTROL.test(value)) return singleQuoted(value);
  return flowScalar(value);
}
