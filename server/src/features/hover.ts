/**
 * Hover: a macro shows its condition and where it is defined and modified; a list shows its items with nested
 * lists expanded; a field shows its type, event sources and argument form; a rule shows its description, and for
 * a syscall rule the event types its condition matches.
 */
import type { AttackCatalog } from '../semantic/catalogs/attackCatalog';
import type { EventCatalog } from '../semantic/catalogs/eventCatalog';
import type { FieldCatalog } from '../semantic/catalogs/fieldCatalog';
import { EventTypeResolver } from '../semantic/evttypes';
import type { FieldInfo } from '../semantic/catalogs/fieldTypes';
import type { DeclarationLocation, IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import type { Span } from '../syntax/span';
import { getPair, getScalar, type YNode } from '../syntax/yaml/tree';
import { getFactHover } from './hoverFacts';
import { findItemAt, locate, sourceOf, symbolOf, type Target } from './locate';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

/** Describes a place for the reader, e.g. "rules/base.yaml:12". */
export type DescribeLocation = (uri: string, span: Span) => string;

function codeBlock(text: string): string {
  return '```\n' + text.trim().replace(/```/g, '` ` `') + '\n```';
}

function itemOf(location: DeclarationLocation) {
  return location.file.syntax.items[location.declaration.itemIndex];
}

function listItems(location: DeclarationLocation): string[] {
  const items = itemOf(location)?.map ? getPair(itemOf(location).map!, 'items')?.value : undefined;
  if (!items || items.kind !== 'seq') return [];
  return items.items.filter((node): node is YNode => node !== null && node.kind === 'scalar').map((node) => (node.kind === 'scalar' ? node.value : ''));
}

function describeUpdates(locations: readonly DeclarationLocation[], describe: DescribeLocation): string[] {
  return locations.map((location, position) => {
    const { mode } = location.declaration;
    const what = mode === 'define' ? (position === 0 ? 'defined' : 'redefined') : mode === 'enable' ? 'enabled/disabled' : `${mode}`;
    return `- ${what} in \`${describe(location.file.uri, location.declaration.nameSpan)}\``;
  });
}

function macroHover(index: WorkspaceIndex, name: string, describe: DescribeLocation): string {
  const locations = index.declarationsOf('macro', name);
  if (locations.length === 0) return `**macro** \`${name}\`\n\nNot defined in the indexed rules files.`;
  const parts = [`**macro** \`${name}\``];
  const definitions = locations.filter((location) => location.declaration.mode === 'define');
  const shown = definitions.length > 0 ? definitions[definitions.length - 1] : locations[0];
  const condition = itemOf(shown)?.condition;
  if (condition) parts.push(codeBlock(condition.scalar.text.value));
  parts.push(describeUpdates(locations, describe).join('\n'));
  return parts.join('\n\n');
}

function expandList(index: WorkspaceIndex, name: string, seen: Set<string>, depth: number): string[] {
  const locations = index.declarationsOf('list', name);
  const lines: string[] = [];
  const items: string[] = [];
  for (const location of locations) {
    if (location.declaration.mode === 'define' || location.declaration.mode === 'replace') items.length = 0;
    items.push(...listItems(location));
  }
  for (const item of items) {
    const nested = index.declarationsOf('list', item);
    if (nested.length > 0 && !seen.has(item) && depth < 4) {
      seen.add(item);
      lines.push(`${'  '.repeat(depth)}- ${item} (list):`);
      lines.push(...expandList(index, item, seen, depth + 1));
    } else lines.push(`${'  '.repeat(depth)}- ${item}`);
  }
  return lines;
}

function listHover(index: WorkspaceIndex, name: string, describe: DescribeLocation): string | undefined {
  const locations = index.declarationsOf('list', name);
  if (locations.length === 0) return undefined;
  const items = expandList(index, name, new Set([name]), 0);
  const parts = [`**list** \`${name}\` (${items.filter((line) => !line.endsWith('(list):')).length} items)`];
  parts.push(items.length > 0 ? codeBlock(items.join('\n')) : '*empty list*');
  parts.push(describeUpdates(locations, describe).join('\n'));
  return parts.join('\n\n');
}

/** "matches 3 event types: execve, execveat, …" for a syscall rule, from the event-type resolver. */
function eventTypesLine(index: WorkspaceIndex, events: EventCatalog, name: string, from: { uri: string; itemIndex: number }): string | undefined {
  const result = EventTypeResolver.for(index, events).ofRule(name, from);
  if (!result) return undefined;
  if (result.set.isAll) return 'matches every event type (no `evt.type` restriction)';
  if (result.set.isEmpty) return 'matches no event type (its `evt.type` checks contradict each other)';
  const names = result.set.names();
  const shown = names.slice(0, 12).map((event) => `\`${event}\``).join(', ');
  return `${result.exact ? 'matches' : 'matches about'} ${names.length} event type${names.length === 1 ? '' : 's'}: ${shown}${names.length > 12 ? ', …' : ''}`;
}

function ruleHover(index: WorkspaceIndex, events: EventCatalog, name: string, describe: DescribeLocation): string {
  const locations = index.declarationsOf('rule', name);
  const parts = [`**rule** \`${name}\``];
  const definition = [...locations].reverse().find((location) => location.declaration.mode === 'define');
  const item = definition ? itemOf(definition) : undefined;
  if (item?.map && definition) {
    const desc = getScalar(item.map, 'desc');
    if (desc && !desc.isNull) parts.push(desc.value.trim());
    const facts: string[] = [];
    const priority = getScalar(item.map, 'priority');
    if (priority && !priority.isNull) facts.push(`priority \`${priority.value}\``);
    const source = sourceOf(item) ?? 'syscall';
    facts.push(`source \`${source}\``);
    parts.push(facts.join(' · '));
    if (source === 'syscall') {
      const line = eventTypesLine(index, events, name, { uri: definition.file.uri, itemIndex: definition.declaration.itemIndex });
      if (line) parts.push(line);
    }
  }
  parts.push(describeUpdates(locations, describe).join('\n'));
  return parts.join('\n\n');
}

const argumentForms: Record<string, string> = {
  none: 'takes no argument',
  index: 'argument: `[N]` (a number)',
  key: 'argument: `[name]`',
  indexOrKey: 'argument: `[N]` or `[name]`',
  path: 'argument: `[/json/pointer]`',
  dotKey: 'argument: `.name`',
  indexOrDotKey: 'argument: `[N]` or `.name`',
};

export function describeField(field: FieldInfo): string {
  const parts = [`**field** \`${field.name}\` — \`${field.type}${field.isList ? '[]' : ''}\``];
  if (field.desc) parts.push(field.desc);
  const facts: string[] = [];
  facts.push(`event sources: ${field.sources.map((source) => (source === '*' ? 'any' : `\`${source}\``)).join(', ')}`);
  if (field.providers.length > 0) facts.push(`provided by: ${field.providers.join(', ')}`);
  facts.push(`${argumentForms[field.arg.form] ?? field.arg.form}${field.arg.form !== 'none' ? (field.arg.required ? ' (required)' : ' (optional)') : ''}`);
  if (field.isList) facts.push('list-valued: compare with `in` / `intersects`');
  if (field.filterOnly) facts.push('conditions only (not in outputs)');
  if (field.deprecated) facts.push(`deprecated${field.deprecatedBy ? `, use \`${field.deprecatedBy}\`` : ''}`);
  parts.push(facts.map((fact) => `- ${fact}`).join('\n'));
  return parts.join('\n\n');
}

function fieldHover(catalog: FieldCatalog, target: Extract<Target, { type: 'field' }>): string | undefined {
  const source = sourceOf(target.item);
  const sources = source ? [source] : catalog.sources();
  for (const candidate of sources) {
    const resolved = catalog.resolveFieldToken(target.name, candidate);
    if (resolved) return describeField(resolved.field);
  }
  return undefined;
}

export function getHover(
  index: WorkspaceIndex,
  catalogs: { readonly fields: FieldCatalog; readonly events: EventCatalog; readonly attack: AttackCatalog },
  file: IndexedFile,
  offset: number,
  describe: DescribeLocation,
): HoverResult | undefined {
  const catalog = catalogs.fields;
  const target = locate(file, offset);
  if (!target || (target.type === 'reference' && target.reference.kind === 'list' && index.declarationsOf('list', target.reference.name).length === 0)) {
    // Not a workspace name: a tag, a priority, an operator or an event type may still have something to say.
    const item = findItemAt(file, offset);
    return item ? getFactHover(item, offset, catalogs) : undefined;
  }
  if (target.type === 'field') {
    const markdown = fieldHover(catalog, target);
    return markdown ? { markdown, span: target.span } : undefined;
  }
  const symbol = symbolOf(target);
  if (!symbol) return undefined;
  let markdown: string | undefined;
  if (symbol.kind === 'macro') markdown = macroHover(index, symbol.name, describe);
  else if (symbol.kind === 'list') markdown = listHover(index, symbol.name, describe);
  else markdown = ruleHover(index, catalogs.events, symbol.name, describe);
  return markdown ? { markdown, span: target.span } : undefined;
}
