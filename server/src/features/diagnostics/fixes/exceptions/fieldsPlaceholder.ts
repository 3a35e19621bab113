/**
 * A `fields:` for an exception that has none: as many fields as its value tuples have items (one field written
 * as a scalar when its values are plain), defaulting to the fields the rule's condition uses, each a snippet
 * placeholder to type over. Inserted after the entry's `name`.
 */
import type { RulesItem } from '../../../../syntax/rulesFile';
import { walkCondition } from '../../../../syntax/condition/ast';
import type { YNode } from '../../../../syntax/yaml/tree';
import { placeholder } from '../../../codeActions/snippets';
import type { ExceptionEntry } from '../../checks/updates/updateFacts';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { setPairValue } from './entryEdits';
import { insertFirstPairs, insertPairsAfter } from './mapEdits';
import { flowScalar } from './yamlText';

/** Field names a rule's own condition uses, in order, without repeats. */
export function conditionFields(item: RulesItem): string[] {
  const condition = item.condition;
  const ast = condition?.parsed.ast;
  if (!condition || !ast) return [];
  const found: string[] = [];
  walkCondition(ast, (node) => {
    if (node.kind !== 'field' || node.span.start < condition.prefixLength) return;
    const name = node.arg ? `${node.name}[${node.arg.raw}]` : node.name;
    if (!found.includes(name)) found.push(name);
  });
  return found;
}

/** How the values of an entry are written: tuples of n items (list form), plain values (single form), or unknown. */
export function valuesShape(values: YNode | null | undefined): { readonly form: 'list'; readonly count: number } | { readonly form: 'single' } | null {
  if (!values || values.kind !== 'seq') return null;
  const first = values.items.find((item) => item !== null && !(item.kind === 'scalar' && item.isNull));
  if (!first) return null;
  if (first.kind === 'seq') return { form: 'list', count: Math.max(1, first.items.length) };
  return first.kind === 'scalar' ? { form: 'single' } : null;
}

/** The snippet text of a fields value: `[${1:a}, ${2:b}]`, or `${1:a}` for the single form. */
export function fieldsSnippet(fields: readonly string[], single: boolean): string {
  const items = fields.map((field, index) => placeholder(index + 1, flowScalar(field)));
  return single ? items[0]! : `[${items.join(', ')}]`;
}

/** `count` default field names: the condition's fields first, then the source's. */
export function defaultFields(count: number, preferred: readonly string[], fallback: readonly string[]): string[] {
  const chosen: string[] = [];
  for (const name of [...preferred, ...fallback]) {
    if (chosen.length >= count) break;
    if (!chosen.includes(name)) chosen.push(name);
  }
  while (chosen.length < count) chosen.push(chosen[0] ?? 'proc.name');
  return chosen;
}

/** Adds `fields:` (snippet text `value`) after the entry's name, or fills an empty `fields:`. */
export function addFieldsFix(text: string, entry: ExceptionEntry, value: string, title: string): DiagnosticFix | undefined {
  const map = entry.map;
  if (!map) return undefined;
  let change: TextChange | undefined;
  if (entry.fieldsPair) change = setPairValue(text, entry.fieldsPair, value, true);
  else {
    const pair = `fields: ${value}`;
    change = entry.namePair ? insertPairsAfter(text, map, entry.namePair, [pair]) : insertFirstPairs(text, map, [pair]);
    if (change) change = { ...change, snippet: true };
  }
  return change ? { title, changes: [change], preferred: true } : undefined;
}
