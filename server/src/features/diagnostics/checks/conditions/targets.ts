/**
 * The rules and macros of the items being checked, each with its scope and its comparisons, shared by every
 * condition check of one run; and small helpers to walk a condition.
 */
import type { CheckExpr, ConditionNode, FieldExpr } from '../../../../syntax/condition/ast';
import { walkCondition } from '../../../../syntax/condition/ast';
import { conditionSourceSpan, type EmbeddedCondition, type EmbeddedOutput, type RulesItem } from '../../../../syntax/rulesFile';
import type { Span } from '../../../../syntax/span';
import type { CheckContext } from '../../check';
import { itemScope, type ItemScope } from './shared';

export interface ConditionTarget {
  readonly item: RulesItem;
  readonly condition: EmbeddedCondition;
  readonly scope: ItemScope;
  /** The checks (comparisons) of the condition, in source order. */
  readonly checks: readonly CheckExpr[];
}

export interface OutputTarget {
  readonly item: RulesItem;
  readonly output: EmbeddedOutput;
  readonly scope: ItemScope;
}

interface FileTargets {
  readonly key: string;
  readonly conditions: ConditionTarget[];
  readonly outputs: OutputTarget[];
}

/** Per list of items to check (the same list is handed to every condition check of one run). */
const targetCache = new WeakMap<readonly RulesItem[], FileTargets>();
const catalogIds = new WeakMap<object, number>();
let nextCatalogId = 1;

/** Everything the targets depend on besides the file itself: the rest of the workspace and the options. */
function targetsKey(context: CheckContext): string {
  let catalogId = catalogIds.get(context.catalogs);
  if (catalogId === undefined) catalogIds.set(context.catalogs, (catalogId = nextCatalogId++));
  const plugins = context.options.plugins ? [...context.options.plugins].sort().join(',') : '*';
  return `${catalogId}\u0000${context.index.contentGeneration}\u0000${plugins}`;
}

function computeTargets(context: CheckContext, key: string): FileTargets {
  const conditions: ConditionTarget[] = [];
  const outputs: OutputTarget[] = [];
  for (const item of context.items) {
    if (!item.condition?.parsed.ast && !item.output) continue;
    const scope = itemScope(context, item);
    if (!scope) continue;
    const condition = item.condition;
    if (condition?.parsed.ast) {
      const checks: CheckExpr[] = [];
      walkCondition(condition.parsed.ast, (node: ConditionNode) => {
        if (node.kind === 'check') checks.push(node);
      });
      conditions.push({ item, condition, scope, checks });
    }
    if (item.output) outputs.push({ item, output: item.output, scope });
  }
  return { key, conditions, outputs };
}

function fileTargets(context: CheckContext): FileTargets {
  const key = targetsKey(context);
  let targets = targetCache.get(context.items);
  if (!targets || targets.key !== key) {
    targets = computeTargets(context, key);
    targetCache.set(context.items, targets);
  }
  return targets;
}

/** Every rule and macro condition of the file with its scope (cached until the workspace or the options change). */
export function conditionTargets(context: CheckContext): readonly ConditionTarget[] {
  return fileTargets(context).conditions;
}

/** Every rule output of the file with its scope. */
export function outputTargets(context: CheckContext): readonly OutputTarget[] {
  return fileTargets(context).outputs;
}

/** Calls `visit` for every check (comparison) of a condition target, in source order. */
export function forEachCheck(target: ConditionTarget, visit: (check: CheckExpr) => void): void {
  for (const check of target.checks) visit(check);
}

/** Calls `visit` for every field node of a condition (operands, transformer arguments, `val()`), in source order. */
export function forEachField(root: ConditionNode, visit: (field: FieldExpr) => void): void {
  walkCondition(root, (node: ConditionNode) => {
    if (node.kind === 'field') visit(node);
  });
}

/** Document span of a span of a parsed condition (null inside the placeholder of an appended fragment). */
export function sourceSpan(condition: EmbeddedCondition, local: Span): Span | null {
  if (local.end <= condition.prefixLength) return null;
  return conditionSourceSpan(condition, local);
}
