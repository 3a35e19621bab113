/**
 * The syntax model of a Falco rules file: YAML documents → items (rule, macro, list, required_* or unknown),
 * with conditions and outputs parsed in place and every problem in document offsets. `parseRulesFile` never
 * throws. Item kinds follow the engine's dispatch order (falco-language.md §1.2).
 */
import { toSourceSpan } from './embeddedText';
import { ITEM_KINDS, type ItemKind } from './itemKeys';
import { parseCondition, type ParsedCondition } from './condition/parser';
import { parseOutputFormat, type ParsedOutput } from './output/outputFormat';
import type { SyntaxProblem } from './problems';
import type { Span } from './span';
import { parseChunk, parseYaml, type ChunkParser, type ChunkResult } from './yaml/parseYaml';
import { moveNode, moveProblems, moveSpan } from './yaml/shift';
import { getPair, getScalar, type YMap, type YNode, type YPair, type YScalar } from './yaml/tree';

export type { ItemKind };

/** A condition or output scalar and what was parsed from it. */
export interface EmbeddedCondition {
  readonly scalar: YScalar;
  /**
   * Number of leading characters of the parsed text that stand for the previous definition: an appended
   * condition (`and not …`) is parsed behind a placeholder identifier, as the engine parses it after the text
   * it extends. Nodes that end at or before this offset are synthetic.
   */
  readonly prefixLength: number;
  readonly parsed: ParsedCondition;
}

export interface EmbeddedOutput {
  readonly scalar: YScalar;
  readonly parsed: ParsedOutput;
}

export interface RulesItem {
  /** Position of the item in the file (0-based, across documents). */
  readonly index: number;
  readonly documentIndex: number;
  /** The sequence entry. */
  readonly node: YNode;
  /** `unknown`: a mapping without a kind key; `invalid`: an entry that is not a mapping. */
  readonly kind: ItemKind | 'unknown' | 'invalid';
  readonly map: YMap | null;
  /** The pair whose key decided the kind. */
  readonly kindPair: YPair | null;
  /** Name of a rule, macro or list (the scalar value of its kind key), or null. */
  readonly name: string | null;
  readonly nameNode: YScalar | null;
  readonly span: Span;
  /** `append: true` (legacy) is present. */
  readonly legacyAppend: boolean;
  /** The `override` mapping, when present. */
  readonly override: YMap | null;
  readonly condition: EmbeddedCondition | null;
  readonly output: EmbeddedOutput | null;
}

export interface RulesDocumentInfo {
  readonly documentIndex: number;
  readonly span: Span;
  readonly rootKind: 'sequence' | 'map' | 'scalar' | 'alias' | 'empty';
  readonly rootSpan: Span;
  /** The root node when the document is a mapping (a rules file written as a map by mistake). */
  readonly rootMap: YMap | null;
}

export interface RulesFileSyntax {
  readonly text: string;
  readonly documents: readonly RulesDocumentInfo[];
  readonly items: readonly RulesItem[];
  /** YAML, condition and output syntax problems, in document offsets. */
  readonly problems: readonly SyntaxProblem[];
}

const trueWords = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'y', 'Y']);

export function isYamlTrue(node: YNode | null | undefined): boolean {
  return Boolean(node && node.kind === 'scalar' && trueWords.has(node.value));
}

function kindOf(map: YMap): { kind: ItemKind | 'unknown'; pair: YPair | null } {
  for (const kind of ITEM_KINDS) {
    const pair = getPair(map, kind);
    if (pair) return { kind, pair };
  }
  return { kind: 'unknown', pair: null };
}

/** True when this item's condition extends the previous definition's (legacy append or `override: append`). */
function appendsCondition(legacyAppend: boolean, override: YMap | null): boolean {
  if (legacyAppend) return true;
  if (!override) return false;
  const operation = getScalar(override, 'condition');
  return operation !== undefined && operation.value === 'append';
}

const appendPlaceholder = 'previous_condition ';

/**
 * Parses a condition. An appended fragment is raw text that the engine joins to the previous condition with a
 * space, so `and …`/`or …` fragments are parsed behind a placeholder; any other fragment could still be valid
 * after a previous text ending in `and`, so it is parsed on its own and the joined text is judged by the
 * semantic checks, which know the previous definition.
 */
function parseEmbeddedCondition(scalar: YScalar, appended: boolean, problems: SyntaxProblem[]): EmbeddedCondition {
  const continuesExpression = appended && /^\s*(and|or)(?=[\s(]|$)/.test(scalar.text.value);
  const prefixLength = continuesExpression ? appendPlaceholder.length : 0;
  const parsed = parseCondition(continuesExpression ? appendPlaceholder + scalar.text.value : scalar.text.value);
  for (const problem of parsed.problems) {
    const local = { start: Math.max(0, problem.span.start - prefixLength), end: Math.max(0, problem.span.end - prefixLength) };
    problems.push({ ...problem, span: toSourceSpan(scalar.text, local) });
  }
  return { scalar, prefixLength, parsed };
}

function parseEmbeddedOutput(scalar: YScalar, problems: SyntaxProblem[]): EmbeddedOutput {
  const parsed = parseOutputFormat(scalar.text.value);
  for (const problem of parsed.problems) problems.push({ ...problem, span: toSourceSpan(scalar.text, problem.span) });
  return { scalar, parsed };
}

function buildItem(node: YNode, index: number, documentIndex: number, problems: SyntaxProblem[]): RulesItem {
  const base = {
    index,
    documentIndex,
    node,
    span: { ...node.span },
    map: null,
    kindPair: null,
    name: null,
    nameNode: null,
    legacyAppend: false,
    override: null,
    condition: null,
    output: null,
  };
  if (node.kind !== 'map') return { ...base, kind: 'invalid' };
  const map = node;
  const { kind, pair } = kindOf(map);
  const nameNode = pair && pair.value && pair.value.kind === 'scalar' ? pair.value : null;
  const legacyAppend = isYamlTrue(getPair(map, 'append')?.value);
  const overrideNode = getPair(map, 'override')?.value;
  const override = overrideNode && overrideNode.kind === 'map' ? overrideNode : null;
  let condition: EmbeddedCondition | null = null;
  let output: EmbeddedOutput | null = null;
  if (kind === 'rule' || kind === 'macro') {
    const conditionScalar = getScalar(map, 'condition');
    // An empty string is the structure checks' business ('Value must be non-empty'), not a parse problem.
    if (conditionScalar && !conditionScalar.isNull && conditionScalar.value !== '') {
      condition = parseEmbeddedCondition(conditionScalar, appendsCondition(legacyAppend, override), problems);
    }
  }
  if (kind === 'rule') {
    const outputScalar = getScalar(map, 'output');
    if (outputScalar && !outputScalar.isNull && outputScalar.value !== '') output = parseEmbeddedOutput(outputScalar, problems);
  }
  const named = kind === 'rule' || kind === 'macro' || kind === 'list';
  return {
    ...base,
    kind,
    map,
    kindPair: pair,
    name: named && nameNode && !nameNode.isNull ? nameNode.value : null,
    nameNode: named ? nameNode : null,
    legacyAppend,
    override,
    condition,
    output,
  };
}

/** An item built from an entry node, with the problems found in its condition and output. */
interface BuiltItem {
  readonly item: RulesItem;
  readonly problems: readonly SyntaxProblem[];
}

/**
 * What a parse keeps for the next one: chunk results by chunk text, and the items built from entry nodes.
 * Passing the cache of the previous version makes an edit re-parse only the items it touched.
 */
export interface RulesParseCache {
  chunks: Map<string, { base: number; result: ChunkResult }[]>;
  readonly items: WeakMap<YNode, BuiltItem>;
}

export function createParseCache(): RulesParseCache {
  return { chunks: new Map(), items: new WeakMap() };
}

function cachingChunkParser(cache: RulesParseCache): ChunkParser {
  const previous = cache.chunks;
  const next = new Map<string, { base: number; result: ChunkResult }[]>();
  cache.chunks = next;
  return (text, start, end) => {
    const key = text.slice(start, end);
    const candidates = previous.get(key);
    let result: ChunkResult;
    if (!candidates || candidates.length === 0) result = parseChunk(text, start, end);
    else {
      // Each cached result is handed over once (two identical chunks must not share objects).
      const position = Math.max(0, candidates.findIndex((candidate) => candidate.base === start));
      const cached = candidates.splice(position, 1)[0];
      result = cached.result;
      const delta = start - cached.base;
      if (delta !== 0) {
        const entries = result.root?.kind === 'seq' ? result.root.items : [result.root];
        moveNode(result.root, delta);
        moveProblems(result.problems, delta);
        for (const entry of entries) {
          const built = entry ? cache.items.get(entry) : undefined;
          if (!built) continue;
          moveSpan(built.item.span, delta);
          moveProblems(built.problems, delta);
        }
      }
    }
    const list = next.get(key);
    if (list) list.push({ base: start, result });
    else next.set(key, [{ base: start, result }]);
    return result;
  };
}

/** Parses a rules file. With the cache of the previous version, unchanged items are reused. Never throws. */
export function parseRulesFile(text: string, cache?: RulesParseCache): RulesFileSyntax {
  const yaml = parseYaml(text, cache ? cachingChunkParser(cache) : parseChunk);
  const problems: SyntaxProblem[] = [...yaml.problems];
  const items: RulesItem[] = [];
  const documents: RulesDocumentInfo[] = [];
  for (const document of yaml.documents) {
    const first = document.entries[0];
    const rootMap = document.rootKind === 'map' && first && first.kind === 'map' ? first : null;
    documents.push({ documentIndex: document.documentIndex, span: document.span, rootKind: document.rootKind, rootSpan: document.rootSpan, rootMap });
    if (document.rootKind !== 'sequence') continue;
    for (const entry of document.entries) {
      if (entry === null || (entry.kind === 'scalar' && entry.isNull)) continue;
      let built = cache?.items.get(entry);
      if (!built) {
        const itemProblems: SyntaxProblem[] = [];
        built = { item: buildItem(entry, items.length, document.documentIndex, itemProblems), problems: itemProblems };
        cache?.items.set(entry, built);
      }
      const { item } = built;
      items.push(item.index === items.length && item.documentIndex === document.documentIndex ? item : { ...item, index: items.length, documentIndex: document.documentIndex });
      problems.push(...built.problems);
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return { text, documents, items, problems };
}

const damagedCache = new WeakMap<RulesFileSyntax, ReadonlySet<number>>();

/**
 * Indexes of the items whose text (from the item's start to the next item's) holds a YAML syntax error. The
 * engine stops at that error, and what was recovered of such an item is unreliable (a shifted key lands
 * elsewhere, a `source:` is lost), so checks leave these items to the YAML diagnostic.
 */
export function itemsWithYamlErrors(syntax: RulesFileSyntax): ReadonlySet<number> {
  let damaged = damagedCache.get(syntax);
  if (damaged) return damaged;
  const set = new Set<number>();
  const errors = syntax.problems.filter((problem) => problem.code === 'yaml-syntax');
  if (errors.length > 0) {
    syntax.items.forEach((item, position) => {
      const end = Math.max(syntax.items[position + 1]?.span.start ?? syntax.text.length, item.span.end);
      if (errors.some((problem) => problem.span.start <= end && problem.span.end >= item.span.start)) set.add(item.index);
    });
  }
  damaged = set;
  damagedCache.set(syntax, damaged);
  return damaged;
}

/**
 * Maps a span of a parsed condition (offsets of the parsed text, placeholder included) to document offsets;
 * null for spans inside the placeholder of an appended fragment.
 */
export function conditionSourceSpan(condition: EmbeddedCondition, local: Span): Span | null {
  if (local.end <= condition.prefixLength && local.end > 0) return null;
  return toSourceSpan(condition.scalar.text, {
    start: Math.max(0, local.start - condition.prefixLength),
    end: Math.max(0, local.end - condition.prefixLength),
  });
}
