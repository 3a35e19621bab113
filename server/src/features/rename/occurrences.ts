/**
 * Every place a rule, macro or list name is written in the workspace, with the scalar it sits in: whole scalars
 * (item names, list items, exception values) and words inside conditions. Turns each into the edit that writes
 * a new name there, in the scalar's own style.
 */
import type { SymbolKind } from '../../semantic/fileSymbols';
import type { IndexedFile, WorkspaceIndex } from '../../semantic/workspaceIndex';
import { toSourceSpan } from '../../syntax/embeddedText';
import type { Span } from '../../syntax/span';
import type { YNode, YScalar } from '../../syntax/yaml/tree';
import type { TextChange } from '../diagnostics/diagnostic';
import { doubleQuoted, escapeForStyle, isPlainSafe } from './yamlText';

export interface Occurrence {
  readonly file: IndexedFile;
  /** The characters of the name (for a whole scalar, its content without quotes). */
  readonly span: Span;
  /** The scalar holding the name, when found. */
  readonly scalar: YScalar | undefined;
  /** The name is the whole scalar (an item name, a list item, an exception value), not a word of a condition. */
  readonly whole: boolean;
  /** The scalar sits inside a flow collection (`[…]`, `{…}`), where `,` and brackets end a plain scalar. */
  readonly inFlow: boolean;
}

/** Describes a place for messages: "`rules.yaml` line 12". */
export type Describe = (file: IndexedFile, offset: number) => string;

interface Found {
  readonly scalar: YScalar;
  readonly inFlow: boolean;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

/** The source characters of a scalar's value, as the index records names (quotes and block headers excluded). */
function contentSpan(scalar: YScalar): Span {
  return toSourceSpan(scalar.text, { start: 0, end: scalar.text.value.length });
}

/** The scalar of an item's tree whose content is exactly `span`, and whether a flow collection encloses it. */
function findScalar(node: YNode | null | undefined, span: Span, inFlow: boolean, depth = 0): Found | undefined {
  if (!node || depth > 64) return undefined;
  if (node.kind === 'scalar') return sameSpan(contentSpan(node), span) ? { scalar: node, inFlow } : undefined;
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const found = findScalar(item, span, inFlow || node.flow, depth + 1);
      if (found) return found;
    }
  } else if (node.kind === 'map') {
    for (const pair of node.pairs) {
      const found = findScalar(pair.value, span, inFlow || node.flow, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function itemOf(file: IndexedFile, itemIndex: number) {
  const items = file.syntax.items;
  return items[itemIndex]?.index === itemIndex ? items[itemIndex] : items.find((item) => item.index === itemIndex);
}

/** Every occurrence of a name, in load order and file order. */
export function collectOccurrences(index: WorkspaceIndex, kind: SymbolKind, name: string): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const { file, declaration } of index.declarationsOf(kind, name)) {
    const item = itemOf(file, declaration.itemIndex);
    const scalar = item?.nameNode ?? undefined;
    occurrences.push({ file, span: declaration.nameSpan, scalar, whole: true, inFlow: Boolean(item?.map?.flow) });
  }
  if (kind === 'rule') return occurrences;
  for (const { file, reference } of index.referencesOf(kind, name)) {
    const item = itemOf(file, reference.itemIndex);
    if (reference.context === 'condition') {
      occurrences.push({ file, span: reference.span, scalar: item?.condition?.scalar, whole: false, inFlow: Boolean(item?.map?.flow) });
      continue;
    }
    const found = item ? findScalar(item.node, reference.span, false) : undefined;
    occurrences.push({ file, span: reference.span, scalar: found?.scalar, whole: found !== undefined, inFlow: found?.inFlow ?? false });
  }
  return occurrences;
}

/**
 * Why an occurrence cannot be rewritten safely: a name written as a block scalar, or a word of a condition
 * whose source characters are not the name itself (an escape or a line continuation inside it).
 */
export function occurrenceProblem(occurrence: Occurrence, name: string, describe: Describe): string | undefined {
  if (occurrence.whole) {
    const scalar = occurrence.scalar;
    if (scalar?.style === 'literal' || scalar?.style === 'folded') {
      return `\`${name}\` is written as a block scalar in ${describe(occurrence.file, scalar.span.start)}; write it as a plain or quoted scalar before renaming.`;
    }
    return undefined;
  }
  const place = describe(occurrence.file, occurrence.span.start);
  const source = occurrence.file.syntax.text.slice(occurrence.span.start, occurrence.span.end);
  if (source !== name) {
    return `\`${name}\` is written with an escape or a line break inside it in ${place}; rewrite it there before renaming.`;
  }
  return undefined;
}

/** The edit that writes `newName` at an occurrence, in the style of its scalar. */
export function changeFor(occurrence: Occurrence, newName: string): TextChange {
  const style = occurrence.scalar?.style ?? 'plain';
  if (occurrence.whole && style === 'plain' && !isPlainSafe(newName, occurrence.inFlow)) {
    return { span: occurrence.span, newText: doubleQuoted(newName) };
  }
  return { span: occurrence.span, newText: escapeForStyle(newName, style) };
}
