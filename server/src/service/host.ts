/**
 * What the language service needs from its environment. The service does no I/O: the catalogs and any
 * presentation helpers come in through this host, so the node server, the CLI and tests can share it.
 */
import type { FieldCatalog } from '../semantic/catalogs/fieldCatalog';

export interface ServiceCatalogs {
  readonly fields: FieldCatalog;
}

export interface LanguageServiceHost {
  readonly catalogs: ServiceCatalogs;
  /** A short, human-readable form of a URI for messages and hovers (e.g. relative to the workspace). */
  displayPath?(uri: string): string;
}
