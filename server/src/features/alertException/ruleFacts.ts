/**
 * What the workspace says about the rule an alert names: its items in load order, the full definition that is in
 * effect, its event source, the exceptions it already has (to keep names unique and reuse an exception with the
 * same fields), and the `override: {exceptions: append}` items a file already has for it.
 */
import type { DeclarationLocation, IndexedFile, WorkspaceIndex } from '../../semantic/workspaceIndex';
import type { RulesItem } from '../../syntax/rulesFile';
import { getScalar, type YNode } from '../../syntax/yaml/tree';
import { exceptionsOf, overrideOperation, readComp, updateShape, type ExceptionEntry } from '../diagnostics/checks/updates/updateFacts';

export interface RuleItemRef {
  readonly file: IndexedFile;
  readonly item: RulesItem;
  /** Position of the file in the load order. */
  readonly filePosition: number;
}

export interface RuleFacts {
  readonly name: string;
  /** Every item of the rule, in load order. */
  readonly items: readonly RuleItemRef[];
  /** The last full definition (the one the engine keeps), if the workspace has one. */
  readonly definition: RuleItemRef | undefined;
  readonly source: string;
}

/** One exception a rule item writes, with the item it is written in. */
export interface WrittenException {
  readonly owner: RuleItemRef;
  readonly entry: ExceptionEntry;
  readonly name: string;
}

function itemOf(location: DeclarationLocation): RulesItem | undefined {
  const item = location.file.syntax.items[location.declaration.itemIndex];
  return item && item.kind === 'rule' && item.map ? item : undefined;
}

function ownSource(item: RulesItem): string | undefined {
  const source = item.map ? getScalar(item.map, 'source') : undefined;
  return source && !source.isNull && source.value.trim() !== '' ? source.value.trim() : undefined;
}

/** The rule's items and definition; undefined when no rules file of the workspace names it. */
export function ruleFacts(index: WorkspaceIndex, name: string, alertSource?: string): RuleFacts | undefined {
  const items: RuleItemRef[] = [];
  for (const location of index.declarationsOf('rule', name)) {
    const item = itemOf(location);
    if (item) items.push({ file: location.file, item, filePosition: location.filePosition });
  }
  if (items.length === 0) return undefined;
  const definitions = items.filter((ref) => updateShape(ref.item) === 'define');
  const definition = definitions[definitions.length - 1];
  const source = (definition ? (ownSource(definition.item) ?? 'syscall') : undefined) ?? items.map((ref) => ownSource(ref.item)).find((found) => found !== undefined) ?? alertSource ?? 'syscall';
  return { name, items, definition, source };
}

/** True when `ref` comes after `other` in the load. */
export function isAfter(ref: RuleItemRef, other: RuleItemRef | undefined): boolean {
  if (!other) return true;
  return ref.filePosition > other.filePosition || (ref.filePosition === other.filePosition && ref.item.index > other.item.index);
}

/** True for an item that appends exceptions through `override: {exceptions: append}`. */
export function appendsExceptions(item: RulesItem): boolean {
  return updateShape(item) === 'override' && overrideOperation(item, 'exceptions') === 'append';
}

/** The exceptions written by every item of the rule (definitions and updates), in load order. */
export function writtenExceptions(facts: RuleFacts): WrittenException[] {
  const found: WrittenException[] = [];
  for (const owner of facts.items) {
    for (const entry of exceptionsOf(owner.item)?.entries ?? []) {
      if (entry.name !== null) found.push({ owner, entry, name: entry.name });
    }
  }
  return found;
}

/** The override items of a file that append exceptions to the rule and come after its definition. */
export function overrideItemsIn(facts: RuleFacts, uri: string): RuleItemRef[] {
  return facts.items.filter((ref) => ref.file.uri === uri && appendsExceptions(ref.item) && isAfter(ref, facts.definition));
}

/** A name for a new exception, from its fields (`proc_name_fd_name`), not used by any item of the rule. */
export function exceptionName(fields: readonly string[], taken: ReadonlySet<string>): string {
  const base =
    fields
      .map((field) => field.toLowerCase().replace(/[^a-z0-9]+/g, '_'))
      .join('_')
      .replace(/_+/g, '_')
      .replace(/^_|_$/g, '') || 'from_alert';
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}_${suffix}`)) return `${base}_${suffix}`;
}

function scalarValues(node: YNode | null | undefined): string[] | undefined {
  if (!node || node.kind !== 'seq') return undefined;
  const values: string[] = [];
  for (const item of node.items) {
    if (!item || item.kind !== 'scalar' || item.isNull) return undefined;
    values.push(item.value);
  }
  return values;
}

/**
 * The order of an exception's fields when it compares exactly the fields `fields` (in any order) with `=`;
 * undefined otherwise. New values can then go into that exception.
 */
export function equalityFieldsOf(entry: ExceptionEntry, fields: readonly string[]): string[] | undefined {
  if (entry.form !== 'list') return undefined;
  const own = scalarValues(entry.fieldsPair?.value);
  if (!own || own.length !== fields.length || new Set(own).size !== own.length || !own.every((field) => fields.includes(field))) return undefined;
  const compsNode = entry.compsPair?.value;
  if (compsNode && !(compsNode.kind === 'scalar' && compsNode.isNull)) {
    const comps = scalarValues(compsNode);
    if (!comps || comps.length !== own.length || !comps.every((comp) => ['=', '=='].includes(readComp(comp).text))) return undefined;
  }
  return own;
}

/** The value tuples an exception already holds (each as written, cooked), for de-duplication. */
export function existingTuples(entry: ExceptionEntry): string[][] {
  const values = entry.valuesPair?.value;
  if (!values || values.kind !== 'seq') return [];
  const tuples: string[][] = [];
  for (const tuple of values.items) {
    const items = scalarValues(tuple);
    if (items) tuples.push(items);
  }
  return tuples;
}
