/**
 * The event types a syscall condition can match, computed the way the engine's event-code search does it
 * (falco-language.md §8.2, LOAD_NO_EVTTYPE): macros are expanded (their final definition in load order, appended
 * text joined), list names are replaced by their items, and then
 * - `evt.type = x`, `== x`, `in (…)` give the events named; `!=` gives the others;
 * - `not` is pushed down to the checks (De Morgan), so it only inverts event-type checks: any other check, an
 *   unresolved name or a transformer matches every event whether negated or not;
 * - `and` intersects, `or` unites.
 * The engine counts event *codes* (each event has enter/exit and versioned variants) and warns when a syscall rule
 * matches none, or more than 100 of them.
 */
import type { Expr } from '../syntax/condition/ast';
import { getPair, type YNode } from '../syntax/yaml/tree';
import type { EventCatalog } from './catalogs/eventCatalog';
import type { DeclarationLocation, WorkspaceIndex } from './workspaceIndex';
import { combineConditionParts, conditionParts, itemOf } from './conditionParts';

/** The engine warns when a syscall rule matches more event codes than this (or none). */
export const MAX_EVENT_CODES = 100;

/**
 * Number of event codes of each event-table name when it is not the usual enter/exit pair (libs 0.25 event
 * table: versioned events have several pairs, meta-events a single code). `NA` stands for the placeholder
 * entries, which no condition can name but which count in the set of all events.
 */
const CODES_PER_EVENT: Readonly<Record<string, number>> = {
  NA: 35,
  accept: 8,
  asyncevent: 1,
  bpf: 4,
  brk: 4,
  clone: 8,
  close_range: 1,
  container: 3,
  cpu_hotplug: 1,
  dup: 4,
  execve: 16,
  fork: 6,
  groupadded: 1,
  groupdeleted: 1,
  infra: 1,
  ioctl: 4,
  k8s: 1,
  keyctl: 1,
  link: 4,
  linkat: 4,
  mesos: 1,
  mkdir: 4,
  notification: 1,
  openat: 4,
  page_fault: 1,
  pluginevent: 1,
  procinfo: 1,
  rmdir: 4,
  scapevent: 1,
  select: 4,
  signaldeliver: 1,
  task: 1,
  task_file_anon_inode: 1,
  task_file_directory: 1,
  task_file_memfd: 1,
  task_file_pipe: 1,
  task_file_regular: 1,
  task_file_socket_inet: 1,
  task_file_socket_inet6: 1,
  task_file_socket_netlink: 1,
  task_file_socket_unix: 1,
  tracer: 1,
  umount: 4,
  unlink: 4,
  unlinkat: 4,
  useradded: 1,
  userdeleted: 1,
  vfork: 6,
};

/** The generic event: syscalls without an event of their own are reported through it. */
const GENERIC_EVENT = 'syscall';
const PLACEHOLDER_EVENT = 'NA';

/** The universe of event-table names, with their code counts. */
class EventUniverse {
  readonly names: readonly string[];
  readonly indexOf = new Map<string, number>();
  readonly weights: Int32Array;
  readonly words: number;
  readonly all: Uint32Array;

  constructor(readonly catalog: EventCatalog) {
    const names = new Set<string>();
    for (const name of catalog.eventNames()) if (catalog.isEventTableName(name)) names.add(name);
    names.add(GENERIC_EVENT);
    names.add(PLACEHOLDER_EVENT);
    this.names = [...names].sort();
    this.weights = new Int32Array(this.names.length);
    this.names.forEach((name, index) => {
      this.indexOf.set(name, index);
      this.weights[index] = CODES_PER_EVENT[name] ?? 2;
    });
    this.words = Math.ceil(this.names.length / 32);
    this.all = new Uint32Array(this.words);
    for (let index = 0; index < this.names.length; index++) this.all[index >>> 5] |= 1 << (index & 31);
  }
}

/** A set of events (event-table names), as the engine's set of event codes. Immutable. */
export class EventTypeSet {
  private constructor(
    private readonly universe: EventUniverse,
    private readonly bits: Uint32Array,
  ) {}

  static all(universe: EventUniverse): EventTypeSet {
    return new EventTypeSet(universe, universe.all);
  }

  static empty(universe: EventUniverse): EventTypeSet {
    return new EventTypeSet(universe, new Uint32Array(universe.words));
  }

  static of(universe: EventUniverse, names: Iterable<string>): EventTypeSet {
    const bits = new Uint32Array(universe.words);
    for (const name of names) {
      const index = universe.indexOf.get(name);
      if (index !== undefined) bits[index >>> 5] |= 1 << (index & 31);
    }
    return new EventTypeSet(universe, bits);
  }

  private combine(other: EventTypeSet, op: (a: number, b: number) => number): EventTypeSet {
    const bits = new Uint32Array(this.bits.length);
    for (let i = 0; i < bits.length; i++) bits[i] = op(this.bits[i], other.bits[i]) & this.universe.all[i];
    return new EventTypeSet(this.universe, bits);
  }

  intersect(other: EventTypeSet): EventTypeSet {
    return this.combine(other, (a, b) => a & b);
  }

  union(other: EventTypeSet): EventTypeSet {
    return this.combine(other, (a, b) => a | b);
  }

  complement(): EventTypeSet {
    return this.combine(this, (a) => ~a);
  }

  has(name: string): boolean {
    const index = this.universe.indexOf.get(name);
    return index !== undefined && (this.bits[index >>> 5] & (1 << (index & 31))) !== 0;
  }

  /** Number of event codes in the set (what the engine compares with 100). */
  get codeCount(): number {
    let count = 0;
    this.universe.names.forEach((_, index) => {
      if (this.bits[index >>> 5] & (1 << (index & 31))) count += this.universe.weights[index];
    });
    return count;
  }

  get isEmpty(): boolean {
    return this.bits.every((word) => word === 0);
  }

  get isAll(): boolean {
    return this.bits.every((word, index) => word === this.universe.all[index]);
  }

  /** Event names in the set, sorted (the placeholder entries left out; `syscall` is the generic event). */
  names(): string[] {
    return this.universe.names.filter((name) => name !== PLACEHOLDER_EVENT && this.has(name));
  }
}

export interface EventTypeResult {
  readonly set: EventTypeSet;
  /**
   * False when part of the condition could not be followed (an undefined macro, a syntax error, a macro loop, a
   * list used as a text macro, an appended fragment that cannot be joined): the set is then a guess.
   */
  readonly exact: boolean;
}

/** Whether the engine warns `LOAD_NO_EVTTYPE` for this set: no event at all, or more than 100 event codes. */
export function matchesTooManyEventTypes(set: EventTypeSet): boolean {
  return set.isEmpty || set.codeCount > MAX_EVENT_CODES;
}

// ---- lists -----------------------------------------------------------------------------------------------------

function scalarItems(node: YNode | null | undefined): string[] {
  if (!node || node.kind !== 'seq') return [];
  const values: string[] = [];
  for (const entry of node.items) if (entry && entry.kind === 'scalar' && !entry.isNull) values.push(entry.value);
  return values;
}

function listRole(location: DeclarationLocation): 'base' | 'append' | null {
  const mode = location.declaration.mode;
  if (mode === 'define' || mode === 'replace') return 'base';
  if (mode === 'append') return 'append';
  return null;
}

// ---- the resolver ----------------------------------------------------------------------------------------------

interface Evaluation {
  set: EventTypeSet;
  exact: boolean;
}

const EVTTYPE_OPERATORS = new Set(['=', '==', '!=', 'in']);

/**
 * Computes event-type sets over the whole workspace (final definitions of macros and lists). One instance per
 * index content generation; results for macros and lists are memoized.
 */
export class EventTypeResolver {
  private readonly universe: EventUniverse;
  private readonly macroMemo = new Map<string, Evaluation>();
  private readonly macrosInProgress = new Set<string>();
  private readonly listMemo = new Map<string, string[] | null>();

  constructor(
    private readonly index: WorkspaceIndex,
    events: EventCatalog,
  ) {
    this.universe = universeFor(events);
  }

  /** The resolver for the current content of an index (cached until the index changes). */
  static for(index: WorkspaceIndex, events: EventCatalog): EventTypeResolver {
    const cached = resolverCache.get(index);
    if (cached && cached.generation === index.contentGeneration && cached.events === events) return cached.resolver;
    const resolver = new EventTypeResolver(index, events);
    resolverCache.set(index, { generation: index.contentGeneration, events, resolver });
    return resolver;
  }

  /** The set of every event. */
  allEvents(): EventTypeSet {
    return EventTypeSet.all(this.universe);
  }

  /** Event types a condition AST can match (macros and lists of the workspace expanded). */
  ofCondition(ast: Expr): EventTypeResult {
    return this.evaluate(ast, false);
  }

  /** Event types a macro's final condition can match. */
  ofMacro(name: string): EventTypeResult {
    return this.macro(name, false);
  }

  /**
   * Event types of a rule: the condition of the given full definition (by default the last one in load order) with
   * the appends that follow it.
   */
  ofRule(name: string, from?: { uri: string; itemIndex: number }): EventTypeResult | undefined {
    const parts = conditionParts(this.index, 'rule', name, from);
    if (parts.length === 0) return undefined;
    const { ast, exact } = combineConditionParts(parts);
    if (!ast) return undefined;
    const result = this.evaluate(ast, false);
    return { set: result.set, exact: result.exact && exact };
  }

  private all(exact: boolean): Evaluation {
    return { set: EventTypeSet.all(this.universe), exact };
  }

  private macro(name: string, negated: boolean): Evaluation {
    const key = (negated ? '!' : '') + name;
    const memo = this.macroMemo.get(key);
    if (memo) return memo;
    if (this.macrosInProgress.has(key)) return this.all(false);
    this.macrosInProgress.add(key);
    let result: Evaluation;
    const parts = conditionParts(this.index, 'macro', name);
    const { ast, exact } = combineConditionParts(parts);
    if (!ast) result = this.all(false);
    else {
      const evaluation = this.evaluate(ast, negated);
      result = { set: evaluation.set, exact: evaluation.exact && exact };
    }
    this.macrosInProgress.delete(key);
    this.macroMemo.set(key, result);
    return result;
  }

  /** Final items of a list, with items naming other lists replaced by their items (one level); null if undefined. */
  private listItems(name: string, depth = 0): string[] | null {
    if (depth === 0 && this.listMemo.has(name)) return this.listMemo.get(name)!;
    const locations = this.index.declarationsOf('list', name);
    let items: string[] | null = null;
    for (const location of locations) {
      const role = listRole(location);
      const item = itemOf(location);
      if (!role || !item?.map) continue;
      const values = scalarItems(getPair(item.map, 'items')?.value);
      if (role === 'base') items = values;
      else if (items) items = [...items, ...values];
    }
    if (items && depth < 1) {
      items = items.flatMap((value) => (value !== name ? (this.listItems(value, depth + 1) ?? [value]) : [value]));
    }
    if (depth === 0) this.listMemo.set(name, items);
    return items;
  }

  /** Names an `evt.type` value stands for once lists are substituted. */
  private valueNames(value: string, quoted: boolean): string[] {
    if (quoted) return [value];
    return this.listItems(value) ?? [value];
  }

  /** The engine's name → event-code mapping: event-table names, else the generic event for syscall names. */
  private namesToSet(names: readonly string[]): Evaluation {
    const direct: string[] = [];
    let generic = false;
    let exact = true;
    const catalog = this.universe.catalog;
    for (const name of names) {
      if (name !== GENERIC_EVENT && this.universe.indexOf.has(name) && name !== PLACEHOLDER_EVENT) direct.push(name);
      else if (catalog.info(name)?.syscall) generic = true;
      // A plugin's event or an unknown name (an error of its own): the engine's answer is not known here.
      else exact = false;
    }
    if (generic) direct.push(GENERIC_EVENT);
    return { set: EventTypeSet.of(this.universe, direct), exact };
  }

  private evaluate(root: Expr, negated: boolean): Evaluation {
    const node = root;
    switch (node.kind) {
      case 'and':
      case 'or': {
        const intersect = (node.kind === 'and') !== negated;
        let set: EventTypeSet | null = null;
        let exact = true;
        for (const child of node.children) {
          const result = this.evaluate(child, negated);
          exact &&= result.exact;
          set = set === null ? result.set : intersect ? set.intersect(result.set) : set.union(result.set);
        }
        return { set: set ?? EventTypeSet.all(this.universe), exact };
      }
      case 'not':
        return this.evaluate(node.operand, !negated);
      case 'group':
        return this.evaluate(node.expr, negated);
      case 'identifier': {
        if (this.index.declarationsOf('macro', node.name).length > 0 && this.listItems(node.name) === null) return this.macro(node.name, negated);
        // An undefined macro (an error of its own) or a list name used as a text macro.
        return this.all(false);
      }
      case 'check':
        return this.check(node, negated);
      case 'error':
        return this.all(false);
    }
  }

  private check(node: Extract<Expr, { kind: 'check' }>, negated: boolean): Evaluation {
    const left = node.left;
    const operator = node.operator;
    const isEventType = left.kind === 'field' && left.name === 'evt.type' && !left.arg;
    // Any other check matches every event, negated or not.
    if (!isEventType) return this.all(true);
    if (!node.right) {
      // `evt.type exists` matches everything; negated, nothing.
      return operator.name === 'exists' && negated ? { set: EventTypeSet.empty(this.universe), exact: true } : this.all(true);
    }
    if (!EVTTYPE_OPERATORS.has(operator.text) || operator.modifier) return this.all(true);
    const right = node.right;
    let names: string[];
    if (right.kind === 'value') names = this.valueNames(right.value, right.quoted);
    else if (right.kind === 'list') names = right.items.flatMap((item) => this.valueNames(item.value, item.quoted));
    else return this.all(false);
    const matched = this.namesToSet(names);
    let set = matched.set;
    if (negated) set = set.complement();
    if (operator.text === '!=') set = set.complement();
    return { set, exact: matched.exact };
  }
}

const universes = new WeakMap<EventCatalog, EventUniverse>();

function universeFor(events: EventCatalog): EventUniverse {
  let universe = universes.get(events);
  if (!universe) universes.set(events, (universe = new EventUniverse(events)));
  return universe;
}

const resolverCache = new WeakMap<WorkspaceIndex, { generation: number; events: EventCatalog; resolver: EventTypeResolver }>();
