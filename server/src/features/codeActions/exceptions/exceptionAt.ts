/**
 * Finds the exception entry of a rule under a cursor or selection, for the exception refactorings: the rule item,
 * its `exceptions` sequence, the entry read as the checks read it (`updateFacts.ts`), and how the rule treats its
 * exceptions (definition, append, replace).
 */
import type { IndexedFile, WorkspaceIndex } from '../../../semantic/workspaceIndex';
import type { RulesItem } from '../../../syntax/rulesFile';
import type { Span } from '../../../syntax/span';
import { getScalar, type YMap, type YNode, type YPair, type YSeq } from '../../../syntax/yaml/tree';
import { exceptionMode, exceptionsOf, type ExceptionEntry, type ExceptionMode } from '../../diagnostics/checks/updates/updateFacts';
import { contentEnd } from './yamlText';

export interface ExceptionSite {
  readonly file: IndexedFile;
  readonly text: string;
  readonly item: RulesItem & { readonly map: YMap };
  readonly exceptionsPair: YPair;
  readonly sequence: YSeq;
  readonly entry: ExceptionEntry & { readonly map: YMap };
  /** From the entry's `-` (block sequences) to the end of its last value. */
  readonly range: Span;
  readonly mode: ExceptionMode;
}

/** Where the entry's text starts: its `-` in a block sequence, else the mapping itself. */
export function entryStart(text: string, node: YNode, flowSequence: boolean): number {
  if (flowSequence) return node.span.start;
  let offset = node.span.start;
  while (offset > 0 && (text[offset - 1] === ' ' || text[offset - 1] === '\t')) offset--;
  return offset > 0 && text[offset - 1] === '-' ? offset - 1 : node.span.start;
}

function itemAt(file: IndexedFile, offset: number): RulesItem | undefined {
  return file.syntax.items.find((item) => item.span.start <= offset && offset <= item.span.end);
}

/** The exception entry (a mapping) holding the whole `span`, or undefined. */
export function exceptionAt(file: IndexedFile, span: Span): ExceptionSite | undefined {
  const item = itemAt(file, span.start);
  if (!item || item.kind !== 'rule' || !item.map) return undefined;
  const mode = exceptionMode(item);
  const found = exceptionsOf(item);
  const sequence = found?.pair.value;
  if (!mode || !found || !sequence || sequence.kind !== 'seq') return undefined;
  const text = file.syntax.text;
  for (const entry of found.entries) {
    if (!entry.map || !entry.node) continue;
    const range = { start: entryStart(text, entry.node, sequence.flow), end: contentEnd(entry.node) };
    if (range.start <= span.start && span.end <= range.end) {
      return { file, text, item: item as ExceptionSite['item'], exceptionsPair: found.pair, sequence, entry: entry as ExceptionSite['entry'], range, mode };
    }
  }
  return undefined;
}

/** True when `offset` lies on the node (its own characters). */
export function isOn(node: YNode | null | undefined, span: Span): node is YNode {
  return Boolean(node && node.span.start <= span.start && span.end <= contentEnd(node));
}

/**
 * The event source of a rule: its `source`, else the one of its first full definition in load order, else
 * `syscall`.
 */
export function ruleSourceOf(index: WorkspaceIndex, item: RulesItem): string {
  const own = item.map ? getScalar(item.map, 'source') : undefined;
  if (own && !own.isNull && own.value.trim() !== '') return own.value.trim();
  if (!item.name) return 'syscall';
  for (const location of index.declarationsOf('rule', item.name)) {
    if (location.declaration.mode !== 'define') continue;
    const defined = location.file.syntax.items[location.declaration.itemIndex];
    const source = defined?.map ? getScalar(defined.map, 'source') : undefined;
    if (source && !source.isNull && source.value.trim() !== '') return source.value.trim();
    break;
  }
  return 'syscall';
}
