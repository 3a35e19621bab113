/**
 * How the items of a rule or macro combine into the condition the engine compiles: the last full definition
 * (or `override: replace`) in load order, then every appended fragment joined as text. Shared by the event-type
 * resolver and the reference checks.
 */
import type { Expr } from '../syntax/condition/ast';
import type { EmbeddedCondition, RulesItem } from '../syntax/rulesFile';
import { getScalar } from '../syntax/yaml/tree';
import type { DeclarationLocation, IndexedFile, WorkspaceIndex } from './workspaceIndex';

export interface ConditionPart {
  readonly file: IndexedFile;
  readonly item: RulesItem;
  readonly condition: EmbeddedCondition;
  /** `base` starts the condition (full definition or `override: replace`), `append` extends it as text. */
  readonly role: 'base' | 'append';
}

/** How an item affects the condition of its rule or macro; null when it does not set one. */
export function conditionRole(item: RulesItem): 'base' | 'append' | null {
  if (!item.condition) return null;
  if (item.legacyAppend) return 'append';
  if (item.override) {
    const operation = getScalar(item.override, 'condition')?.value;
    if (operation === 'append') return 'append';
    if (operation === 'replace') return 'base';
    return null;
  }
  return 'base';
}

/** The item a declaration belongs to. */
export function itemOf(location: DeclarationLocation): RulesItem | undefined {
  return location.file.syntax.items[location.declaration.itemIndex];
}

/**
 * The items whose conditions the engine joins for a rule or macro: from a base item (by default the last one in
 * load order) through the appends and condition replacements that follow it, up to the next full definition.
 * Empty when there is no base.
 */
export function conditionParts(index: WorkspaceIndex, kind: 'rule' | 'macro', name: string, from?: { uri: string; itemIndex: number }): ConditionPart[] {
  const locations = index.declarationsOf(kind, name);
  let start = -1;
  if (from) {
    start = locations.findIndex((location) => location.file.uri === from.uri && location.declaration.itemIndex === from.itemIndex);
  } else {
    for (let i = locations.length - 1; i >= 0; i--) {
      const item = itemOf(locations[i]);
      if (item && conditionRole(item) === 'base') {
        start = i;
        break;
      }
    }
  }
  if (start < 0) return [];
  const parts: ConditionPart[] = [];
  for (let i = start; i < locations.length; i++) {
    const item = itemOf(locations[i]);
    if (!item || !item.condition) continue;
    const role = conditionRole(item);
    if (role === null) continue;
    if (role === 'base' && parts.length > 0) {
      // `override: {condition: replace}` swaps the condition; another full definition starts a new rule.
      if (!item.override) break;
      parts.length = 0;
    }
    if (role === 'append' && parts.length === 0) return [];
    parts.push({ file: locations[i].file, item, condition: item.condition, role });
  }
  return parts;
}

const PLACEHOLDER = 'previous_condition';

function isPlaceholder(node: Expr, condition: EmbeddedCondition): boolean {
  return node.kind === 'identifier' && node.name === PLACEHOLDER && node.span.end <= condition.prefixLength;
}

/**
 * Puts the previous condition in place of the placeholder of an appended `and …`/`or …` fragment, keeping the
 * precedence of the joined text: `a or b` + `and c` reads `a or (b and c)`.
 */
function splice(fragment: Expr, previous: Expr, condition: EmbeddedCondition): Expr | null {
  if (isPlaceholder(fragment, condition)) return previous;
  if (fragment.kind === 'and' && fragment.children.length > 0 && isPlaceholder(fragment.children[0], condition)) {
    const rest = fragment.children.slice(1);
    if (previous.kind === 'or' && previous.children.length > 0) {
      const last = previous.children[previous.children.length - 1];
      const joined: Expr = { kind: 'and', span: fragment.span, children: [...(last.kind === 'and' ? last.children : [last]), ...rest] };
      return { kind: 'or', span: fragment.span, children: [...previous.children.slice(0, -1), joined] };
    }
    return { kind: 'and', span: fragment.span, children: [...(previous.kind === 'and' ? previous.children : [previous]), ...rest] };
  }
  if (fragment.kind === 'or' && fragment.children.length > 0) {
    const first = splice(fragment.children[0], previous, condition);
    if (!first) return null;
    const rest = fragment.children.slice(1);
    return { kind: 'or', span: fragment.span, children: [...(first.kind === 'or' ? first.children : [first]), ...rest] };
  }
  return null;
}

/** The condition the engine compiles from joined parts; `exact` is false when some part could not be joined. */
export function combineConditionParts(parts: readonly ConditionPart[]): { ast: Expr | null; exact: boolean } {
  let ast: Expr | null = null;
  let exact = true;
  for (const part of parts) {
    const parsed = part.condition.parsed;
    if (parsed.problems.length > 0) exact = false;
    if (!parsed.ast) {
      exact = false;
      continue;
    }
    if (part.role === 'base' || ast === null) {
      ast = parsed.ast;
      if (part.role === 'append') exact = false;
      continue;
    }
    const joined: Expr | null = part.condition.prefixLength > 0 ? splice(parsed.ast, ast, part.condition) : null;
    if (joined) ast = joined;
    else exact = false;
  }
  return { ast, exact };
}
