/**
 * The event catalog: every value `evt.type` accepts for the syscall source, with each event's parameter names
 * (for `evt.arg.<name>`), kinds and categories. Built from the bundled generated data.
 */
import data from '../../data/eventTypes.generated.json';

export interface EventTypeInfo {
  readonly name: string;
  /** A system call (or an event produced by one), as opposed to a tracepoint, meta-event, plugin or iter event. */
  readonly syscall: boolean;
  /** syscall / tracepoint / metaevent / plugin / iter. Empty for syscalls without an event of their own. */
  readonly kinds: readonly string[];
  /** Lowercase category codes (`file`, `net`, `process`, `io_read`, …). */
  readonly categories: readonly string[];
  /** Parameter names usable as `evt.arg.<name>` / `evt.rawarg.<name>` for this event type. */
  readonly params: readonly string[];
  /** The syscall has no event of its own: it is reported through the generic event. */
  readonly generic: boolean;
  /** Events a syscall name is reported as when their names differ (`pread64` → `pread`). */
  readonly events: readonly string[];
  /** Only old event versions carry this name (kept for reading old captures). */
  readonly oldOnly: boolean;
}

interface GeneratedEvent {
  kinds: string[];
  categories: string[];
  syscall?: boolean;
  oldOnly?: boolean;
  unused?: boolean;
  params: string[];
}

interface GeneratedEventTypesFile {
  genericEvent: string;
  evtTypes: string[];
  allParamNames: string[];
  events: Record<string, GeneratedEvent>;
  syscallNames: Record<string, { syscall: boolean; generic?: boolean; events?: string[] }>;
}

export interface EventCatalogOptions {
  /** Extra `evt.type` values, e.g. async event names declared by loaded plugins. */
  readonly extraEventTypes?: readonly string[];
}

const file = data as unknown as GeneratedEventTypesFile;

export class EventCatalog {
  private readonly types: ReadonlySet<string>;
  private readonly names: readonly string[];
  private readonly params: ReadonlySet<string>;
  private readonly infoCache = new Map<string, EventTypeInfo | undefined>();

  constructor(options: EventCatalogOptions = {}) {
    const names = new Set([...file.evtTypes, ...(options.extraEventTypes ?? [])]);
    this.types = names;
    this.names = [...names].sort();
    this.params = new Set(file.allParamNames);
  }

  /** Whether `name` is accepted as an `evt.type` value. */
  isKnownEventType(name: string): boolean {
    return this.types.has(name);
  }

  /** Every accepted `evt.type` value, sorted. */
  eventNames(): readonly string[] {
    return this.names;
  }

  /** Parameter names of an `evt.type` value; undefined for unknown names. */
  paramsOf(eventName: string): readonly string[] | undefined {
    return this.info(eventName)?.params;
  }

  /** Whether `name` is a parameter of some event (what `evt.arg.<name>` accepts). */
  isEventParam(name: string): boolean {
    return this.params.has(name);
  }

  /** Every parameter name of every event, sorted. */
  allParamNames(): readonly string[] {
    return file.allParamNames;
  }

  /** Whether `name` is an event-table name (what `evt.type.is.<name>` accepts). */
  isEventTableName(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(file.events, name);
  }

  info(name: string): EventTypeInfo | undefined {
    if (!this.infoCache.has(name)) this.infoCache.set(name, this.computeInfo(name));
    return this.infoCache.get(name);
  }

  private computeInfo(name: string): EventTypeInfo | undefined {
    if (!this.types.has(name)) return undefined;
    const event = Object.prototype.hasOwnProperty.call(file.events, name) ? file.events[name] : undefined;
    if (event) {
      return {
        name,
        syscall: event.syscall === true,
        kinds: event.kinds,
        categories: event.categories,
        params: event.params,
        generic: false,
        events: [],
        oldOnly: event.oldOnly === true,
      };
    }
    const syscall = Object.prototype.hasOwnProperty.call(file.syscallNames, name) ? file.syscallNames[name] : undefined;
    if (!syscall) {
      // An extra (plugin) event type: nothing more is known about it.
      return { name, syscall: false, kinds: [], categories: [], params: [], generic: false, events: [], oldOnly: false };
    }
    const generic = syscall.generic === true;
    const events = syscall.events ?? [];
    const sourceEvents = (generic ? [file.genericEvent] : events).map((e) => file.events[e]).filter(Boolean);
    return {
      name,
      syscall: syscall.syscall,
      kinds: [...new Set(sourceEvents.flatMap((e) => e.kinds))].sort(),
      categories: [...new Set(sourceEvents.flatMap((e) => e.categories))].sort(),
      params: [...new Set(sourceEvents.flatMap((e) => e.params))].sort(),
      generic,
      events,
      oldOnly: false,
    };
  }
}
