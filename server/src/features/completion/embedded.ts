/**
 * Completion inside a condition or an output: the cooked text before the cursor (escapes decoded, folded lines
 * joined, exactly what Falco parses) decides what comes next; replace ranges map back to source characters.
 */
import { EventTypeResolver } from '../../semantic/evttypes';
import { walkCondition } from '../../syntax/condition/ast';
import { toSourceOffset, toValueOffset } from '../../syntax/embeddedText';
import type { RulesItem } from '../../syntax/rulesFile';
import { getScalar } from '../../syntax/yaml/tree';
import type { CompletionEnvironment } from './index';
import {
  eventTypeCandidates,
  fieldCandidates,
  keywordCandidates,
  listCandidates,
  macroCandidates,
  operatorCandidates,
  paramCandidates,
  transformerCandidates,
} from './conditionItems';
import { readConditionPrefix } from './conditionState';
import { booleanCandidates } from './keyItems';
import type { Candidate, CompletionResult } from './types';

export interface EmbeddedPrefix {
  readonly kind: 'condition' | 'output';
  /** The value text before the cursor. */
  readonly prefix: string;
  /** Maps an offset of `prefix` to a document offset. */
  readonly toSource: (local: number) => number;
}

/** The condition or output scalar holding the cursor, with the cooked text before it. */
export function readEmbeddedPrefix(item: RulesItem, offset: number): EmbeddedPrefix | undefined {
  for (const [kind, embedded] of [['condition', item.condition], ['output', item.output]] as const) {
    const scalar = embedded?.scalar;
    if (!scalar || scalar.isNull || offset < scalar.span.start || offset > scalar.span.end) continue;
    const local = toValueOffset(scalar.text, offset);
    if (local < 0) continue;
    // A closing quote is part of the span but not of the value: after it, nothing is being written.
    if ((scalar.style === 'double' || scalar.style === 'single') && offset === scalar.span.end) return undefined;
    return { kind, prefix: scalar.text.value.slice(0, local), toSource: (position) => toSourceOffset(scalar.text, position) };
  }
  return undefined;
}

/** Event sources the item's fields come from: the rule's source, or the sources of the rules using a macro. */
function sourcesOf(environment: CompletionEnvironment, item: RulesItem): string[] {
  if (item.kind === 'rule' && item.map) {
    const source = getScalar(item.map, 'source');
    if (source && !source.isNull) return [source.value];
    if (item.name && (item.legacyAppend || item.override)) {
      const definition = environment.index.declarationsOf('rule', item.name).find((location) => location.declaration.mode === 'define');
      const defined = definition?.file.syntax.items[definition.declaration.itemIndex]?.map;
      const definedSource = defined ? getScalar(defined, 'source') : undefined;
      if (definedSource && !definedSource.isNull) return [definedSource.value];
    }
    return ['syscall'];
  }
  if (item.kind === 'macro' && item.name) {
    const sources = [...environment.model.sourcesUsingMacro(item.name)];
    return sources.length > 0 ? sources.sort() : ['syscall'];
  }
  return ['syscall'];
}

/** The event types the item's condition restricts to (written `evt.type` checks, else the rule's resolved set). */
function restrictedEvents(environment: CompletionEnvironment, item: RulesItem): string[] {
  const written = new Set<string>();
  const ast = item.condition?.parsed.ast;
  if (ast) {
    walkCondition(ast, (node) => {
      if (node.kind !== 'check' || node.left.kind !== 'field' || node.left.name !== 'evt.type' || !node.right) return;
      if (node.operator.name !== '=' && node.operator.name !== 'in') return;
      const values = node.right.kind === 'list' ? node.right.items : node.right.kind === 'value' ? [node.right] : [];
      for (const value of values) written.add(value.value);
    });
  }
  if (written.size === 0 && item.name && (item.kind === 'rule' || item.kind === 'macro')) {
    const resolver = EventTypeResolver.for(environment.index, environment.catalogs.events);
    const resolved = item.kind === 'rule' ? resolver.ofRule(item.name) : resolver.ofMacro(item.name);
    if (resolved && !resolved.set.isAll && !resolved.set.isEmpty) return resolved.set.names();
  }
  return [...written];
}

function paramsFor(environment: CompletionEnvironment, item: RulesItem): readonly string[] {
  const events = environment.catalogs.events;
  const params = new Set<string>();
  for (const event of restrictedEvents(environment, item)) for (const param of events.paramsOf(event) ?? []) params.add(param);
  return params.size > 0 ? [...params].sort() : events.allParamNames();
}

const BOOLEAN_TYPES = new Set(['bool']);

export function conditionCompletions(environment: CompletionEnvironment, item: RulesItem, embedded: EmbeddedPrefix): CompletionResult {
  const { expectation, word, wordStart } = readConditionPrefix(embedded.prefix);
  const start = embedded.toSource(wordStart);
  const end = embedded.toSource(embedded.prefix.length);
  const sources = sourcesOf(environment, item);
  const { catalogs, index } = environment;
  let candidates: Candidate[] = [];
  switch (expectation.type) {
    case 'operand': {
      const argPrefix = /^(evt\.(?:raw)?arg\.)/.exec(word)?.[1];
      if (argPrefix) {
        candidates = paramCandidates(paramsFor(environment, item), argPrefix);
        break;
      }
      candidates = [
        ...fieldCandidates(index, catalogs, sources, 'condition', environment.plugins),
        ...macroCandidates(index, item.kind === 'macro' ? (item.name ?? undefined) : undefined),
        ...keywordCandidates(['not']),
        ...transformerCandidates(),
      ];
      break;
    }
    case 'transformerArg':
      candidates = fieldCandidates(index, catalogs, sources, 'condition', environment.plugins);
      break;
    case 'operator':
      candidates = operatorCandidates(catalogs, expectation.field, sources[0]);
      break;
    case 'value': {
      if (expectation.field === 'evt.type' && ['=', '!=', '=='].includes(expectation.operator)) candidates = eventTypeCandidates(catalogs, []);
      else {
        const field = catalogs.fields.resolveFieldToken(expectation.field.replace(/\[.*$/, ''), sources[0])?.field;
        if (field && BOOLEAN_TYPES.has(field.type)) candidates = booleanCandidates('true');
      }
      break;
    }
    case 'listValue':
      candidates = expectation.field === 'evt.type' ? eventTypeCandidates(catalogs, expectation.written) : listCandidates(index, expectation.written);
      break;
    case 'connective':
      candidates = keywordCandidates(['and', 'or', 'and not', 'or not']);
      break;
    case 'none':
      break;
  }
  return { replace: { start, end }, candidates, incomplete: false };
}

export function outputCompletions(environment: CompletionEnvironment, item: RulesItem, embedded: EmbeddedPrefix): CompletionResult | null {
  const match = /%([A-Za-z0-9_.[\]/-]*)$/.exec(embedded.prefix);
  if (!match) return null;
  const wordStart = embedded.prefix.length - match[1].length;
  const candidates = fieldCandidates(environment.index, environment.catalogs, sourcesOf(environment, item), 'output', environment.plugins).map((candidate) => ({ ...candidate, retrigger: false }));
  return { replace: { start: embedded.toSource(wordStart), end: embedded.toSource(embedded.prefix.length) }, candidates, incomplete: false };
}

export { sourcesOf };
