/**
 * Candidates inside conditions and outputs: fields of the item's event sources (ranked by how often the
 * workspace uses them), operators valid for the field's type, event types after `evt.type`, event parameters
 * after `evt.arg.`, macro and list names, `and`/`or`/`not`, transformers.
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { FieldInfo } from '../../semantic/catalogs/fieldTypes';
import { allowedOperators } from '../../semantic/typecheck/operators';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { getConditionVocabulary, TRANSFORMERS } from '../../syntax/condition/lexer';
import { sortKey, type Candidate } from './types';
import { fieldUsage } from './usage';

const ARG_SNIPPETS: Readonly<Record<string, string>> = {
  index: '[${1:0}]',
  key: '[${1:key}]',
  indexOrKey: '[${1:0}]',
  path: '[${1:/path}]',
  dotKey: '.${1:name}',
  indexOrDotKey: '.${1:name}',
};

function fieldDetail(field: FieldInfo): string {
  return `${field.type}${field.isList ? ' list' : ''}`;
}

/** Fields usable with any of `sources`, for a condition (`output` leaves out filter-only fields). */
export function fieldCandidates(index: WorkspaceIndex, catalogs: Catalogs, sources: readonly string[], where: 'condition' | 'output', plugins: readonly string[] | undefined): Candidate[] {
  const usage = fieldUsage(index);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const source of sources) {
    for (const field of catalogs.fields.fieldsForSource(source)) {
      if (seen.has(field.name) || field.hidden) continue;
      if (where === 'output' ? field.filterOnly : field.printOnly) continue;
      if (plugins && field.origin === 'builtin' && !field.providers.some((provider) => provider === 'libsinsp' || plugins.includes(provider))) continue;
      seen.add(field.name);
      const count = usage.get(field.name) ?? 0;
      // Used fields first (most used first), then the others by name; deprecated ones last.
      const group = field.deprecated ? 9 : count > 0 ? 0 : 1;
      const rank = count > 0 ? String(99999 - Math.min(count, 99999)).padStart(5, '0') : '';
      const argument = field.arg.required ? ARG_SNIPPETS[field.arg.form] : undefined;
      candidates.push({
        label: field.name,
        kind: 'field',
        detail: fieldDetail(field),
        sortText: sortKey(group, rank + field.name),
        insertText: argument ? `${field.name}${argument}` : undefined,
        snippet: argument !== undefined,
        deprecated: field.deprecated,
        resolvable: true,
      });
    }
  }
  return candidates;
}

/** Operators for a field (all of them when the field or its type is unknown). */
export function operatorCandidates(catalogs: Catalogs, fieldToken: string, source: string): Candidate[] {
  const resolved = catalogs.fields.resolveFieldToken(fieldToken.replace(/\[.*$/, ''), source) ?? catalogs.fields.resolveFieldToken(fieldToken.replace(/\[.*$/, ''));
  const field = resolved?.field;
  const allowed = field ? allowedOperators({ type: field.type, isList: field.isList }) : undefined;
  const all = getConditionVocabulary().operators.map((operator) => operator.name);
  const names = allowed ? all.filter((name) => allowed.includes(name)) : all;
  return names.map((name, position) => ({
    label: name,
    kind: 'operator',
    sortText: sortKey(name === '=' || name === 'in' ? 0 : 1, String(position).padStart(2, '0')),
    insertText: name === 'in' || name === 'intersects' || name === 'pmatch' ? `${name} (\${1})` : `${name} `,
    snippet: true,
    resolvable: true,
    retrigger: name === 'in' || name === '=' || name === 'intersects',
  }));
}

export function eventTypeCandidates(catalogs: Catalogs, exclude: readonly string[]): Candidate[] {
  const skip = new Set(exclude);
  return catalogs.events
    .eventNames()
    .filter((name) => !skip.has(name))
    .map((name) => {
      const info = catalogs.events.info(name);
      return { label: name, kind: 'event', detail: info?.syscall ? 'system call' : 'event', sortText: sortKey(info?.syscall ? 0 : 1, name), resolvable: true };
    });
}

export function paramCandidates(params: readonly string[], prefix: string): Candidate[] {
  return params.map((name) => ({ label: prefix + name, kind: 'param', detail: 'event parameter', sortText: sortKey(0, name), filterText: prefix + name }));
}

export function macroCandidates(index: WorkspaceIndex, exclude?: string): Candidate[] {
  return index
    .declaredNames('macro')
    .filter((name) => name !== exclude)
    .map((name) => ({ label: name, kind: 'macro', sortText: sortKey(2, name), resolvable: true }));
}

export function listCandidates(index: WorkspaceIndex, exclude: readonly string[] = []): Candidate[] {
  const skip = new Set(exclude);
  return index
    .declaredNames('list')
    .filter((name) => !skip.has(name))
    .map((name) => ({ label: name, kind: 'list', sortText: sortKey(3, name), resolvable: true }));
}

export function keywordCandidates(words: readonly string[], group = 4): Candidate[] {
  return words.map((word, position) => ({ label: word, kind: 'keyword', sortText: sortKey(group, String(position)), insertText: `${word} `, retrigger: true }));
}

export function transformerCandidates(): Candidate[] {
  return TRANSFORMERS.map((name) => ({ label: name, kind: 'transformer', detail: 'transformer', sortText: sortKey(8, name), insertText: `${name}(\${1})`, snippet: true }));
}
