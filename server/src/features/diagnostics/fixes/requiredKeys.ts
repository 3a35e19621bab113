/**
 * The quick fix that adds the required keys an item lacks (a rule's desc, condition, output and priority, a
 * macro's condition, a list's items) in one edit, as snippet placeholders: after the item's last key, at the
 * indentation of its keys (or inside the braces of a flow mapping), in the order rule files usually follow.
 */
import { PRIORITIES } from '../../../syntax/itemKeys';
import type { RulesItem } from '../../../syntax/rulesFile';
import { getScalar, type YPair } from '../../../syntax/yaml/tree';
import { placeholder } from '../../codeActions/snippets';
import type { DiagnosticFix, TextChange } from '../diagnostic';

/** The order keys are inserted in (the order of the upstream rules files). */
const KEY_ORDER = ['desc', 'condition', 'output', 'priority', 'items'];

/** WARNING first: the usual priority of a new rule. */
const PRIORITY_CHOICES = ['WARNING', ...PRIORITIES.filter((priority) => priority !== 'WARNING')];

function lineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function lineEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The snippet of a key's value: placeholders whose defaults already make a valid item. */
function valueSnippet(key: string, index: number, item: RulesItem): string {
  switch (key) {
    case 'desc':
      return placeholder(index, 'Describe what this rule detects');
    case 'condition': {
      const source = item.kind === 'rule' && item.map ? getScalar(item.map, 'source')?.value : undefined;
      // `evt.type` exists for syscall events only; `evt.num` for every source.
      return placeholder(index, !source || source === 'syscall' ? 'evt.type = execve' : 'evt.num > 0');
    }
    case 'output':
      return placeholder(index, 'Describe the event');
    case 'priority':
      return `\${${index}|${PRIORITY_CHOICES.join(',')}|}`;
    default:
      return `[\${${index}}]`;
  }
}

/** The last offset of a pair that is not white space (a block scalar's span ends after its line break). */
function lastCharacter(text: string, pair: YPair): number {
  let end = pair.span.end;
  while (end > pair.span.start && /\s/.test(text[end - 1]!)) end--;
  return Math.max(pair.span.start, end - 1);
}

function title(keys: readonly string[]): string {
  const names = keys.map((key) => `'${key}'`);
  return names.length === 1 ? `Add the missing key ${names[0]}` : `Add the missing keys ${names.join(', ')}`;
}

/** The insertion of `keys` into a block mapping item, after its last key; undefined when the layout is odd. */
function blockInsertion(text: string, item: RulesItem, entries: readonly string[]): TextChange | undefined {
  const pairs = item.map!.pairs;
  const first = pairs[0];
  const last = pairs[pairs.length - 1];
  if (!first || !last) return undefined;
  const column = first.keySpan.start - lineStart(text, first.keySpan.start);
  // The first key follows the item's dash (`- rule:`); the other keys start at its column.
  if (!/^[ -]*$/.test(text.slice(first.keySpan.start - column, first.keySpan.start))) return undefined;
  const value = last.value;
  // Keys inserted after a `|+` block would take its kept trailing lines away from it.
  if (value && value.kind === 'scalar' && (value.style === 'literal' || value.style === 'folded') && /^[|>][-0-9]*\+/.test(text.slice(value.span.start, value.span.start + 4))) return undefined;
  const at = lineEnd(text, lastCharacter(text, last));
  const eol = text[at] === '\r' || (at === text.length && text.includes('\r\n')) ? '\r\n' : '\n';
  const indent = ' '.repeat(column);
  return { span: { start: at, end: at }, newText: entries.map((entry) => `${eol}${indent}${entry}`).join(''), snippet: true };
}

/** The insertion of `keys` into a flow mapping item (`- {rule: r, desc: d}`), before its closing brace. */
function flowInsertion(text: string, item: RulesItem, entries: readonly string[]): TextChange | undefined {
  const map = item.map!;
  const close = map.span.end - 1;
  if (text[close] !== '}') return undefined;
  const last = map.pairs[map.pairs.length - 1];
  const at = last ? last.span.end : close;
  return { span: { start: at, end: at }, newText: entries.map((entry, index) => (last || index > 0 ? `, ${entry}` : entry)).join(''), snippet: true };
}

/** One fix adding every key of `keys` to the item, or undefined when the item's layout is not one we edit. */
export function addMissingKeysFix(text: string, item: RulesItem, keys: readonly string[]): DiagnosticFix | undefined {
  if (!item.map || keys.length === 0) return undefined;
  const ordered = [...keys].sort((a, b) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b));
  if (ordered.some((key) => !KEY_ORDER.includes(key))) return undefined;
  const entries = ordered.map((key, index) => `${key}: ${valueSnippet(key, index + 1, item)}`);
  const change = item.map.flow ? flowInsertion(text, item, entries) : blockInsertion(text, item, entries);
  return change ? { title: title(ordered), changes: [change], preferred: true } : undefined;
}
