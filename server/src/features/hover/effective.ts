/**
 * What a rule, macro or list amounts to once every item naming it has been loaded, in load order
 * (falco-language.md §1.8, §2): a full definition starts over; `append: true` and `override: append` add text
 * (joined with a space), tags (a set) or exceptions; `override: replace` overwrites a key. Each contributing
 * item is kept with what it changed, and why the engine would reject it.
 */
import { conditionRole, itemOf } from '../../semantic/conditionParts';
import type { DeclarationLocation, WorkspaceIndex } from '../../semantic/workspaceIndex';
import { isYamlTrue, type RulesItem } from '../../syntax/rulesFile';
import { getPair, type YMap, type YNode } from '../../syntax/yaml/tree';
import { inlineCode } from './markdown';

export type ContributionKind = 'define' | 'redefine' | 'append' | 'replace' | 'override' | 'enable';

export interface KeyChange {
  readonly key: string;
  readonly operation: 'append' | 'replace';
  readonly value: YNode | null;
}

export interface Contribution {
  readonly location: DeclarationLocation;
  readonly kind: ContributionKind;
  /** `append: true` (or the enabled-only rule item): the forms deprecated since Falco 0.37. */
  readonly legacy: boolean;
  readonly changes: readonly KeyChange[];
  /** Why the engine rejects this item, when it does (it then changes nothing). */
  readonly rejected?: string;
}

/** The text of a scalar value ('' for anything else). */
export function scalarText(node: YNode | null | undefined): string {
  return node && node.kind === 'scalar' && !node.isNull ? node.value : '';
}

/** The scalar entries of a sequence value. */
export function scalarItems(node: YNode | null | undefined): string[] {
  if (!node || node.kind !== 'seq') return [];
  const values: string[] = [];
  for (const entry of node.items) if (entry && entry.kind === 'scalar' && !entry.isNull) values.push(entry.value);
  return values;
}

/** The `name` of each entry of an `exceptions` sequence. */
export function exceptionNames(node: YNode | null | undefined): string[] {
  if (!node || node.kind !== 'seq') return [];
  const names: string[] = [];
  for (const entry of node.items) {
    const name = entry && entry.kind === 'map' ? scalarText(getPair(entry, 'name')?.value) : '';
    if (name !== '') names.push(name);
  }
  return names;
}

/** The value of a key of the item a declaration belongs to. */
export function definitionValue(location: DeclarationLocation, key: string): YNode | null {
  const map = itemOf(location)?.map;
  return map ? (getPair(map, key)?.value ?? null) : null;
}

/** Joins an appended fragment to the text it extends, as the engine does (one space between). */
function joinText(previous: string, appended: string): string {
  return `${previous.replace(/\s+$/, '')} ${appended.replace(/^\s+/, '')}`;
}

function firstKind(seen: boolean): ContributionKind {
  return seen ? 'redefine' : 'define';
}

// ---- macros ----------------------------------------------------------------------------------------------------

export interface EffectiveMacro {
  /** The condition the engine compiles, undefined when nothing defines the macro. */
  readonly condition: string | undefined;
  /** The items whose conditions make it up: the base, then the appends. */
  readonly parts: readonly DeclarationLocation[];
  readonly contributions: readonly Contribution[];
}

export function effectiveMacro(index: WorkspaceIndex, name: string): EffectiveMacro {
  let condition: string | undefined;
  let parts: DeclarationLocation[] = [];
  let defined = false;
  const contributions: Contribution[] = [];
  for (const location of index.declarationsOf('macro', name)) {
    const item = itemOf(location);
    if (!item?.map) continue;
    const value = getPair(item.map, 'condition')?.value ?? null;
    const text = scalarText(value);
    const role = conditionRole(item);
    const legacy = item.legacyAppend;
    if (!item.legacyAppend && !item.override) {
      contributions.push({ location, kind: firstKind(defined), legacy: false, changes: [] });
      defined = true;
      condition = text;
      parts = [location];
      continue;
    }
    const kind: ContributionKind = role === 'append' ? 'append' : 'replace';
    const changes: KeyChange[] = role ? [{ key: 'condition', operation: role === 'append' ? 'append' : 'replace', value }] : [];
    let rejected: string | undefined;
    if (legacy && item.override) rejected = '`append: true` cannot be combined with `override`';
    else if (role === null) rejected = 'it sets no condition';
    else if (role === 'append' && condition === undefined) rejected = 'nothing is defined yet to append to';
    contributions.push({ location, kind, legacy, changes, ...(rejected ? { rejected } : {}) });
    if (rejected) continue;
    if (role === 'append') {
      condition = joinText(condition!, text);
      parts.push(location);
    } else {
      condition = text;
      parts = [location];
      defined = true;
    }
  }
  return { condition, parts, contributions };
}

// ---- lists -----------------------------------------------------------------------------------------------------

export interface EffectiveList {
  /** The items after every append and replacement, undefined when nothing defines the list. */
  readonly items: readonly string[] | undefined;
  /** The item whose `items` start the effective list. */
  readonly base: DeclarationLocation | undefined;
  readonly contributions: readonly Contribution[];
}

function listOperation(item: RulesItem): 'append' | 'replace' | null {
  if (item.legacyAppend) return 'append';
  const operation = item.override ? scalarText(getPair(item.override, 'items')?.value) : '';
  return operation === 'append' || operation === 'replace' ? operation : null;
}

export function effectiveList(index: WorkspaceIndex, name: string): EffectiveList {
  let items: string[] | undefined;
  let base: DeclarationLocation | undefined;
  const contributions: Contribution[] = [];
  for (const location of index.declarationsOf('list', name)) {
    const item = itemOf(location);
    if (!item?.map) continue;
    const value = getPair(item.map, 'items')?.value ?? null;
    const values = scalarItems(value);
    if (!item.legacyAppend && !item.override) {
      contributions.push({ location, kind: firstKind(base !== undefined), legacy: false, changes: [] });
      items = values;
      base = location;
      continue;
    }
    const operation = listOperation(item);
    const kind: ContributionKind = operation === 'append' ? 'append' : 'replace';
    let rejected: string | undefined;
    if (item.legacyAppend && item.override) rejected = '`append: true` cannot be combined with `override`';
    else if (operation === null || !value) rejected = 'it sets no items';
    else if (operation === 'append' && items === undefined) rejected = 'nothing is defined yet to append to';
    const changes: KeyChange[] = operation ? [{ key: 'items', operation, value }] : [];
    contributions.push({ location, kind, legacy: item.legacyAppend, changes, ...(rejected ? { rejected } : {}) });
    if (rejected) continue;
    if (operation === 'append') items = [...items!, ...values];
    else {
      items = values;
      base = location;
    }
  }
  return { items, base, contributions };
}

// ---- rules -----------------------------------------------------------------------------------------------------

const TEXT_KEYS = ['condition', 'output', 'desc'] as const;
const APPENDABLE = new Set(['condition', 'output', 'desc', 'tags', 'exceptions']);
const REPLACEABLE = new Set(['condition', 'output', 'desc', 'priority', 'capture', 'capture_duration', 'tags', 'exceptions', 'enabled', 'warn_evttypes', 'skip-if-unknown-filter']);
/** Keys shown only when set: their defaults go without saying. */
export const RULE_FLAG_KEYS = ['warn_evttypes', 'skip-if-unknown-filter', 'capture', 'capture_duration'] as const;

export interface RuleState {
  condition?: string;
  output?: string;
  desc?: string;
  priority?: string;
  source: string;
  enabled: boolean;
  tags: string[];
  exceptions: string[];
  flags: Map<string, string>;
}

export interface EffectiveRule {
  /** The rule after every item, undefined when no full definition comes first. */
  readonly state: RuleState | undefined;
  /** The full definition the state starts from. */
  readonly definition: DeclarationLocation | undefined;
  readonly contributions: readonly Contribution[];
}

function union(previous: readonly string[], added: readonly string[]): string[] {
  const result = [...previous];
  for (const value of added) if (!result.includes(value)) result.push(value);
  return result;
}

function defineRule(map: YMap): RuleState {
  const state: RuleState = { source: 'syscall', enabled: true, tags: [], exceptions: [], flags: new Map() };
  for (const key of TEXT_KEYS) {
    const pair = getPair(map, key);
    if (pair) state[key] = scalarText(pair.value);
  }
  const priority = getPair(map, 'priority');
  if (priority) state.priority = scalarText(priority.value);
  const source = scalarText(getPair(map, 'source')?.value);
  if (source !== '') state.source = source;
  const enabled = getPair(map, 'enabled');
  if (enabled) state.enabled = isYamlTrue(enabled.value);
  state.tags = union([], scalarItems(getPair(map, 'tags')?.value));
  state.exceptions = union([], exceptionNames(getPair(map, 'exceptions')?.value));
  for (const key of RULE_FLAG_KEYS) {
    const pair = getPair(map, key);
    if (pair) state.flags.set(key, scalarText(pair.value));
  }
  return state;
}

function applyChange(state: RuleState, change: KeyChange): void {
  const { key, value } = change;
  if (key === 'condition' || key === 'output' || key === 'desc') {
    const text = scalarText(value);
    state[key] = change.operation === 'append' && state[key] !== undefined ? joinText(state[key]!, text) : text;
  } else if (key === 'tags') {
    state.tags = union(change.operation === 'append' ? state.tags : [], scalarItems(value));
  } else if (key === 'exceptions') {
    state.exceptions = union(change.operation === 'append' ? state.exceptions : [], exceptionNames(value));
  } else if (key === 'priority') state.priority = scalarText(value);
  else if (key === 'enabled') state.enabled = isYamlTrue(value);
  else state.flags.set(key, scalarText(value));
}

/** The keys an update item changes, and the reason the engine rejects it, if it does. */
function ruleUpdate(item: RulesItem, map: YMap): { changes: KeyChange[]; rejected?: string } {
  if (item.legacyAppend) {
    if (item.override) return { changes: [], rejected: '`append: true` cannot be combined with `override`' };
    // Only the condition and the exceptions of a legacy append are read.
    const changes = ['condition', 'exceptions']
      .map((key) => ({ key, pair: getPair(map, key) }))
      .filter((entry) => entry.pair)
      .map(({ key, pair }) => ({ key, operation: 'append' as const, value: pair!.value }));
    return changes.length > 0 ? { changes } : { changes, rejected: 'an appended rule needs a `condition` or `exceptions`' };
  }
  const changes: KeyChange[] = [];
  const listed = new Set<string>();
  for (const pair of item.override!.pairs) {
    const key = pair.keyText;
    const operation = scalarText(pair.value);
    listed.add(key);
    if (operation !== 'append' && operation !== 'replace') return { changes, rejected: `${inlineCode(`${key}: ${operation}`)} is neither \`append\` nor \`replace\`` };
    if (!(operation === 'append' ? APPENDABLE : REPLACEABLE).has(key)) return { changes, rejected: `${inlineCode(key)} cannot be ${operation === 'append' ? 'appended to' : 'replaced'}` };
    const valuePair = getPair(map, key);
    if (!valuePair) return { changes, rejected: `${inlineCode(key)} is listed under \`override\` but not set` };
    changes.push({ key, operation, value: valuePair.value });
  }
  for (const pair of map.pairs) {
    if (REPLACEABLE.has(pair.keyText) && !listed.has(pair.keyText)) return { changes, rejected: `${inlineCode(pair.keyText)} is set but not listed under \`override\`` };
  }
  return changes.length > 0 ? { changes } : { changes, rejected: '`override` lists no key' };
}

export function effectiveRule(index: WorkspaceIndex, name: string): EffectiveRule {
  let state: RuleState | undefined;
  let definition: DeclarationLocation | undefined;
  const contributions: Contribution[] = [];
  for (const location of index.declarationsOf('rule', name)) {
    const item = itemOf(location);
    const map = item?.map;
    if (!item || !map) continue;
    const mode = location.declaration.mode;
    if (mode === 'define') {
      contributions.push({ location, kind: firstKind(definition !== undefined), legacy: false, changes: [] });
      state = defineRule(map);
      definition = location;
      continue;
    }
    if (mode === 'enable') {
      const changes: KeyChange[] = [{ key: 'enabled', operation: 'replace', value: getPair(map, 'enabled')?.value ?? null }];
      const rejected = state ? undefined : 'no rule by that name is defined yet';
      contributions.push({ location, kind: 'enable', legacy: true, changes, ...(rejected ? { rejected } : {}) });
      if (state) applyChange(state, changes[0]);
      continue;
    }
    const update = ruleUpdate(item, map);
    const rejected = update.rejected ?? (state ? undefined : 'no rule by that name is defined yet');
    const kind: ContributionKind = item.legacyAppend ? 'append' : 'override';
    contributions.push({ location, kind, legacy: item.legacyAppend, changes: update.changes, ...(rejected ? { rejected } : {}) });
    if (rejected || !state) continue;
    // Within one item the engine applies the appends before the replacements.
    for (const change of update.changes) if (change.operation === 'append') applyChange(state, change);
    for (const change of update.changes) if (change.operation === 'replace') applyChange(state, change);
  }
  return { state, definition, contributions };
}
