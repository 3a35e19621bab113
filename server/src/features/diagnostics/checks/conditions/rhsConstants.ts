/**
 * The constant values on the right of a comparison (list items substituted), as the value checks need them.
 */
import type { ListResolver } from '../../../../semantic/typecheck/lists';
import type { CheckExpr } from '../../../../syntax/condition/ast';
import type { Span } from '../../../../syntax/span';

/** One constant a check compares with, after list substitution. */
export interface RhsValue {
  /** The value as the engine reads it. */
  readonly value: string;
  /** Span (parsed text) of the word it comes from: the literal, or the list name. */
  readonly span: Span;
  /** The list whose items replaced the word (when it names a list). */
  readonly list?: string;
  /** The nested list the item came from, when the list item itself named a list. */
  readonly nestedList?: string;
  readonly quoted: boolean;
  /** A bare word that names no list: the engine compares with the word itself. */
  readonly literalWord: boolean;
}

/** A bare word on a right-hand side that names a list, outside a list literal (`proc.name = my_list`). */
export interface ScalarListUse {
  readonly name: string;
  readonly span: Span;
  readonly count: number;
}

export interface RhsConstants {
  readonly values: RhsValue[];
  readonly scalarLists: ScalarListUse[];
}

/**
 * The constants of a check's right-hand side after list substitution; null when the right-hand side is a field
 * or transformer (or missing).
 */
export function rhsConstants(check: CheckExpr, lists: ListResolver): RhsConstants | null {
  const cached = rhsCache.get(check);
  if (cached && cached.lists === lists) return cached.value;
  const value = computeRhsConstants(check, lists);
  rhsCache.set(check, { lists, value });
  return value;
}

const rhsCache = new WeakMap<CheckExpr, { lists: ListResolver; value: RhsConstants | null }>();

function computeRhsConstants(check: CheckExpr, lists: ListResolver): RhsConstants | null {
  const right = check.right;
  if (!right || (right.kind !== 'value' && right.kind !== 'list')) return null;
  const values: RhsValue[] = [];
  const scalarLists: ScalarListUse[] = [];
  const items = right.kind === 'value' ? [right] : right.items;
  for (const item of items) {
    if (item.quoted || item.token === 'number') {
      values.push({ value: item.value, span: item.span, quoted: item.quoted, literalWord: false });
      continue;
    }
    const listValues = lists.valuesOf(item.value);
    if (!listValues) {
      values.push({ value: item.value, span: item.span, quoted: false, literalWord: true });
      continue;
    }
    if (right.kind === 'value') scalarLists.push({ name: item.value, span: item.span, count: listValues.length });
    for (const listValue of listValues) {
      if (listValue.breaksSyntax) continue;
      values.push({
        value: listValue.value,
        span: item.span,
        list: item.value,
        ...(listValue.viaList ? { nestedList: listValue.viaList } : {}),
        quoted: false,
        literalWord: false,
      });
    }
  }
  return { values, scalarLists };
}

/** "'x'" or "'x' (an item of list `l`)", for messages about a constant. */
export function describeValue(value: RhsValue): string {
  if (!value.list) return `'${value.value}'`;
  const nested = value.nestedList ? ` (through the nested list \`${value.nestedList}\`)` : '';
  return `'${value.value}', an item of the list \`${value.list}\`${nested},`;
}

const LIST_PREFIXES = new Set([
  'my', 'custom', 'user', 'local', 'extra', 'additional', 'allowed', 'allow', 'known', 'trusted', 'approved', 'authorized',
  'expected', 'default', 'sensitive', 'protected', 'excluded', 'ignored', 'safe', 'legit', 'monitored', 'privileged',
  'restricted', 'blocked', 'denied', 'deny', 'whitelisted', 'blacklisted', 'interesting', 'suspicious', 'our', 'site',
]);

/**
 * A word that reads like a list name rather than a value: lowercase words joined by underscores, with a plural
 * last word (`shell_binaries`, `trusted_users`) or a qualifier first (`my_apps`, `allowed_image`). Process names
 * such as `unix_chkpwd` or `erl_child_setup` do not qualify.
 */
export function looksLikeListName(word: string): boolean {
  if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(word)) return false;
  const parts = word.split('_');
  const last = parts[parts.length - 1]!;
  return LIST_PREFIXES.has(parts[0]!) || (last.length > 2 && last.endsWith('s') && !last.endsWith('ss'));
}
