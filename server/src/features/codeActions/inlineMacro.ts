/**
 * Inlining a macro: the reference under the cursor (or every reference in the workspace, the macro item then
 * removed) becomes the macro's effective condition, after the appends and replacements of the load
 * (falco-language.md §2). The engine substitutes the macro's tree, which behaves as if parenthesised (§5.3), so
 * the text is wrapped in parentheses unless precedence keeps its meaning without them.
 */
import { conditionRole, itemOf } from '../../semantic/conditionParts';
import type { IndexedFile } from '../../semantic/workspaceIndex';
import { walkCondition, type Expr, type IdentifierExpr } from '../../syntax/condition/ast';
import { parseCondition } from '../../syntax/condition/parser';
import { conditionSourceSpan, itemsWithYamlErrors, type RulesItem } from '../../syntax/rulesFile';
import type { TextChange } from '../diagnostics/diagnostic';
import { effectiveMacro } from '../hover/effective';
import { padding } from './condition/extraction';
import { conditionSiteAt, expressionPath, identifiersIn } from './condition/site';
import { itemLayout, removalSpan } from './condition/topLevelItems';
import { conditionAfter, encodeForScalar, mayBreakScalar, oneLine, sameCondition, unwritableReason } from './condition/yamlText';
import type { FileChanges, RefactorContext, Refactoring, RefactorProvider } from './types';

interface Use {
  readonly file: IndexedFile;
  readonly item: RulesItem;
  readonly node: IdentifierExpr;
  /** The expression directly around the reference (undefined when it is the whole condition). */
  readonly parent: Expr | undefined;
}

const ATOMIC = new Set(['check', 'identifier', 'group', 'not']);

/** Whether the inlined text needs parentheses to keep the meaning the macro had at this use. */
function needsParentheses(body: Expr, use: Use): boolean {
  if (ATOMIC.has(body.kind)) return false;
  const parent = use.parent;
  // A whole appended fragment is joined to the text it extends: keep it grouped.
  if (!parent) return conditionRole(use.item) === 'append';
  if (parent.kind === 'group' || parent.kind === body.kind) return false;
  return !(parent.kind === 'or' && body.kind === 'and');
}

/** The replacement of one use, checked in its item; a reason when its YAML value cannot hold it. */
function useChange(use: Use, body: Expr, text: string): { change: TextChange; value: string; replaced: { start: number; end: number; text: string } } | string {
  const condition = use.item.condition!;
  const inlined = needsParentheses(body, use) ? `(${text})` : text;
  const parsedText = `${' '.repeat(condition.prefixLength)}${condition.scalar.text.value}`;
  const { lead, trail } = padding(parsedText, use.node.span, inlined);
  const encoded = encodeForScalar(condition.scalar.style, `${lead}${inlined}${trail}`);
  const span = conditionSourceSpan(condition, use.node.span);
  if (encoded === undefined || !span || !condition.scalar.text.exact) return `Cannot inline here: ${unwritableReason(condition.scalar.style)}.`;
  const prefix = condition.prefixLength;
  return {
    change: { span, newText: encoded },
    value: condition.scalar.text.value,
    replaced: { start: use.node.span.start - prefix, end: use.node.span.end - prefix, text: `${lead}${inlined}${trail}` },
  };
}

/** The changes of several uses, each item checked once with all of its changes; a reason when one fails. */
function useChanges(uses: readonly Use[], body: Expr, text: string): Map<IndexedFile, TextChange[]> | string {
  const byItem = new Map<RulesItem, { file: IndexedFile; entries: Exclude<ReturnType<typeof useChange>, string>[] }>();
  for (const use of uses) {
    const entry = useChange(use, body, text);
    if (typeof entry === 'string') return entry;
    const group = byItem.get(use.item) ?? { file: use.file, entries: [] };
    group.entries.push(entry);
    byItem.set(use.item, group);
  }
  const byFile = new Map<IndexedFile, TextChange[]>();
  for (const [item, { file, entries }] of byItem) {
    let expected = entries[0].value;
    for (const entry of [...entries].sort((a, b) => b.replaced.start - a.replaced.start)) {
      expected = expected.slice(0, entry.replaced.start) + entry.replaced.text + expected.slice(entry.replaced.end);
    }
    const changes = entries.map((entry) => entry.change);
    const style = item.condition!.scalar.style;
    // Re-parsing is only needed where YAML could read the new text differently (a macro may have many uses).
    const risky = entries.some((entry) => mayBreakScalar(style, entry.replaced.text, entry.change.span.start === item.condition!.scalar.span.start));
    if (risky && !sameCondition(conditionAfter(file.syntax.text, file.syntax.items, item, changes), expected)) {
      return `Cannot inline here: ${unwritableReason(item.condition!.scalar.style)}.`;
    }
    byFile.set(file, [...(byFile.get(file) ?? []), ...changes]);
  }
  return byFile;
}

/** Every reference to `name` in the conditions of the workspace, with the expression around it. */
function allUses(context: RefactorContext, name: string): Use[] | undefined {
  const uses: Use[] = [];
  const seen = new Set<RulesItem>();
  for (const location of context.index.referencesOf('macro', name)) {
    if (location.reference.context !== 'condition') continue;
    const file = location.file;
    const item = file.syntax.items[location.reference.itemIndex];
    const condition = item?.condition;
    if (!item || !condition?.parsed.ast) return undefined;
    if (seen.has(item)) continue;
    seen.add(item);
    if (itemsWithYamlErrors(file.syntax).has(item.index)) return undefined;
    walkCondition(condition.parsed.ast, (node, parent) => {
      if (node.kind !== 'identifier' || node.name !== name || node.span.end <= condition.prefixLength) return;
      uses.push({ file, item, node, parent: parent as Expr | undefined });
    });
  }
  return uses;
}

function definitionProblem(context: RefactorContext, name: string): string | undefined {
  const locations = context.index.declarationsOf('macro', name);
  if (locations.length === 0) return `No macro named \`${name}\` is defined.`;
  const bases = new Set<string>();
  for (const location of locations) {
    const item = itemOf(location);
    if (item && conditionRole(item) === 'base' && item.condition) bases.add(item.condition.scalar.value.trim());
  }
  if (bases.size > 1) return `Macro \`${name}\` is defined ${bases.size} times with different conditions: which one applies depends on the load.`;
  return undefined;
}

export const inlineMacroProvider: RefactorProvider = (context) => {
  const site = conditionSiteAt(context.file, context.span);
  if (!site) return [];
  const path = expressionPath(site.ast, site.local);
  const node = path[path.length - 1];
  if (node?.kind !== 'identifier' || node.span.end <= site.condition.prefixLength) return [];
  const name = node.name;
  const title = `Inline macro ${name}`;
  const titleAll = `Inline macro ${name} everywhere and remove it`;
  // Without a usable definition there is nothing to offer everywhere either: one greyed-out action says why.
  const disabled = (reason: string): Refactoring[] => [{ id: 'inline-macro', title, kind: 'refactor.inline', disabled: reason }];
  const problem = definitionProblem(context, name);
  if (problem) return disabled(problem);
  const effective = effectiveMacro(context.index, name);
  const text = effective.condition === undefined ? undefined : oneLine(effective.condition);
  if (text === undefined || text === '') return disabled(`Macro \`${name}\` has no condition to inline.`);
  const parsed = parseCondition(text);
  if (!parsed.ast || parsed.problems.length > 0) return disabled(`The condition of macro \`${name}\` has a syntax error: fix it first.`);
  if (identifiersIn(parsed.ast).includes(name)) return disabled(`Macro \`${name}\` refers to itself.`);
  const body = parsed.ast;

  const here: Use = { file: site.file, item: site.item, node, parent: path[path.length - 2] };
  const one = useChanges([here], body, text);
  const refactorings: Refactoring[] = [typeof one === 'string'
    ? { id: 'inline-macro', title, kind: 'refactor.inline', disabled: one }
    : { id: 'inline-macro', title, kind: 'refactor.inline', edits: () => [...one].map(([file, changes]) => ({ uri: file.uri, changes })) }];

  const locations = context.index.declarationsOf('macro', name);
  const definition = locations[0];
  const definingItem = definition ? itemOf(definition) : undefined;
  if (locations.length !== 1 || definition.declaration.mode !== 'define' || !definingItem) {
    refactorings.push({ id: 'inline-macro-everywhere', title: titleAll, kind: 'refactor.inline', disabled: `Macro \`${name}\` is defined or extended by several items: inline its uses one at a time.` });
    return refactorings;
  }
  if (itemsWithYamlErrors(definition.file.syntax).has(definingItem.index)) {
    refactorings.push({ id: 'inline-macro-everywhere', title: titleAll, kind: 'refactor.inline', disabled: 'The macro\'s item has a YAML error: fix it first.' });
    return refactorings;
  }
  const uses = allUses(context, name);
  const layout = itemLayout(definition.file.syntax.text, definingItem);
  const all = uses ? useChanges(uses, body, text) : 'Cannot inline everywhere: a rule or macro using it has a YAML error.';
  if (typeof all === 'string' || !layout) {
    refactorings.push({ id: 'inline-macro-everywhere', title: titleAll, kind: 'refactor.inline', disabled: typeof all === 'string' ? all : 'The macro is not written as a `- key: value` block entry.' });
    return refactorings;
  }
  const removal: TextChange = { span: removalSpan(definition.file.syntax.text, definingItem, layout), newText: '' };
  refactorings.push({
    id: 'inline-macro-everywhere',
    title: titleAll,
    kind: 'refactor.inline',
    edits: (): FileChanges[] => {
      const byFile = new Map(all);
      byFile.set(definition.file, [...(byFile.get(definition.file) ?? []), removal]);
      return [...byFile].map(([file, changes]) => ({ uri: file.uri, changes: [...changes].sort((a, b) => a.span.start - b.span.start) }));
    },
  });
  return refactorings;
};
