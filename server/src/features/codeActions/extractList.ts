/**
 * Extracting inline values of a condition into a new list: the list literal of `proc.name in (xmrig, minerd)`
 * (also `intersects`, `pmatch` and the `oneof`/`anyof`/`allof` forms), or a run of equalities of one field joined
 * by `or` (`proc.name = xmrig or proc.name = minerd`), becomes a reference to a new `- list:` item written before
 * the rule or macro. Items are the value tokens as written (quotes included): Falco pastes list items into the
 * condition as text (falco-language.md §5.1), so the condition means the same; a value that names a list stays
 * one (lists may hold lists).
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { CheckExpr, Expr, FieldExpr, TransformerExpr, ValueExpr } from '../../syntax/condition/ast';
import type { Span } from '../../syntax/span';
import { getPair } from '../../syntax/yaml/tree';
import { scalarItems } from '../hover/effective';
import { buildExtraction } from './condition/extraction';
import { uniqueName, valuesListName } from './condition/names';
import { conditionSiteAt, expressionPath, textOf, type ConditionSite } from './condition/site';
import { insertionPointBefore, listItemsStyle, type ItemLayout } from './condition/topLevelItems';
import { yamlScalar } from './condition/yamlText';
import type { Refactoring, RefactorProvider } from './types';

const TITLE = 'Extract values into a new list';
const LIST_OPERATORS = new Set(['in', 'intersects', 'pmatch']);

interface ValuesTarget {
  /** The span of the parsed text that is replaced. */
  readonly replace: Span;
  readonly left: FieldExpr | TransformerExpr;
  readonly replacement: (name: string) => string;
  /** The value tokens, as written. */
  readonly values: readonly string[];
}

/**
 * The list item standing for a value token: a quoted value made of plain words and single spaces is written
 * without its quotes (Falco quotes an item that holds a space when it pastes it); any other token as written.
 */
function listItem(value: ValueExpr): string {
  return value.quoted && /^[^()"'\s=,\\]+(?: [^()"'\s=,\\]+)*$/.test(value.value) ? value.value : value.raw;
}

/** `field in (a, b)` (or another list operator) with the range inside the check. */
function listLiteralTarget(path: readonly Expr[]): ValuesTarget | undefined {
  const check = path[path.length - 1];
  if (check?.kind !== 'check') return undefined;
  const right = check.right;
  if (!right || right.kind !== 'list' || !right.closed || right.items.length === 0) return undefined;
  if (!LIST_OPERATORS.has(check.operator.name) && !check.operator.modifier) return undefined;
  return { replace: right.span, left: check.left, replacement: (name) => `(${name})`, values: right.items.map(listItem) };
}

/** The left operand's text when `node` is `field = value` on a field that holds one value. */
function equalityKey(site: ConditionSite, node: Expr, catalogs: Catalogs): string | undefined {
  if (node.kind !== 'check' || (node.operator.name !== '=' && node.operator.name !== '==') || node.operator.modifier) return undefined;
  if (node.right?.kind !== 'value') return undefined;
  // On a field holding several values `=` and `in` mean different things.
  if (node.left.kind === 'field' && catalogs.fields.lookupAnySource(node.left.name)?.isList) return undefined;
  return textOf(site, node.left.span);
}

/**
 * A run of at least two equalities of one field in an `or`: the children the selection touches, or, at a cursor
 * (or a selection inside one equality), the longest run of equalities of its field around it.
 */
function orChainTarget(site: ConditionSite, path: readonly Expr[], catalogs: Catalogs): ValuesTarget | undefined {
  const position = path.map((node) => node.kind).lastIndexOf('or');
  const chain = path[position];
  if (!chain || chain.kind !== 'or') return undefined;
  const children = chain.children;
  const { local } = site;
  const keys = children.map((child) => equalityKey(site, child, catalogs));
  let from: number;
  let to: number;
  const inner = path[position + 1];
  if (inner) {
    from = to = children.indexOf(inner);
    const key = keys[from];
    if (key === undefined) return undefined;
    while (from > 0 && keys[from - 1] === key) from--;
    while (to < children.length - 1 && keys[to + 1] === key) to++;
  } else {
    const touched = children.map((child, index) => (child.span.start < local.end && local.start < child.span.end ? index : -1)).filter((index) => index >= 0);
    if (touched.length === 0) return undefined;
    from = touched[0];
    to = touched[touched.length - 1];
    if (keys.slice(from, to + 1).some((key) => key === undefined || key !== keys[from])) return undefined;
  }
  if (to - from < 1) return undefined;
  const run = children.slice(from, to + 1) as CheckExpr[];
  const leftText = keys[from]!;
  return {
    replace: { start: run[0].span.start, end: run[run.length - 1].span.end },
    left: run[0].left,
    replacement: (name) => `${leftText} in (${name})`,
    values: run.map((check) => (check.right?.kind === 'value' ? listItem(check.right) : '')),
  };
}

export const extractListProvider: RefactorProvider = (context) => {
  const site = conditionSiteAt(context.file, context.span);
  if (!site) return [];
  const path = expressionPath(site.ast, site.local);
  const target = listLiteralTarget(path) ?? orChainTarget(site, path, context.catalogs);
  if (!target) return [];
  // `in (known_list)` already refers to a list.
  if (target.values.length === 1 && context.index.declarationsOf('list', target.values[0]).length > 0) return [];
  const syntax = site.file.syntax;
  const values = target.values;
  const itemText = (layout: ItemLayout, name: string): string => {
    const head = `${layout.entryPrefix}list: ${name}${layout.eol}${layout.keyIndent}items:`;
    const style = listItemsStyle(syntax, site.item);
    if (style.flow) return `${head} [${values.map((value) => yamlScalar(value, true)).join(', ')}]`;
    const entry = `${layout.keyIndent}${' '.repeat(style.entryIndent)}- `;
    return `${head}${values.map((value) => `${layout.eol}${entry}${yamlScalar(value, false)}`).join('')}`;
  };
  const result = buildExtraction({
    site,
    replace: target.replace,
    name: uniqueName(context.index, valuesListName(target.left)),
    replacement: target.replacement,
    itemText,
    insertionPoint: (layout) => insertionPointBefore(syntax.text, site.item, layout),
    itemHolds: (item) => {
      const listed = item.kind === 'list' && item.map ? scalarItems(getPair(item.map, 'items')?.value) : [];
      return listed.length === values.length && listed.every((value, index) => value === values[index]);
    },
  });
  const refactoring: Refactoring = 'disabled' in result
    ? { id: 'extract-list', title: TITLE, kind: 'refactor.extract', disabled: result.disabled }
    : { id: 'extract-list', title: TITLE, kind: 'refactor.extract', edits: () => [{ uri: site.file.uri, changes: result.changes }] };
  return [refactoring];
};
