/**
 * Writing condition text into YAML: new scalar values (a macro's `condition`, list entries) quoted only when
 * YAML needs it, replacement text encoded for the style of the scalar it goes into, and a check that an edited
 * item still reads as intended (the item alone is re-parsed, so the check costs what the item costs).
 */
import type { TextChange } from '../../diagnostics/diagnostic';
import { quotedStringEnd } from '../../../syntax/condition/lexer';
import { parseRulesFile, type RulesItem } from '../../../syntax/rulesFile';
import type { ScalarStyle } from '../../../syntax/yaml/scalar';
import { getScalar } from '../../../syntax/yaml/tree';
import { lineStart } from '../../../syntax/lines';

const NULL_WORDS = /^(?:~|null|Null|NULL)$/;

/** True when the text holds a control character (YAML writes those only as escapes in double quotes). */
function hasControl(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Joins the lines of a condition into one: a line break (with the blanks around it) outside a quoted string is a
 * blank for the engine, so it becomes one space. Undefined when a line break lies inside a quoted string.
 */
export function oneLine(text: string): string | undefined {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === '"' || character === "'") {
      const end = quotedStringEnd(text, index) ?? text.length;
      const token = text.slice(index, end);
      if (/[\r\n]/.test(token)) return undefined;
      out += token;
      index = end;
    } else if (character === '\n' || character === '\r') {
      out = `${out.replace(/[ \t]+$/, '')} `;
      index++;
      while (index < text.length && /[ \t\r\n]/.test(text[index])) index++;
    } else {
      out += character;
      index++;
    }
  }
  return out.trim();
}

/** Every run of blanks outside quoted strings made one space, trimmed: how the engine's tokens see the text. */
function normalBlanks(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === '"' || character === "'") {
      const end = quotedStringEnd(text, index) ?? text.length;
      out += text.slice(index, end);
      index = end;
    } else if (/[ \t\r\n]/.test(character)) {
      out += ' ';
      while (index < text.length && /[ \t\r\n]/.test(text[index])) index++;
    } else {
      out += character;
      index++;
    }
  }
  return out.trim();
}

/**
 * Whether two condition texts read the same to the engine: equal up to the blanks between tokens (an edit in a
 * folded block can turn a kept line break into a folded one).
 */
export function sameCondition(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normalBlanks(a) === normalBlanks(b);
}

/** A plain YAML scalar would read `value` back unchanged (`flow`: inside `[…]`/`{…}`). */
export function plainSafe(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || NULL_WORDS.test(value)) return false;
  if (hasControl(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #/.test(value)) return false;
  return !(flow && /[,[\]{}:#]/.test(value));
}

/** The body of a double-quoted YAML scalar holding `value`. */
export function escapeDoubleQuoted(value: string): string {
  return [...value].map((character) => {
    const code = character.charCodeAt(0);
    if (character !== '\\' && character !== '"' && code >= 0x20 && code !== 0x7f) return character;
    switch (character) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\x${code.toString(16).padStart(2, '0')}`;
    }
  }).join('');
}

/** `value` as a YAML scalar: plain when that reads back the same, else quoted with the fewer escapes. */
export function yamlScalar(value: string, flow: boolean): string {
  if (plainSafe(value, flow)) return value;
  if (hasControl(value) || (value.includes("'") && !/["\\]/.test(value))) return `"${escapeDoubleQuoted(value)}"`;
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `text` written inside an existing scalar of `style`, or undefined when that style cannot hold it on one line
 * (the caller then says why). Whether a plain scalar stays valid is left to `conditionAfter`.
 */
export function encodeForScalar(style: ScalarStyle, text: string): string | undefined {
  if (style === 'double') return escapeDoubleQuoted(text);
  if (/[\r\n]/.test(text)) return undefined;
  return style === 'single' ? text.replace(/'/g, "''") : text;
}

/**
 * Whether text written into a scalar of `style` could change how YAML reads it, so that the item must be
 * re-parsed to know (`atStart`: it becomes the first characters of the scalar). Quoted and block scalars hold
 * any one-line text once encoded; a plain one breaks on `: `, ` #`, flow indicators or a leading indicator.
 */
export function mayBreakScalar(style: ScalarStyle, text: string, atStart: boolean): boolean {
  if (style !== 'plain') return false;
  return /[:#,[\]{}]/.test(text) || (atStart && /^[-?:,[\]{}#&*!|>'"%@`]/.test(text));
}

/** The text of an item alone: from the line of its entry to the line of the next item (or the end). */
export function itemRegion(text: string, items: readonly RulesItem[], item: RulesItem): { start: number; end: number } {
  const next = items[item.index + 1];
  const start = lineStart(text, item.node.span.start);
  const end = next ? Math.max(start, lineStart(text, next.node.span.start)) : text.length;
  return { start, end };
}

/**
 * The `condition` value of an item after `changes` (plain text, inside the item), read by re-parsing the item
 * alone; undefined when the edited item no longer parses as one clean YAML mapping.
 */
export function conditionAfter(text: string, items: readonly RulesItem[], item: RulesItem, changes: readonly TextChange[]): string | undefined {
  const region = itemRegion(text, items, item);
  if (changes.some((change) => change.span.start < region.start || change.span.end > region.end)) return undefined;
  let edited = text.slice(region.start, region.end);
  for (const change of [...changes].sort((a, b) => b.span.start - a.span.start)) {
    edited = edited.slice(0, change.span.start - region.start) + change.newText + edited.slice(change.span.end - region.start);
  }
  const parsed = parseRulesFile(edited);
  const first = parsed.items[0];
  if (!first?.map || parsed.problems.some((problem) => problem.code === 'yaml-syntax')) return undefined;
  const scalar = getScalar(first.map, 'condition');
  return scalar && !scalar.isNull ? scalar.value : undefined;
}

/** A new item's text parsed on its own: the item, when it parses cleanly. */
export function parseNewItem(itemText: string): RulesItem | undefined {
  const parsed = parseRulesFile(itemText);
  if (parsed.items.length !== 1 || parsed.problems.some((problem) => problem.code === 'yaml-syntax')) return undefined;
  return parsed.items[0];
}

/** Why a replacement cannot be written in a scalar of this style. */
export function unwritableReason(style: ScalarStyle): string {
  if (style === 'plain') return 'the new text cannot be written in this plain YAML value (it would hold `: ` or ` #`); write the condition as a `>` block first';
  return 'the new text cannot be written in this YAML value without changing its meaning';
}
