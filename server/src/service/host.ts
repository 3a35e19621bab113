/**
 * What the language service needs from its environment. The service does no I/O: the catalogs and any
 * presentation helpers come in through this host, so the node server, the CLI and tests can share it.
 */
import type { Catalogs } from '../semantic/catalogs';

export interface LanguageServiceHost {
  readonly catalogs: Catalogs;
  /** Reports an internal failure (a check that threw); the request still answers. */
  log?(message: string): void;
  /** A short, human-readable form of a URI for messages and hovers (e.g. relative to the workspace). */
  displayPath?(uri: string): string;
}
