/**
 * Types shared by the hover modules: what a hover returns, how a place is described to the reader, and the
 * catalogs a hover reads.
 */
import type { AttackCatalog } from '../../semantic/catalogs/attackCatalog';
import type { EventCatalog } from '../../semantic/catalogs/eventCatalog';
import type { FieldCatalog } from '../../semantic/catalogs/fieldCatalog';
import type { Span } from '../../syntax/span';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

/** Describes a place for the reader, e.g. "rules/base.yaml:12". */
export type DescribeLocation = (uri: string, span: Span) => string;

export interface HoverCatalogs {
  readonly fields: FieldCatalog;
  readonly events: EventCatalog;
  readonly attack: AttackCatalog;
}
