/**
 * Completion inside a rule's `exceptions:` entries: field names of the rule's source in `fields`, operators an
 * exception accepts in `comps`, list names in `values`.
 */
import type { RulesItem } from '../../syntax/rulesFile';
import { fieldCandidates, listCandidates } from './conditionItems';
import { sourcesOf } from './embedded';
import type { CompletionEnvironment } from './index';
import { sortKey, type Candidate, type CompletionResult } from './types';

/** Operators an exception comp may use (falco-language.md §3.2), most common first. */
const EXCEPTION_COMPS = ['=', 'in', 'startswith', 'pmatch', 'contains', 'endswith', '!=', 'glob', 'iglob', 'icontains', 'regex', 'bcontains', 'bstartswith', 'intersects', 'exists', '<', '<=', '>', '>='];

export function exceptionCompletions(environment: CompletionEnvironment, item: RulesItem, key: string, start: number, end: number): CompletionResult | null {
  let candidates: Candidate[];
  if (key === 'fields') {
    candidates = fieldCandidates(environment.index, environment.catalogs, sourcesOf(environment, item), 'condition', environment.plugins).map((candidate) => ({ ...candidate, retrigger: false, insertText: undefined, snippet: false }));
  } else if (key === 'comps') {
    candidates = EXCEPTION_COMPS.map((comp, position) => ({ label: comp, kind: 'operator', sortText: sortKey(0, String(position).padStart(2, '0')), resolvable: true }));
  } else if (key === 'values') {
    candidates = listCandidates(environment.index);
  } else return null;
  return { replace: { start, end }, candidates, incomplete: false };
}
