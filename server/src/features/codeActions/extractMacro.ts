/**
 * Extracting a sub-condition into a new macro: a selection that covers one whole expression (a comparison, a
 * macro reference, a `not`, a group, an `and`/`or`) or a run of operands of one `and`/`or` becomes a new
 * `- macro:` item, and the selection its name. The macro's condition is the decoded text of the selection (a
 * folded or quoted source becomes one plain line; a macro behaves as if parenthesised, so the meaning stays).
 * The macro goes before the rule or macro, or after the macros it refers to when a rule uses macros defined
 * later in the file (a macro only sees macros defined before it, falco-language.md §5.3).
 */
import type { Expr } from '../../syntax/condition/ast';
import type { RulesItem } from '../../syntax/rulesFile';
import type { Span } from '../../syntax/span';
import { buildExtraction } from './condition/extraction';
import { uniqueName } from './condition/names';
import { conditionSiteAt, expressionPath, hasSyntaxError, identifiersIn, textOf, type ConditionSite } from './condition/site';
import { insertionPointAfter, insertionPointBefore, type ItemLayout } from './condition/topLevelItems';
import { oneLine, yamlScalar } from './condition/yamlText';
import type { RefactorContext, Refactoring, RefactorProvider } from './types';

const TITLE = 'Extract into a new macro';
const NOT_WHOLE = 'Select a whole sub-condition: a comparison, a macro name, a parenthesised group, or operands joined by the same `and`/`or`.';

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

/** The expressions the selection covers exactly: one node, or a run of operands of one `and`/`or`. */
function selectedExpressions(site: ConditionSite): Expr[] | undefined {
  const path = expressionPath(site.ast, site.local);
  const deepest = path[path.length - 1];
  if (!deepest) return undefined;
  if (sameSpan(deepest.span, site.local)) return [deepest];
  if (deepest.kind !== 'and' && deepest.kind !== 'or') return undefined;
  const children = deepest.children;
  const from = children.findIndex((child) => child.span.start === site.local.start);
  const to = children.findIndex((child) => child.span.end === site.local.end);
  if (from < 0 || to <= from) return undefined;
  return children.slice(from, to + 1);
}

/** The last item of this file holding the first definition of a macro the selection uses, when after `item`. */
function lastLaterDependency(context: RefactorContext, item: RulesItem, names: readonly string[]): RulesItem | undefined {
  let latest: RulesItem | undefined;
  for (const name of new Set(names)) {
    const first = context.index.declarationsOf('macro', name).find((location) => location.declaration.mode !== 'append');
    if (!first || first.file.uri !== context.file.uri || first.declaration.itemIndex <= item.index) continue;
    const defining = context.file.syntax.items[first.declaration.itemIndex];
    if (defining && (!latest || defining.index > latest.index)) latest = defining;
  }
  return latest;
}

export const extractMacroProvider: RefactorProvider = (context) => {
  if (context.span.end <= context.span.start) return [];
  const site = conditionSiteAt(context.file, context.span);
  if (!site || site.local.end <= site.local.start) return [];
  const disabled = (reason: string): Refactoring[] => [{ id: 'extract-macro', title: TITLE, kind: 'refactor.extract', disabled: reason }];
  const selected = selectedExpressions(site);
  if (!selected || site.local.start < site.condition.prefixLength) return disabled(NOT_WHOLE);
  if (selected.some(hasSyntaxError)) return disabled('The selected condition has a syntax error: fix it first.');
  const body = oneLine(textOf(site, site.local));
  if (body === undefined || body === '') return disabled('The selection holds a line break inside a quoted string.');
  const syntax = site.file.syntax;
  const dependency = site.item.kind === 'rule' ? lastLaterDependency(context, site.item, selected.flatMap(identifiersIn)) : undefined;
  const result = buildExtraction({
    site,
    replace: site.local,
    name: uniqueName(context.index, 'new_macro'),
    replacement: (name) => name,
    itemText: (layout: ItemLayout, name: string) => `${layout.entryPrefix}macro: ${name}${layout.eol}${layout.keyIndent}condition: ${yamlScalar(body, false)}`,
    insertionPoint: (layout) => (dependency ? insertionPointAfter(syntax, dependency, layout) : insertionPointBefore(syntax.text, site.item, layout)),
    itemHolds: (item) => item.kind === 'macro' && item.condition?.scalar.value === body,
  });
  if ('disabled' in result) return disabled(result.disabled);
  return [{ id: 'extract-macro', title: TITLE, kind: 'refactor.extract', edits: () => [{ uri: site.file.uri, changes: result.changes }] }];
};
