/**
 * How a name is written back into YAML: inside a scalar of a given style (escaped for quoted styles), or as a
 * whole scalar, where a plain scalar the new name would break (an indicator at the start, `: `, ` #`, a null
 * word, flow punctuation inside a flow collection) is written double-quoted instead.
 */
import type { ScalarStyle } from '../../syntax/yaml/scalar';

const nullWords = new Set(['~', 'null', 'Null', 'NULL']);
// Characters that start something else than a plain scalar when they come first.
const indicators = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
const flowPunctuation = /[,[\]{}]/;

/** True when `value` reads back as the same string when written as a plain scalar. */
export function isPlainSafe(value: string, inFlow: boolean): boolean {
  if (value === '' || value.trim() !== value || nullWords.has(value)) return false;
  if (indicators.has(value[0])) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  if (/[\t\r\n]/.test(value)) return false;
  if (inFlow && (flowPunctuation.test(value) || value.includes(':') || value.includes('#'))) return false;
  return true;
}

function escapeDouble(value: string): string {
  let result = '';
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (character === '\\' || character === '"') result += `\\${character}`;
    else if (code < 0x20 || code === 0x7f) result += `\\x${code.toString(16).padStart(2, '0')}`;
    else result += character;
  }
  return result;
}

/** `value` as it must appear inside a scalar of `style` (between its quotes, for the quoted styles). */
export function escapeForStyle(value: string, style: ScalarStyle): string {
  if (style === 'double') return escapeDouble(value);
  if (style === 'single') return value.replace(/'/g, "''");
  return value;
}

/** `value` as a whole double-quoted scalar. */
export function doubleQuoted(value: string): string {
  return `"${escapeDouble(value)}"`;
}
