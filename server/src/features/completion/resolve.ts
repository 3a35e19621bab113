/**
 * Documentation for a completion candidate, computed only when the editor shows it (`completionItem/resolve`):
 * a field's type, sources, argument and description; a macro's condition; a list's items; an event's
 * parameters; an ATT&CK technique's or tactic's name, tactics and link.
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { FieldInfo } from '../../semantic/catalogs/fieldTypes';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { getPair } from '../../syntax/yaml/tree';
import type { CandidateData } from './types';

const ARG_EXAMPLES: Readonly<Record<string, string>> = {
  index: '[N]',
  key: '[key]',
  indexOrKey: '[N] or [key]',
  path: '[/json/pointer]',
  dotKey: '.name',
  indexOrDotKey: '[N] or .name',
};

function fence(text: string): string {
  return '```\n' + text.replace(/```/g, '` ` `') + '\n```';
}

function fieldDocumentation(field: FieldInfo): string {
  const lines: string[] = [];
  if (field.desc) lines.push(field.desc);
  const facts = [`\`${field.type}${field.isList ? '` list' : '`'}`];
  facts.push(field.sources.includes('*') ? 'every source' : `source ${field.sources.map((source) => `\`${source}\``).join(', ')}`);
  const plugins = field.providers.filter((provider) => provider !== 'libsinsp');
  if (plugins.length > 0) facts.push(`plugin ${plugins.map((plugin) => `\`${plugin}\``).join(', ')}`);
  if (field.arg.form !== 'none') facts.push(`argument \`${field.name}${ARG_EXAMPLES[field.arg.form] ?? ''}\`${field.arg.required ? ' (required)' : ''}`);
  lines.push(facts.join(' · '));
  const flags: string[] = [];
  if (field.filterOnly) flags.push('conditions only');
  if (field.printOnly) flags.push('outputs only');
  if (field.deprecated) flags.push(`deprecated${field.deprecatedBy ? `: use \`${field.deprecatedBy}\`` : ''}`);
  if (flags.length > 0) lines.push(flags.join(' · '));
  return lines.join('\n\n');
}

function macroDocumentation(index: WorkspaceIndex, name: string): string | undefined {
  const locations = index.declarationsOf('macro', name);
  const definition = [...locations].reverse().find((location) => location.declaration.mode === 'define') ?? locations[0];
  const condition = definition?.file.syntax.items[definition.declaration.itemIndex]?.condition;
  if (!condition) return undefined;
  const text = condition.scalar.text.value.trim();
  return fence(text.length > 600 ? `${text.slice(0, 600)} …` : text) + (locations.length > 1 ? `\n\n${locations.length} items define or change it.` : '');
}

function listDocumentation(index: WorkspaceIndex, name: string): string | undefined {
  const items: string[] = [];
  for (const location of index.declarationsOf('list', name)) {
    const map = location.file.syntax.items[location.declaration.itemIndex]?.map;
    const value = map ? getPair(map, 'items')?.value : undefined;
    if (location.declaration.mode === 'define' || location.declaration.mode === 'replace') items.length = 0;
    if (value?.kind === 'seq') for (const entry of value.items) if (entry?.kind === 'scalar') items.push(entry.value);
  }
  const shown = items.slice(0, 40).join(', ');
  return `${items.length} item${items.length === 1 ? '' : 's'}: ${fence(items.length > 40 ? `${shown}, …` : shown)}`;
}

export interface ResolvedDocumentation {
  readonly detail?: string;
  readonly markdown?: string;
}

export function resolveCandidate(data: CandidateData, index: WorkspaceIndex, catalogs: Catalogs, describeOperator?: (name: string) => string | undefined): ResolvedDocumentation {
  switch (data.kind) {
    case 'field': {
      const field = catalogs.fields.lookupAnySource(data.name);
      return field ? { markdown: fieldDocumentation(field) } : {};
    }
    case 'macro':
      return { markdown: macroDocumentation(index, data.name) };
    case 'list':
      return { markdown: listDocumentation(index, data.name) };
    case 'event': {
      const params = catalogs.events.paramsOf(data.name) ?? [];
      return { markdown: params.length > 0 ? `Parameters (\`evt.arg.<name>\`): ${params.map((param) => `\`${param}\``).join(', ')}` : 'No parameters.' };
    }
    case 'technique': {
      const technique = catalogs.attack.technique(data.name);
      if (!technique) return {};
      const tactics = catalogs.attack.tacticsOf(technique).map((tactic) => `\`${tactic.tag}\` (${tactic.name})`).join(', ');
      return { markdown: `**${technique.id}** ${technique.name}\n\nTactics: ${tactics || 'none'}\n\n[${technique.url}](${technique.url})` };
    }
    case 'tactic': {
      const tactic = catalogs.attack.tacticForTag(data.name);
      return tactic ? { markdown: `**${tactic.id}** ${tactic.name}\n\n[${tactic.url}](${tactic.url})` } : {};
    }
    case 'operator':
    case 'transformer': {
      const markdown = describeOperator?.(data.name);
      return markdown ? { markdown } : {};
    }
    default:
      return {};
  }
}
