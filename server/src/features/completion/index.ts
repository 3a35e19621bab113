/**
 * Completion: finds what is being written at the cursor (a key, a closed-set value, a condition, an output
 * field, an exception entry, a tag) and offers exactly what is valid there, ranked. Works on half-written text:
 * the YAML structure comes from indentation (yamlOutline.ts), conditions from a prefix scan (conditionState.ts).
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { LoadModel } from '../../semantic/loadModel';
import type { IndexedFile, WorkspaceIndex } from '../../semantic/workspaceIndex';
import { ITEM_KINDS, type ItemKind, type OverridableKind } from '../../syntax/itemKeys';
import type { RulesItem } from '../../syntax/rulesFile';
import { getPair } from '../../syntax/yaml/tree';
import { conditionCompletions, outputCompletions, readEmbeddedPrefix } from './embedded';
import { exceptionCompletions } from './exceptionItems';
import {
  booleanCandidates,
  exceptionKeyCandidates,
  itemKeyCandidates,
  itemKindCandidates,
  overrideKeyCandidates,
  overrideOperations,
  pluginRequirementKeyCandidates,
  priorityCandidates,
  valueCandidates,
} from './keyItems';
import { listCandidates } from './conditionItems';
import { tagCandidates } from './tagItems';
import type { Candidate, CompletionResult } from './types';
import { readOutline, type Outline } from './yamlOutline';

export type { Candidate, CandidateKind, CompletionResult } from './types';
export { resolveCandidate } from './resolve';

export interface CompletionEnvironment {
  readonly index: WorkspaceIndex;
  readonly model: LoadModel;
  readonly catalogs: Catalogs;
  /** Plugins Falco loads (undefined: all known). */
  readonly plugins: readonly string[] | undefined;
}

/** Boolean keys and the value offered first (`enabled` is mostly written to turn a rule off). */
const BOOLEAN_KEYS: Readonly<Record<string, 'true' | 'false'>> = { enabled: 'false', append: 'true', 'skip-if-unknown-filter': 'true', warn_evttypes: 'true', capture: 'true' };

/** The item the cursor is in: the last item starting before the cursor's line. */
function itemBefore(file: IndexedFile | undefined, offset: number): RulesItem | undefined {
  const items = file?.syntax.items ?? [];
  let low = 0;
  let high = items.length - 1;
  let found: RulesItem | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle].span.start <= offset) {
      found = items[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function kindOf(item: RulesItem | undefined, outline: Outline): ItemKind | undefined {
  const fromSiblings = ITEM_KINDS.find((kind) => outline.siblingKeys.has(kind));
  if (fromSiblings) return fromSiblings;
  return item && item.kind !== 'unknown' && item.kind !== 'invalid' ? item.kind : undefined;
}

function result(start: number, end: number, candidates: readonly Candidate[], incomplete = false): CompletionResult {
  return { replace: { start, end }, candidates, incomplete };
}

function presentTags(item: RulesItem | undefined, exclude: { start: number; end: number }): string[] {
  const tags = item?.map ? getPair(item.map, 'tags')?.value : undefined;
  if (tags?.kind !== 'seq') return [];
  return tags.items.filter((tag) => tag?.kind === 'scalar' && !tag.isNull && (tag.span.end < exclude.start || tag.span.start > exclude.end)).map((tag) => (tag?.kind === 'scalar' ? tag.value : ''));
}

/** The word being typed in a flow or block sequence entry: from after `[`, `,` or `- ` to the cursor. */
function sequenceWord(text: string, lineStart: number, offset: number): { start: number; word: string } {
  let start = offset;
  while (start > lineStart && !/[[,\s"']/.test(text[start - 1])) start--;
  return { start, word: text.slice(start, offset) };
}

export function getCompletions(environment: CompletionEnvironment, text: string, file: IndexedFile | undefined, offset: number): CompletionResult | null {
  const item = itemBefore(file, offset);
  const embedded = item ? readEmbeddedPrefix(item, offset) : undefined;
  if (embedded?.kind === 'condition' && item) return conditionCompletions(environment, item, embedded);
  if (embedded?.kind === 'output' && item) return outputCompletions(environment, item, embedded);

  const outline = readOutline(text, offset);
  const { line, levels } = outline;
  const innermost = levels[levels.length - 1];
  const depth = levels.length;
  const kind = kindOf(item, outline);
  const indent = ' '.repeat(line.type === 'key' || line.type === 'value' ? line.column : 0);
  const lineIndent = /^ */.exec(text.slice(outline.lineStart, offset))![0].length;

  if (line.type === 'key') {
    // A new top-level entry (`- ` at column 0), or an empty document line.
    if (depth === 0 && !line.dash && line.column === 0) {
      return result(line.prefixStart, offset, itemKindCandidates().map((candidate) => ({ ...candidate, insertText: `- ${candidate.insertText}` })));
    }
    if (line.dash && lineIndent === 0) {
      return result(line.prefixStart, offset, itemKindCandidates());
    }
    if (depth === 1 && innermost.key === null) return result(line.prefixStart, offset, itemKeyCandidates(kind, outline.siblingKeys, indent));
    if (depth === 2 && innermost.key === 'override') return result(line.prefixStart, offset, overrideKeyCandidates(kind as OverridableKind, outline.siblingKeys));
    if (depth === 2 && innermost.key === 'exceptions' && innermost.inSequence) return result(line.prefixStart, offset, exceptionKeyCandidates(outline.siblingKeys, indent));
    if (depth === 2 && innermost.key === 'required_plugin_versions') return result(line.prefixStart, offset, pluginRequirementKeyCandidates(outline.siblingKeys));
  }

  // Sequence entries and flow sequences: tags, list items, exception fields/comps/values.
  const entryKey = line.type === 'value' ? line.key : innermost?.key;
  const inTags = (line.type === 'value' && line.key === 'tags' && depth === 1) || (depth === 2 && innermost.key === 'tags' && line.type !== 'value');
  if (inTags) {
    const { start, word } = sequenceWord(text, outline.lineStart, offset);
    const tags = tagCandidates(environment.index, environment.catalogs.attack, word, presentTags(item, { start, end: offset }));
    return result(start, offset, tags.candidates, tags.incomplete);
  }
  const inExceptions = (depth === 2 && innermost.key === 'exceptions') || (depth === 3 && levels[1].key === 'exceptions');
  if (inExceptions && item && entryKey) {
    const { start } = sequenceWord(text, outline.lineStart, offset);
    return exceptionCompletions(environment, item, entryKey, start, offset);
  }
  const inItems = (line.type === 'value' && line.key === 'items' && depth === 1) || (depth === 2 && innermost.key === 'items' && line.type !== 'value');
  if (inItems && kind === 'list') {
    const { start } = sequenceWord(text, outline.lineStart, offset);
    return result(start, offset, listCandidates(environment.index, item?.name ? [item.name] : []));
  }

  if (line.type === 'value') {
    const valueStart = line.valueStart;
    if (text.slice(valueStart, offset).includes(' ') && line.key !== 'condition') return null;
    if (depth === 1 && innermost.key === null) {
      if (line.key === 'priority') return result(valueStart, offset, priorityCandidates());
      if (line.key === 'source') return result(valueStart, offset, valueCandidates(environment.catalogs.fields.sources()));
      if (line.key in BOOLEAN_KEYS) return result(valueStart, offset, booleanCandidates(BOOLEAN_KEYS[line.key]));
      if (line.key === 'condition' && item) return conditionCompletions(environment, item, { kind: 'condition', prefix: text.slice(valueStart, offset), toSource: (local) => valueStart + local });
    }
    if (depth === 2 && innermost.key === 'override' && kind && kind !== 'required_engine_version' && kind !== 'required_plugin_versions') {
      return result(valueStart, offset, valueCandidates(overrideOperations(kind, line.key)));
    }
  }
  return null;
}
