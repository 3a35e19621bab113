/**
 * Edits of one exception entry shared by the exception checks: give a pair a value, add a `name` (as a snippet
 * placeholder the user can type over), and the name to propose.
 */
import type { RulesItem } from '../../../../syntax/rulesFile';
import type { YNode, YPair } from '../../../../syntax/yaml/tree';
import { placeholder } from '../../../codeActions/snippets';
import type { ExceptionEntry } from '../../checks/updates/updateFacts';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { insertFirstPairs, nodeEnd } from './mapEdits';
import { exceptionNameBase, uniqueName } from './names';

/** Replaces a pair's value, or writes one after the colon of `key:` when it has none. */
export function setPairValue(text: string, pair: YPair, value: string, snippet = false): TextChange | undefined {
  const flag = snippet ? { snippet: true } : {};
  const node = pair.value;
  if (node && node.span.end > node.span.start) return { span: { start: node.span.start, end: nodeEnd(text, node) }, newText: value, ...flag };
  const colon = pair.keySpan.end;
  if (text[colon] !== ':') return undefined;
  return { span: { start: colon + 1, end: colon + 1 }, newText: ` ${value}`, ...flag };
}

/** The field names written in a `fields` value (a scalar or a sequence of scalars). */
export function writtenFields(node: YNode | null | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'scalar') return node.isNull ? [] : [node.value];
  if (node.kind !== 'seq') return [];
  return node.items.flatMap((item) => (item && item.kind === 'scalar' && !item.isNull ? [item.value] : []));
}

/** Names used by the entries of an item (and the exceptions it extends). */
export function usedNames(entries: readonly ExceptionEntry[], previous?: Iterable<string>): string[] {
  return [...entries.flatMap((entry) => (entry.name !== null ? [entry.name] : [])), ...(previous ?? [])];
}

/** A unique name for an entry: from its fields, else from the rule's name. */
export function proposedName(item: RulesItem, fields: readonly string[], taken: readonly string[]): string {
  return uniqueName(exceptionNameBase(fields, item.name), taken);
}

/** "Add a name" for an entry that has none: `name: ${1:…}` as its first key. */
export function addNameFix(text: string, entry: ExceptionEntry, name: string, preferred: boolean): DiagnosticFix | undefined {
  if (!entry.map) return undefined;
  const change = insertFirstPairs(text, entry.map, [`name: ${placeholder(1, name)}`]);
  if (!change) return undefined;
  return { title: `Add the name '${name}'`, changes: [{ ...change, snippet: true }], preferred };
}

/** How many values a tuple needs, or `single` for plain values; null when the fields are unknown. */
export type ValueShape = { readonly form: 'list'; readonly count: number } | { readonly form: 'single' };

export function shapeOfFields(node: YNode | null | undefined): ValueShape | null {
  if (!node) return null;
  if (node.kind === 'seq') return node.items.length > 0 ? { form: 'list', count: node.items.length } : null;
  return node.kind === 'scalar' && !node.isNull && node.value !== '' ? { form: 'single' } : null;
}

/** `count` snippet placeholders `${n:value}` numbered from `first`. */
export function valuePlaceholders(count: number, first = 1): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, index) => placeholder(first + index, 'value'));
}

/** A snippet for one entry of `values` of this shape: `${1:value}` or `[${1:value}, ${2:value}]`. */
export function valueEntrySnippet(shape: ValueShape): string {
  return shape.form === 'single' ? placeholder(1, 'value') : `[${valuePlaceholders(shape.count).join(', ')}]`;
}
