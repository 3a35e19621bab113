/**
 * Shared facts for the checks of the `updates` group: how an item updates its name (full definition, legacy
 * `append: true`, `override:`, legacy enabled-only rule), the operations listed under `override`, the rule's
 * event source, and what earlier items of the load order left behind (condition text, exceptions).
 * (falco-language.md §1.8, §2, §3.)
 */
import { CHECK_OPERATORS, COMPARISON_MODIFIERS } from '../../../../syntax/condition/parser';
import { STRING_OPERATORS } from '../../../../syntax/condition/lexer';
import type { DeclarationLocation } from '../../../../semantic/workspaceIndex';
import type { SymbolKind } from '../../../../semantic/fileSymbols';
import { toSourceSpan } from '../../../../syntax/embeddedText';
import type { RulesItem } from '../../../../syntax/rulesFile';
import type { Span } from '../../../../syntax/span';
import { getPair, getScalar, type YMap, type YNode, type YPair, type YScalar } from '../../../../syntax/yaml/tree';
import type { CheckContext } from '../../check';

export type Operation = 'append' | 'replace';

/**
 * How an item acts on its name:
 * `define` full definition; `legacy-append` `append: true`; `override` a non-empty `override` mapping;
 * `enable` the legacy enabled-only rule item; `invalid` an `override` key that is not a usable mapping.
 */
export type UpdateShape = 'define' | 'legacy-append' | 'override' | 'enable' | 'invalid';

const RULE_BODY_KEYS = ['condition', 'output', 'desc', 'priority'];

/** Kinds that can be updated (lists, macros, rules). */
export function isNamedKind(item: RulesItem): item is RulesItem & { kind: SymbolKind; map: YMap } {
  return (item.kind === 'rule' || item.kind === 'macro' || item.kind === 'list') && item.map !== null;
}

export function updateShape(item: RulesItem): UpdateShape {
  const map = item.map;
  if (!map) return 'invalid';
  if (item.legacyAppend) return 'legacy-append';
  if (getPair(map, 'override')) return item.override && item.override.pairs.length > 0 ? 'override' : 'invalid';
  if (item.kind === 'rule' && !RULE_BODY_KEYS.some((key) => getPair(map, key))) return 'enable';
  return 'define';
}

/** True for the legacy rule item that only toggles `enabled` (§1.8 b), whether or not `enabled` is present. */
export function isEnabledOnlyShape(item: RulesItem): boolean {
  return item.kind === 'rule' && updateShape(item) === 'enable';
}

/** The operation written for a key under `override` (undefined when absent or not append/replace). */
export function overrideOperation(item: RulesItem, key: string): Operation | undefined {
  if (!item.override) return undefined;
  const value = getScalar(item.override, key);
  if (!value) return undefined;
  return value.value === 'append' || value.value === 'replace' ? value.value : undefined;
}

/** Valid `override` entries of an item: key → operation. */
export function overrideOperations(item: RulesItem): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  if (!item.override || item.legacyAppend) return operations;
  for (const pair of item.override.pairs) {
    const value = pair.value;
    if (value && value.kind === 'scalar' && (value.value === 'append' || value.value === 'replace')) {
      if (!operations.has(pair.keyText)) operations.set(pair.keyText, value.value);
    }
  }
  return operations;
}

/**
 * What an item needs from the earlier load: `append` (a previous definition must exist: legacy or override
 * append), `replace` (rule replace or enabled-only: the rule must exist), or null (defines the name).
 */
export function requiredTarget(item: RulesItem): 'append' | 'replace' | 'enable' | null {
  const shape = updateShape(item);
  if (shape === 'legacy-append') return 'append';
  if (shape === 'enable') return getPair(item.map!, 'enabled') ? 'enable' : null;
  if (shape !== 'override') return null;
  const operations = overrideOperations(item);
  if ([...operations.values()].includes('append')) return 'append';
  if (item.kind === 'rule' && operations.size > 0) return 'replace';
  return null;
}

/** The event source of a rule: its own `source`, else the one of its first earlier definition, else syscall. */
export function ruleSource(context: CheckContext, item: RulesItem): string {
  const own = item.map ? getScalar(item.map, 'source') : undefined;
  if (own && !own.isNull && own.value.trim() !== '') return own.value;
  if (item.kind !== 'rule' || !item.name || updateShape(item) === 'define') return 'syscall';
  for (const location of earlierDeclarations(context, item)) {
    if (location.declaration.mode !== 'define') continue;
    const earlier = itemAt(location);
    const source = earlier?.map ? getScalar(earlier.map, 'source') : undefined;
    if (source && !source.isNull && source.value.trim() !== '') return source.value;
  }
  return 'syscall';
}

/** Whether the engine, with the configured plugins, knows the event source (rules of other sources are skipped). */
export function isSourceLoaded(context: CheckContext, source: string): boolean {
  if (source === 'syscall') return true;
  const fields = context.catalogs.fields;
  if (!fields.isKnownSource(source)) return false;
  const plugins = context.options.plugins;
  if (plugins === undefined) return true;
  return plugins.some((name) => fields.provider(name)?.eventSource === source);
}

/** The items of the same name before this one in load order, oldest first. */
export function earlierDeclarations(context: CheckContext, item: RulesItem): DeclarationLocation[] {
  if (!isNamedKind(item) || item.name === null) return [];
  return context.model.declarationsBefore(item.kind, item.name, context.model.pointOf(context.file.uri, item.index));
}

export function itemAt(location: DeclarationLocation): RulesItem | undefined {
  return location.file.syntax.items[location.declaration.itemIndex];
}

/** True when the item extends the previous condition (legacy append, or `override: {condition: append}`). */
export function appendsCondition(item: RulesItem): boolean {
  if (item.legacyAppend) return true;
  return overrideOperation(item, 'condition') === 'append';
}

/**
 * The condition text the engine holds for a rule or macro just before `item`: the last full definition (or
 * condition replace) followed by the appended fragments, joined with a space. Null when nothing defines it.
 */
export function previousConditionText(context: CheckContext, item: RulesItem): string | null {
  let text: string | null = null;
  for (const location of earlierDeclarations(context, item)) {
    const earlier = itemAt(location);
    if (!earlier || earlier.kind !== item.kind) continue;
    const condition = earlier.condition ? earlier.condition.scalar.text.value : null;
    const shape = updateShape(earlier);
    if (shape === 'define') text = condition;
    else if (shape === 'legacy-append' || shape === 'override') {
      if (appendsCondition(earlier)) {
        if (text !== null && condition !== null) text = `${text} ${condition}`;
      } else if (overrideOperation(earlier, 'condition') === 'replace') {
        text = condition;
      }
    }
  }
  return text;
}

// ---- exceptions --------------------------------------------------------------------------------------------------

/** One entry of a rule's `exceptions:` sequence. */
export interface ExceptionEntry {
  readonly index: number;
  /** The sequence item (null for an empty `- `). */
  readonly node: YNode | null;
  readonly map: YMap | null;
  readonly namePair: YPair | undefined;
  /** The name when it is a non-empty scalar. */
  readonly name: string | null;
  readonly nameNode: YScalar | null;
  readonly fieldsPair: YPair | undefined;
  readonly compsPair: YPair | undefined;
  readonly valuesPair: YPair | undefined;
  /** `list` when `fields` is a sequence, `single` when it is a non-empty scalar. */
  readonly form: 'list' | 'single' | null;
}

/**
 * How an item treats its exceptions: `define` (full rule definition), `append` (legacy append or
 * `exceptions: append`), `replace` (`exceptions: replace`), `unlisted` (an `override` that does not list
 * `exceptions`: the engine rejects the item), or null (no exceptions are read: not a rule, enabled-only item).
 */
export type ExceptionMode = 'define' | 'append' | 'replace' | 'unlisted';

export function exceptionMode(item: RulesItem): ExceptionMode | null {
  if (item.kind !== 'rule' || !item.map) return null;
  const shape = updateShape(item);
  switch (shape) {
    case 'define':
      return 'define';
    case 'legacy-append':
      return 'append';
    case 'override':
      return overrideOperation(item, 'exceptions') ?? 'unlisted';
    case 'invalid':
      return 'unlisted';
    case 'enable':
      return null;
  }
}

function readEntry(node: YNode | null, index: number): ExceptionEntry {
  const map = node && node.kind === 'map' ? node : null;
  const namePair = map ? getPair(map, 'name') : undefined;
  const nameValue = namePair?.value;
  const nameNode = nameValue && nameValue.kind === 'scalar' && !nameValue.isNull && nameValue.value !== '' ? nameValue : null;
  const fieldsPair = map ? getPair(map, 'fields') : undefined;
  const fields = fieldsPair?.value;
  const form = fields ? (fields.kind === 'seq' ? 'list' : fields.kind === 'scalar' && !fields.isNull && fields.value !== '' ? 'single' : null) : null;
  return {
    index,
    node,
    map,
    namePair,
    name: nameNode ? nameNode.value : null,
    nameNode,
    fieldsPair,
    compsPair: map ? getPair(map, 'comps') : undefined,
    valuesPair: map ? getPair(map, 'values') : undefined,
    form,
  };
}

/** The `exceptions` pair of a rule and its entries (empty when it is null or not a sequence). */
export function exceptionsOf(item: RulesItem): { pair: YPair; entries: ExceptionEntry[] } | null {
  if (item.kind !== 'rule' || !item.map) return null;
  const pair = getPair(item.map, 'exceptions');
  if (!pair) return null;
  const value = pair.value;
  if (!value || value.kind !== 'seq') return { pair, entries: [] };
  return { pair, entries: value.items.map((node, index) => readEntry(node, index)) };
}

/** An exception the rule already has before an update, with the file it was written in. */
export interface PreviousException {
  readonly name: string;
  readonly entry: ExceptionEntry;
  readonly uri: string;
}

/**
 * The exceptions of a rule just before `item` in load order (by name), or null when no full definition of the
 * rule precedes it. Appends to an existing name keep that exception's fields.
 */
export function previousExceptions(context: CheckContext, item: RulesItem): Map<string, PreviousException> | null {
  let known: Map<string, PreviousException> | null = null;
  for (const location of earlierDeclarations(context, item)) {
    const earlier = itemAt(location);
    if (!earlier || earlier.kind !== 'rule') continue;
    const mode = exceptionMode(earlier);
    const entries = exceptionsOf(earlier)?.entries ?? [];
    const add = (target: Map<string, PreviousException>) => {
      for (const entry of entries) {
        if (entry.name !== null && !target.has(entry.name)) target.set(entry.name, { name: entry.name, entry, uri: location.file.uri });
      }
    };
    if (mode === 'define') {
      known = new Map();
      add(known);
    } else if (known && mode === 'replace') {
      known = new Map();
      add(known);
    } else if (known && mode === 'append') {
      add(known);
    }
  }
  return known;
}

/**
 * The role of each exception entry of an item: `define` (full definition), `replace` (read as a full
 * definition by `exceptions: replace`), `append-new` (a new name appended), `append-existing` (values appended
 * to an exception the rule has), `append-orphan` (appended to a rule that does not exist yet), or `ignored`.
 */
export type EntryRole = 'define' | 'replace' | 'append-new' | 'append-existing' | 'append-orphan' | 'ignored';

export interface ExceptionsView {
  readonly mode: ExceptionMode;
  readonly pair: YPair;
  readonly entries: readonly ExceptionEntry[];
  /** Exceptions the rule had before this item (null when no earlier definition; only computed for updates). */
  readonly previous: Map<string, PreviousException> | null;
  roleOf(entry: ExceptionEntry): EntryRole;
}

const viewCache = new WeakMap<RulesItem, { generation: number; index: object; view: ExceptionsView | null }>();

/** Exceptions of a rule item with their roles; null when the item has no `exceptions` the engine reads. */
export function exceptionsView(context: CheckContext, item: RulesItem): ExceptionsView | null {
  const cached = viewCache.get(item);
  if (cached && cached.index === context.index && cached.generation === context.index.contentGeneration) return cached.view;
  const view = buildView(context, item);
  viewCache.set(item, { generation: context.index.contentGeneration, index: context.index, view });
  return view;
}

function buildView(context: CheckContext, item: RulesItem): ExceptionsView | null {
  const mode = exceptionMode(item);
  if (mode === null) return null;
  const found = exceptionsOf(item);
  if (!found) return null;
  const previous = mode === 'define' ? null : previousExceptions(context, item);
  const roleOf = (entry: ExceptionEntry): EntryRole => {
    switch (mode) {
      case 'define':
        return 'define';
      case 'replace':
        return 'replace';
      case 'unlisted':
        return 'ignored';
      case 'append':
        if (!previous) return 'append-orphan';
        return entry.name !== null && previous.has(entry.name) ? 'append-existing' : 'append-new';
    }
  };
  return { mode, pair: found.pair, entries: found.entries, previous, roleOf };
}

/** Roles whose entries the engine validates as complete exceptions (fields, comps, values). */
export function isCompleteRole(role: EntryRole): boolean {
  return role === 'define' || role === 'replace' || role === 'append-new';
}

/** Roles whose entries must have `fields`. */
export function requiresFields(role: EntryRole): boolean {
  return isCompleteRole(role);
}

/** Scalar items of a node: the node itself when it is a scalar, the scalar items of a sequence. */
export function scalarItems(node: YNode | null | undefined): YScalar[] {
  if (!node) return [];
  if (node.kind === 'scalar') return [node];
  if (node.kind === 'seq') return node.items.filter((entry): entry is YScalar => entry !== null && entry.kind === 'scalar');
  return [];
}

/** Span of a scalar's characters (without quotes), or the whole node for empty values and collections. */
export function contentSpan(node: YNode): Span {
  if (node.kind === 'scalar' && node.text.value.length > 0) {
    const span = toSourceSpan(node.text, { start: 0, end: node.text.value.length });
    if (span.end > span.start) return span;
  }
  return node.span;
}

/** The span of a pair's value, or of its key when the value is missing. */
export function valueOrKeySpan(pair: YPair): Span {
  return pair.value && pair.value.span.end > pair.value.span.start ? pair.value.span : pair.keySpan;
}

// ---- exception operators -------------------------------------------------------------------------------------------

export interface ExceptionComp {
  /** Trimmed operator text. */
  readonly text: string;
  /** Base operator (`startswith` for `startswith oneof`). */
  readonly base: string;
  readonly modifier: string | null;
  /** A supported operator (Falco 0.44: modifiers allowed after string operators). */
  readonly known: boolean;
  /** Values are wrapped in parentheses as a list (in, intersects, pmatch, and the modifier forms). */
  readonly takesList: boolean;
}

const LIST_COMPS = ['in', 'intersects', 'pmatch'];

export function readComp(raw: string): ExceptionComp {
  const text = raw.trim();
  const words = text.split(/\s+/);
  if (words.length === 2 && COMPARISON_MODIFIERS.includes(words[1]!)) {
    const base = words[0]!;
    return { text, base, modifier: words[1]!, known: STRING_OPERATORS.includes(base), takesList: true };
  }
  return { text, base: text, modifier: null, known: CHECK_OPERATORS.includes(text), takesList: LIST_COMPS.includes(text) };
}

/** Whether the target engine accepts comparison modifiers (`startswith oneof`): engine 0.62.0, Falco 0.44. */
export function supportsModifiers(context: CheckContext): boolean {
  const parts = context.options.engineVersion.split('.').map((part) => Number.parseInt(part, 10));
  const [major = 0, minor = 0] = parts;
  return major > 0 || minor >= 62;
}

/** Operators a single-field exception accepts: in, pmatch, intersects, or a modifier form. */
export function isSingleFieldComp(comp: ExceptionComp): boolean {
  return comp.known && (comp.modifier !== null || LIST_COMPS.includes(comp.base));
}

/** Span of a tag written before an empty tagged scalar (`comps: !=`), or null. */
export function tagSpan(text: string, node: YScalar): Span | null {
  if (!node.tag) return null;
  let end = node.span.start;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let start = end;
  while (start > 0 && !/[\s[,{:]/.test(text[start - 1]!)) start--;
  return text[start] === '!' && end > start ? { start, end } : null;
}

/** Roles whose own fields/comps the engine checks (an append to a missing rule is checked as far as it goes). */
export function isValidatedRole(role: EntryRole): boolean {
  return role === 'define' || role === 'replace' || role === 'append-new' || role === 'append-orphan';
}
