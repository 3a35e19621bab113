/**
 * Quick fixes of the legacy `append: true` key (falco-language.md §2.2-2.3). A legacy append takes `items` from a
 * list, `condition` from a macro and only `condition` and `exceptions` from a rule (it ignores the other keys);
 * `override:` must name, with its operation, every overridable key the item has. So the migration writes
 * `<key>: append` for what the legacy append used; a rule that also has keys the legacy append ignored gets two
 * fixes: drop them (same behaviour) or apply them under `override` (tags appended, the others replaced).
 */
import { OVERRIDE_KEYS } from '../../../syntax/itemKeys';
import type { RulesFileSyntax, RulesItem } from '../../../syntax/rulesFile';
import { getPair, type YMap, type YPair } from '../../../syntax/yaml/tree';
import type { DiagnosticFix, TextChange } from '../diagnostic';
import { afterLineEnd, columnOf, nestedIndentStep, removePair } from './mapEdits';

type Entry = readonly [key: string, operation: 'append' | 'replace'];

/** What a legacy append takes from an item of each kind. */
const LEGACY_APPENDED: { readonly [kind: string]: readonly string[] } = { list: ['items'], macro: ['condition'], rule: ['condition', 'exceptions'] };

/** The operation a key the legacy append ignored most likely meant: tags add up, the rest is one value. */
function intendedOperation(key: string): 'append' | 'replace' {
  return key === 'tags' ? 'append' : 'replace';
}

function overridesOf(file: RulesFileSyntax): YPair[] {
  const pairs: YPair[] = [];
  for (const item of file.items) {
    const pair = item.map ? getPair(item.map, 'override') : undefined;
    if (pair && pair.value?.kind === 'map' && pair.value.pairs.length > 0) pairs.push(pair);
  }
  return pairs;
}

/** `override:` with `entries`, written in the style the file already uses (flow or block, its indentation). */
function overrideText(text: string, file: RulesFileSyntax, map: YMap, at: YPair, entries: readonly Entry[]): string {
  const existing = overridesOf(file);
  const flow = map.flow || (existing.length > 0 && existing[0].value?.kind === 'map' && existing[0].value.flow);
  if (flow) return `override: {${entries.map(([key, operation]) => `${key}: ${operation}`).join(', ')}}`;
  const indent = ' '.repeat(columnOf(text, at.span.start) + nestedIndentStep(text, existing, map));
  const lineEnd = afterLineEnd(text, at.span.end);
  const crlf = text[lineEnd - 1] === '\n' ? text[lineEnd - 2] === '\r' : text.includes('\r\n');
  const lineBreak = crlf ? '\r\n' : '\n';
  return `override:${entries.map(([key, operation]) => `${lineBreak}${indent}${key}: ${operation}`).join('')}`;
}

function listKeys(entries: readonly Entry[]): string {
  return entries.map(([key, operation]) => `${key}: ${operation}`).join(', ');
}

function quoted(keys: readonly string[]): string {
  return keys.map((key) => `'${key}'`).join(', ');
}

/** The fixes of `deprecated-append` for `item` (its `append: true` pair is `appendPair`). */
export function migrateAppendFixes(file: RulesFileSyntax, item: RulesItem, appendPair: YPair): DiagnosticFix[] {
  const map = item.map;
  const text = file.text;
  if (!map || getPair(map, 'override') || !(item.kind in LEGACY_APPENDED)) return [];
  const kind = item.kind as 'list' | 'macro' | 'rule';
  const inItem = (keys: readonly string[]) => map.pairs.map((pair) => pair.keyText).filter((key, index, all) => keys.includes(key) && all.indexOf(key) === index);
  const appended: Entry[] = inItem(LEGACY_APPENDED[kind]).map((key) => [key, 'append'] as const);
  const ignoredKeys = kind === 'rule' ? inItem(OVERRIDE_KEYS.rule.replace.filter((key) => !LEGACY_APPENDED.rule.includes(key))) : [];
  const written = text.slice(appendPair.span.start, appendPair.span.end);
  const fixes: DiagnosticFix[] = [];
  if (appended.length > 0) {
    const replace: TextChange = { span: { ...appendPair.span }, newText: overrideText(text, file, map, appendPair, appended) };
    if (ignoredKeys.length === 0) {
      fixes.push({ title: `Replace '${written}' with override (${listKeys(appended)})`, changes: [replace], preferred: true });
    } else {
      const removals = ignoredKeys.map((key) => removePair(text, map, getPair(map, key)!));
      if (removals.every((change) => change !== undefined)) {
        fixes.push({
          title: `Replace '${written}' with override (${listKeys(appended)}) and remove the ignored ${quoted(ignoredKeys)}`,
          changes: [replace, ...(removals as TextChange[])],
        });
      }
    }
  }
  if (ignoredKeys.length > 0) {
    const entries: Entry[] = map.pairs
      .map((pair) => pair.keyText)
      .filter((key, index, all) => all.indexOf(key) === index)
      .flatMap((key): Entry[] => (appended.some(([name]) => name === key) ? [[key, 'append']] : ignoredKeys.includes(key) ? [[key, intendedOperation(key)]] : []));
    fixes.push({
      title: `Replace '${written}' with override (${listKeys(entries)})`,
      changes: [{ span: { ...appendPair.span }, newText: overrideText(text, file, map, appendPair, entries) }],
    });
  }
  return fixes;
}

/** The fix of `append-with-override`: remove the `append: true` pair. */
export function removeAppendFix(text: string, item: RulesItem, appendPair: YPair): DiagnosticFix | undefined {
  if (!item.map) return undefined;
  const change = removePair(text, item.map, appendPair);
  if (!change) return undefined;
  return { title: `Remove '${text.slice(appendPair.span.start, appendPair.span.end)}'`, changes: [change], preferred: true };
}
