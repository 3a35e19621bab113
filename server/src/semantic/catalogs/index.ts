/**
 * Entry point of the language-fact catalogs (fields, event types, ATT&CK) and the factory that wires them
 * together with the bundled data.
 */
import { AttackCatalog } from './attackCatalog';
import { EventCatalog, type EventCatalogOptions } from './eventCatalog';
import { FieldCatalog } from './fieldCatalog';
import type { FieldInfo } from './fieldTypes';

export * from './fieldCatalog';
export * from './eventCatalog';
export * from './attackCatalog';

export interface Catalogs {
  readonly fields: FieldCatalog;
  readonly events: EventCatalog;
  readonly attack: AttackCatalog;
}

export interface DefaultCatalogOptions extends EventCatalogOptions {
  /** Fields to add to the built-in ones, e.g. from parseFalcoFieldList. */
  readonly extraFields?: readonly FieldInfo[];
}

/** Catalogs from the bundled data; `evt.arg.<name>` and `evt.type.is.<name>` are checked against the events. */
export function createDefaultCatalogs(options: DefaultCatalogOptions = {}): Catalogs {
  const events = new EventCatalog(options);
  let fields = FieldCatalog.builtin({
    isEventParam: (name) => events.isEventParam(name),
    isEventTableName: (name) => events.isEventTableName(name),
  });
  if (options.extraFields && options.extraFields.length > 0) fields = fields.withExtraFields(options.extraFields);
  return { fields, events, attack: new AttackCatalog() };
}
