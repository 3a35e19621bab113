/**
 * Hover on a field of a condition or output: type, event sources, the plugin (or libsinsp) that provides it,
 * its argument form with an example, flags (list-valued, filter- or print-only, deprecated), the Falco releases
 * that have it when not all do, its description, and for `evt.arg.<name>` / `evt.arg[N]` what the argument reads.
 */
import type { EventCatalog } from '../../semantic/catalogs/eventCatalog';
import type { FieldCatalog } from '../../semantic/catalogs/fieldCatalog';
import type { ArgDomain, ArgForm, FieldInfo, ResolvedFieldToken } from '../../semantic/catalogs/fieldTypes';
import { EventTypeResolver } from '../../semantic/evttypes';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { walkCondition } from '../../syntax/condition/ast';
import { toSourceSpan } from '../../syntax/embeddedText';
import { conditionSourceSpan } from '../../syntax/rulesFile';
import type { Span } from '../../syntax/span';
import { sourceOf, type Target } from '../locate';
import { eventParamLine } from './eventParams';
import { inlineCode, inlineList, plainText } from './markdown';

type FieldTarget = Extract<Target, { type: 'field' }>;

const argumentForms: Record<ArgForm, (name: string) => string> = {
  none: () => '',
  index: (name) => `${inlineCode(`${name}[N]`)} (N a number)`,
  key: (name) => inlineCode(`${name}[name]`),
  indexOrKey: (name) => `${inlineCode(`${name}[N]`)} or ${inlineCode(`${name}[name]`)}`,
  path: (name) => `${inlineCode(`${name}[/pointer]`)} (a JSON pointer)`,
  dotKey: (name) => inlineCode(`${name}.<name>`),
  indexOrDotKey: (name) => `${inlineCode(`${name}[N]`)} or ${inlineCode(`${name}.<name>`)}`,
};

const domainExamples: Record<ArgDomain, (name: string) => string> = {
  eventParam: (name) => `${name}.fd`,
  eventType: (name) => `${name}.open`,
  cgroupSubsystem: (name) => `${name}.cpu`,
  envVar: (name) => `${name}[HOME]`,
  jsonPointer: (name) => `${name}[/user/name]`,
};

function argumentLine(field: FieldInfo): string {
  const { form, required, domain, values } = field.arg;
  if (form === 'none') return 'takes no argument';
  let line = `argument: ${argumentForms[form]?.(field.name) ?? form}, ${required ? 'required' : 'optional'}`;
  if (values && values.length > 0) line += ` — one of ${inlineList(values)}`;
  else if (domain && domainExamples[domain]) line += ` — e.g. ${inlineCode(domainExamples[domain](field.name))}`;
  return line;
}

function providersLine(field: FieldInfo, catalog: FieldCatalog): string | undefined {
  if (field.providers.length === 0) return field.origin === 'extra' ? 'from the configured field list' : undefined;
  const builtin = field.providers.filter((name) => name === 'libsinsp' || catalog.provider(name)?.kind === 'builtin');
  const plugins = field.providers.filter((name) => !builtin.includes(name));
  const parts: string[] = [];
  if (builtin.length > 0) parts.push(`built in (${builtin.join(', ')})`);
  if (plugins.length > 0) parts.push(`${plugins.length === 1 ? 'plugin' : 'plugins'} ${inlineList(plugins, 8)}`);
  return `provided by: ${parts.join(' and ')}`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Which Falco releases have the field, when not every release the catalog covers does. */
export function versionsLine(field: FieldInfo, catalog: FieldCatalog): string | undefined {
  const libs = field.libsVersions;
  if (!libs) return undefined;
  const map = catalog.data.falcoLibsVersions;
  const releases = Object.keys(map).sort(compareVersions);
  const having = releases.filter((falco) => libs.includes(map[falco]));
  const released = libs.filter((version) => version !== 'master');
  const libsText = released.length > 0 ? `libs ${released.join(', ')}` : 'libs';
  if (having.length === 0) return libs.includes('master') ? 'not in a Falco release yet (only in the libs development branch)' : `only in ${libsText}`;
  if (having.length === releases.length) return undefined;
  const first = releases.indexOf(having[0]);
  if (first + having.length === releases.length && having.every((falco, offset) => releases[first + offset] === falco)) {
    return `available in Falco ${having[0]} and later (libs ${map[having[0]]} and later)`;
  }
  if (having[0] === releases[0] && having.every((falco, offset) => releases[offset] === falco)) {
    return `available up to Falco ${having[having.length - 1]} (removed later)`;
  }
  return `available in Falco ${having.join(', ')} only`;
}

/** The markdown for a catalog field; `usage` (what the hovered argument reads) comes last. */
export function describeField(field: FieldInfo, catalog: FieldCatalog, usage?: string): string {
  const parts = [`**field** ${inlineCode(field.name)} — ${inlineCode(`${field.type}${field.isList ? '[]' : ''}`)}`];
  if (field.desc) parts.push(field.origin === 'builtin' ? field.desc : plainText(field.desc));
  const facts: string[] = [];
  facts.push(`event sources: ${field.sources.map((source) => (source === '*' ? 'any' : inlineCode(source))).join(', ')}`);
  const providers = providersLine(field, catalog);
  if (providers) facts.push(providers);
  facts.push(argumentLine(field));
  if (field.isList) facts.push('list-valued: compare with `in` / `intersects`');
  if (field.filterOnly) facts.push('conditions only (not in outputs)');
  if (field.printOnly) facts.push('outputs only (not in conditions)');
  if (field.aliasOf) facts.push(`another name of ${inlineCode(field.aliasOf)}`);
  if (field.deprecated) {
    let line = 'deprecated';
    if (field.deprecatedBy) line += `, use ${inlineCode(field.deprecatedBy)}`;
    if (field.replacedByPlugin) line += `; the ${inlineCode(field.replacedByPlugin)} plugin provides this data now`;
    facts.push(line);
  }
  const versions = versionsLine(field, catalog);
  if (versions) facts.push(versions);
  parts.push(facts.map((fact) => `- ${fact}`).join('\n'));
  if (usage) parts.push(usage);
  return parts.join('\n\n');
}

function sameSpan(a: Span | null, b: Span): boolean {
  return a !== null && a.start === b.start && a.end === b.end;
}

/** The raw bracket argument of the hovered field (`2` of `proc.aname[2]`), if it has one. */
function bracketArgument(target: FieldTarget): string | undefined {
  const item = target.item;
  if (target.inOutput) {
    const output = item.output;
    if (!output) return undefined;
    const token = output.parsed.tokens.find((entry) => entry.kind === 'field' && sameSpan(toSourceSpan(output.scalar.text, entry.nameSpan), target.span));
    return token && token.kind === 'field' ? token.arg?.raw : undefined;
  }
  const condition = item.condition;
  if (!condition?.parsed.ast) return undefined;
  let raw: string | undefined;
  walkCondition(condition.parsed.ast, (node) => {
    if (raw !== undefined || node.kind !== 'field' || !node.arg) return;
    if (sameSpan(conditionSourceSpan(condition, node.nameSpan), target.span)) raw = node.arg.raw;
  });
  return raw;
}

/** Event types the condition of the hovered item matches, when it restricts them (a rule or a macro). */
function matchedEventTypes(index: WorkspaceIndex, events: EventCatalog, target: FieldTarget): string[] | undefined {
  const item = target.item;
  if (item.name === null || (item.kind !== 'rule' && item.kind !== 'macro')) return undefined;
  const resolver = EventTypeResolver.for(index, events);
  const result = item.kind === 'rule' ? resolver.ofRule(item.name) : resolver.ofMacro(item.name);
  return result && !result.set.isAll ? result.set.names() : undefined;
}

export function fieldHover(index: WorkspaceIndex, catalogs: { readonly fields: FieldCatalog; readonly events: EventCatalog }, target: FieldTarget): string | undefined {
  const catalog = catalogs.fields;
  const argument = bracketArgument(target);
  const token = argument === undefined ? target.name : `${target.name}[${argument}]`;
  const source = sourceOf(target.item);
  const resolved: ResolvedFieldToken | undefined = (source ? catalog.resolveFieldToken(token, source) : undefined) ?? catalog.resolveFieldToken(token);
  if (!resolved) return undefined;
  let usage: string | undefined;
  if (resolved.field.arg.domain === 'eventParam' && resolved.argument) {
    usage = eventParamLine(catalogs.events, resolved.field.name, resolved.argument, () => matchedEventTypes(index, catalogs.events, target));
  }
  return describeField(resolved.field, catalog, usage);
}
