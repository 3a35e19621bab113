/**
 * The `override` mapping of a list, macro or rule (Falco 0.37+, falco-language.md §2.3): it must map keys to
 * `append` or `replace`; each key must accept that operation for the item kind; a rule must have every key it
 * lists, and every overridable key it has must be listed (lists and macros are not checked that way). The
 * engine rejects the item otherwise (`LOAD_ERR_YAML_VALIDATE`).
 */
import { OVERRIDE_KEYS, type OverridableKind } from '../../../../syntax/itemKeys';
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair, type YPair } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { changeToFixes, renameKeyFixes } from '../../fixes/didYouMean';
import { didYouMean, suggest } from '../../suggest';
import { isNamedKind } from './updateFacts';

const codes = defineCodes([
  {
    code: 'invalid-override',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: "An 'override' mapping is malformed, names a key that cannot be appended or replaced, or disagrees with the item's keys.",
    fix: 'Use `append` or `replace` on keys the item kind accepts, and keep the `override` entries and the item\'s keys in step.',
    example: '- rule: Terminal shell in container\n  priority: ERROR\n  override:\n    priority: append   # priority can only be replaced\n',
    quickFix: "Writes the operation the key accepts (`append` or `replace`), or renames a misspelled key to the nearest overridable one.",
  },
]);

function report(context: CheckContext, message: string, span: { start: number; end: number }, fixes?: DiagnosticFix[]): void {
  context.report({ code: 'invalid-override', message, span, severity: 'error', ...(fixes && fixes.length > 0 ? { fixes } : {}) });
}

/** Fixes that write `operation` instead of the value of `pair` (a plain or quoted scalar). */
function operationFixes(context: CheckContext, pair: YPair, operations: readonly string[]): DiagnosticFix[] {
  const value = pair.value;
  if (!value || value.kind !== 'scalar' || value.isNull) return [];
  return changeToFixes(context.file.syntax.text, value.span, value.value, operations);
}

function quoteList(keys: readonly string[]): string {
  return keys.map((key) => `'${key}'`).join(', ');
}

function checkEntry(context: CheckContext, kind: OverridableKind, pair: YPair): void {
  const allowed = OVERRIDE_KEYS[kind];
  const key = pair.keyText;
  const value = pair.value;
  const operation = value && value.kind === 'scalar' ? value.value : null;
  if (operation !== 'append' && operation !== 'replace') {
    const shown = value && value.kind === 'scalar' && !value.isNull ? `'${value.value}'` : 'nothing';
    const span = value && value.span.end > value.span.start ? value.span : pair.keySpan;
    const possible = allowed.append.includes(key) && allowed.replace.includes(key) ? suggest(operation ?? '', ['append', 'replace'], 2) : allowed.append.includes(key) ? ['append'] : allowed.replace.includes(key) ? ['replace'] : [];
    report(context, `${shown === 'nothing' ? 'No operation' : shown} is not an override operation for '${key}': use 'append' or 'replace'.`, span, operationFixes(context, pair, possible));
    return;
  }
  if (allowed[operation].includes(key)) return;
  const everywhere = [...new Set([...allowed.append, ...allowed.replace])];
  if (!everywhere.includes(key)) {
    const hint = didYouMean(key, everywhere);
    const what = kind === 'rule' ? `a rule` : `a ${kind}`;
    const verb = operation === 'append' ? 'cannot be appended to' : 'cannot be replaced';
    report(context, `'${key}' ${verb} by an override: the 'override' of ${what} can only name ${quoteList(everywhere)}.${hint}`, pair.keySpan, renameKeyFixes(context.file.syntax.text, pair.keySpan, key, suggest(key, everywhere, 3)));
    return;
  }
  if (operation === 'append') {
    report(context, `'${key}' can only be replaced by an override, not appended to ('cannot be appended to'). Write '${key}: replace'.`, pair.keySpan, operationFixes(context, pair, ['replace']));
  } else {
    report(context, `'${key}' can only be appended to by an override ('cannot be replaced'). Write '${key}: append'.`, pair.keySpan, operationFixes(context, pair, ['append']));
  }
}

function checkItem(context: CheckContext, item: RulesItem & { kind: OverridableKind }): void {
  const map = item.map!;
  const overridePair = getPair(map, 'override');
  if (!overridePair) return;
  const node = overridePair.value;
  if (!node || node.kind !== 'map') {
    const example = item.kind === 'list' ? 'items: append' : 'condition: append';
    const span = node && node.span.end > node.span.start ? node.span : overridePair.keySpan;
    report(context, `'override' must be a mapping from keys to 'append' or 'replace', e.g. 'override: {${example}}'.`, span);
    return;
  }
  if (node.pairs.length === 0) {
    report(context, "'override' is empty. List the keys this item appends or replaces, e.g. 'condition: append'.", overridePair.keySpan);
    return;
  }
  const allowed = OVERRIDE_KEYS[item.kind];
  const listed = new Set<string>();
  const overridable = new Set([...allowed.append, ...allowed.replace]);
  for (const pair of node.pairs) {
    listed.add(pair.keyText);
    // A misspelled entry already reported stands for the key it was meant to name.
    if (!overridable.has(pair.keyText)) for (const meant of suggest(pair.keyText, overridable, 1)) listed.add(meant);
    checkEntry(context, item.kind, pair);
  }
  if (item.kind === 'rule') {
    for (const pair of node.pairs) {
      const operation = pair.value && pair.value.kind === 'scalar' ? pair.value.value : null;
      if ((operation !== 'append' && operation !== 'replace') || !allowed[operation].includes(pair.keyText)) continue;
      if (getPair(map, pair.keyText)) continue;
      report(
        context,
        `The override '${pair.keyText}: ${operation}' has no '${pair.keyText}' key in this item to ${operation === 'append' ? 'append' : 'replace with'}. Add '${pair.keyText}:' or remove this entry.`,
        pair.keySpan,
      );
    }
  }
  // Only rules are checked this way: a list or macro with an override simply appends or redefines.
  if (item.kind !== 'rule') return;
  for (const pair of map.pairs) {
    const key = pair.keyText;
    if (!overridable.has(key) || listed.has(key)) continue;
    const operations = allowed.append.includes(key) ? `'${key}: append' or '${key}: replace'` : `'${key}: replace'`;
    report(context, `'${key}' is set but 'override' has no entry for it ('Unexpected key'): add ${operations} under 'override', or remove '${key}'.`, pair.keySpan);
  }
}

export const invalidOverrideCheck: Check = {
  name: 'invalid-override',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (isNamedKind(item)) checkItem(context, item);
    }
  },
};
