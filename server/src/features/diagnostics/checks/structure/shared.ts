/**
 * Helpers shared by the structure checks: how the engine reads a rule item (full definition, legacy
 * enabled-only item, legacy append, override), yaml-cpp's scalar conversions, the spans to report at, and
 * version strings (falco-language.md §1.3–§1.8, §11.1).
 */
import { ITEM_KEYS, RULE_REQUIRED_KEYS } from '../../../../syntax/itemKeys';
import { itemsWithYamlErrors, type RulesDocumentInfo, type RulesFileSyntax, type RulesItem } from '../../../../syntax/rulesFile';
import type { Span } from '../../../../syntax/span';
import { getPair, type YMap, type YNode, type YPair, type YScalar } from '../../../../syntax/yaml/tree';
import { suggest } from '../../suggest';


/**
 * How the engine reads a rule item: `override` (a non-empty `override:` map), `legacy-append` (`append: true`),
 * `define` (a full definition: one of condition/output/desc/priority is present), `enable` (none of them:
 * the legacy item that only switches `enabled`).
 */
export type RuleShape = 'define' | 'enable' | 'legacy-append' | 'override';

export function ruleShape(map: YMap): RuleShape {
  const override = getPair(map, 'override')?.value;
  if (override && override.kind === 'map' && override.pairs.length > 0) return 'override';
  if (isYamlBool(getPair(map, 'append')?.value, true)) return 'legacy-append';
  return RULE_REQUIRED_KEYS.some((key) => getPair(map, key)) ? 'define' : 'enable';
}

/** The keys an `override:` map names with a valid operation for that key (the keys the engine then decodes). */
export function overriddenKeys(map: YMap, allowed: { readonly append: readonly string[]; readonly replace: readonly string[] }): Set<string> {
  const keys = new Set<string>();
  const override = getPair(map, 'override')?.value;
  if (!override || override.kind !== 'map') return keys;
  for (const pair of override.pairs) {
    const operation = pair.value?.kind === 'scalar' ? pair.value.value : '';
    if ((operation === 'append' && allowed.append.includes(pair.keyText)) || (operation === 'replace' && allowed.replace.includes(pair.keyText))) {
      keys.add(pair.keyText);
    }
  }
  return keys;
}

const boolWords = new Map<string, boolean>();
for (const [word, value] of [
  ['y', true],
  ['yes', true],
  ['true', true],
  ['on', true],
  ['n', false],
  ['no', false],
  ['false', false],
  ['off', false],
] as const) {
  boolWords.set(word, value);
  boolWords.set(word.toUpperCase(), value);
  boolWords.set(word[0].toUpperCase() + word.slice(1), value);
}

/** yaml-cpp's bool conversion: y|n|yes|no|true|false|on|off, lowercase, UPPERCASE or Capitalized. */
export function parseYamlBool(text: string): boolean | undefined {
  return boolWords.get(text);
}

function isYamlBool(node: YNode | null | undefined, expected: boolean): boolean {
  return Boolean(node && node.kind === 'scalar' && parseYamlBool(node.value) === expected);
}

/**
 * yaml-cpp's unsigned 32-bit conversion (stream extraction with the base taken from the prefix): `0x…` is hex,
 * a leading `0` is octal, a `-` sign is refused, a `+` sign is accepted, and the value must fit in 32 bits.
 */
export function parseYamlUint32(text: string): number | undefined {
  const trimmed = text.replace(/[ \t\r\n]+$/, '');
  const body = trimmed.startsWith('+') ? trimmed.slice(1) : trimmed;
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[0-7]*$/.test(body)) value = body.length > 1 ? parseInt(body.slice(1), 8) : 0;
  else if (/^[1-9][0-9]*$/.test(body)) value = Number(body);
  else return undefined;
  return value <= 0xffffffff ? value : undefined;
}

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/**
 * The engine's `x.y.z` version parse: three unsigned numbers separated by dots at the start of the text; anything
 * after them is ignored (`1.2.3-rc1` is 1.2.3), fewer than three parts is invalid.
 */
export function parseVersion(text: string): Version | undefined {
  const match = /^\s*\+?(\d+)\.\s*\+?(\d+)\.\s*\+?(\d+)/.exec(text);
  if (!match) return undefined;
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number);
  if (![major, minor, patch].every((part) => part <= 0xffffffff)) return undefined;
  return { major, minor, patch };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/** The span to report a null value at: the key and its colon (`desc:`), as the engine points at the key. */
export function keyWithColonSpan(text: string, pair: YPair): Span {
  let end = pair.keySpan.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text[end] === ':' ? { start: pair.keySpan.start, end: end + 1 } : pair.keySpan;
}

/** The span that names an item: its name value, else its kind key, else the whole item. */
export function itemNameSpan(item: RulesItem): Span {
  if (item.nameNode && !item.nameNode.isNull) return item.nameNode.span;
  if (item.kindPair) return item.kindPair.keySpan;
  return item.span;
}

/** A short label of an item for messages: "rule `Name`", "macro `name`", "list `name`". */
export function itemLabel(item: RulesItem): string {
  const kind = item.kind === 'rule' || item.kind === 'macro' || item.kind === 'list' ? item.kind : 'item';
  return item.name ? `${kind} \`${item.name}\`` : `this ${kind}`;
}

/** A non-null scalar value, or undefined. */
export function nonNullScalar(node: YNode | null | undefined): YScalar | undefined {
  return node && node.kind === 'scalar' && !node.isNull ? node : undefined;
}

/** Describes a node's YAML shape for messages. */
export function shapeName(node: YNode | null | undefined): string {
  if (!node) return 'nothing';
  switch (node.kind) {
    case 'map':
      return 'a mapping';
    case 'seq':
      return 'a sequence';
    case 'alias':
      return 'an alias';
    default:
      return node.isNull ? 'an empty value' : 'a single value';
  }
}

/**
 * The keys the engine requires but the item lacks, in the engine's order: condition/output/desc/priority for a
 * full rule definition, `enabled` for the legacy enabled-only rule item, `condition` for a macro, `items` for a
 * list. (Plugin requirement entries are handled by their checks.)
 */
export function missingRequiredKeys(item: RulesItem): string[] {
  const map = item.map;
  if (!map) return [];
  switch (item.kind) {
    case 'rule': {
      const shape = ruleShape(map);
      if (shape === 'define') return RULE_REQUIRED_KEYS.filter((key) => !getPair(map, key));
      return shape === 'enable' && !getPair(map, 'enabled') ? ['enabled'] : [];
    }
    case 'macro':
      return getPair(map, 'condition') ? [] : ['condition'];
    case 'list':
      return getPair(map, 'items') ? [] : ['items'];
    default:
      return [];
  }
}

/** An unknown key of the item that looks like a misspelling of `key` (`descr` for `desc`). */
export function misspelledKey(item: RulesItem, key: string): YPair | undefined {
  const map = item.map;
  if (!map || item.kind === 'unknown' || item.kind === 'invalid') return undefined;
  const valid = ITEM_KEYS[item.kind];
  return map.pairs.find((pair) => pair.key?.kind === 'scalar' && pair.keyText !== '' && !valid.includes(pair.keyText) && suggest(pair.keyText, [key], 1).length > 0);
}


/** Items with a YAML syntax error, which the structure checks leave to the YAML diagnostic. */
export function brokenItems(syntax: RulesFileSyntax): ReadonlySet<number> {
  return itemsWithYamlErrors(syntax);
}

/** True when a document holds a YAML syntax error (its root shape may then be an artefact of recovery). */
export function isBrokenDocument(syntax: RulesFileSyntax, document: RulesDocumentInfo): boolean {
  return syntax.problems.some(
    (problem) => problem.code === 'yaml-syntax' && problem.severity === 'error' && problem.span.start >= document.span.start && problem.span.start < document.span.end,
  );
}

/** The items the structure checks look at: the items to check, except those with a YAML syntax error. */
export function checkedItems(syntax: RulesFileSyntax, items: readonly RulesItem[]): readonly RulesItem[] {
  const broken = brokenItems(syntax);
  return broken.size === 0 ? items : items.filter((item) => !broken.has(item.index));
}
