/**
 * Documentation for a completion candidate, computed only when the editor shows it (`completionItem/resolve`).
 * It is the hover of the same thing: fields, operators, event types and ATT&CK tags use the hover renderers;
 * macros and lists show their effective condition and items in load order.
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { effectiveList, effectiveMacro } from '../hover/effective';
import { describeField } from '../hover/fieldHover';
import { attackHover, eventHover, operatorHover } from '../hoverFacts';
import type { CandidateData } from './types';

function fence(text: string): string {
  return '```\n' + text.replace(/```/g, '` ` `') + '\n```';
}

function macroDocumentation(index: WorkspaceIndex, name: string): string | undefined {
  const macro = effectiveMacro(index, name);
  if (macro.condition === undefined) return undefined;
  const text = macro.condition.trim();
  const changes = macro.contributions.length;
  return fence(text.length > 600 ? `${text.slice(0, 600)} …` : text) + (changes > 1 ? `\n\n${changes} items define or change it.` : '');
}

function listDocumentation(index: WorkspaceIndex, name: string): string | undefined {
  const items = effectiveList(index, name).items;
  if (items === undefined) return undefined;
  const shown = items.slice(0, 40).join(', ');
  return `${items.length} item${items.length === 1 ? '' : 's'}: ${fence(items.length > 40 ? `${shown}, …` : shown)}`;
}

export interface ResolvedDocumentation {
  readonly markdown?: string;
}

export function resolveCandidate(data: CandidateData, index: WorkspaceIndex, catalogs: Catalogs): ResolvedDocumentation {
  switch (data.kind) {
    case 'field': {
      const field = catalogs.fields.lookupAnySource(data.name);
      return field ? { markdown: describeField(field, catalogs.fields) } : {};
    }
    case 'macro':
      return { markdown: macroDocumentation(index, data.name) };
    case 'list':
      return { markdown: listDocumentation(index, data.name) };
    case 'event':
      return { markdown: eventHover(catalogs.events, data.name) };
    case 'technique':
    case 'tactic':
      return { markdown: attackHover(catalogs.attack, data.name) };
    case 'operator':
      return { markdown: operatorHover(data.name, undefined) };
    default:
      return {};
  }
}
