/**
 * How the tag checks read a rule's `tags`: each scalar tag classified against the ATT&CK catalog and Falco's
 * tagging convention (falco-language.md §10.2): tactic tags `mitre_<shortname with _>`, technique IDs `T1059`
 * and `T1059.004`, tactic IDs `TA0002`. The engine ignores tags, so everything here is advice.
 */
import type { AttackCatalog, AttackTactic, AttackTechnique } from '../../../../semantic/catalogs/attackCatalog';
import { toSourceSpan } from '../../../../syntax/embeddedText';
import { itemsWithYamlErrors, type RulesFileSyntax, type RulesItem } from '../../../../syntax/rulesFile';
import type { Span } from '../../../../syntax/span';
import { getPair, getScalar } from '../../../../syntax/yaml/tree';

export type TagClass =
  /** Shaped like a technique ID; `technique` is undefined when ATT&CK has no such technique. */
  | { readonly kind: 'technique'; readonly id: string; readonly technique?: AttackTechnique }
  /** Shaped like a tactic ID; `tactic` is undefined when ATT&CK has no such tactic. */
  | { readonly kind: 'tactic-id'; readonly id: string; readonly tactic?: AttackTactic }
  /** A tactic tag in the Falco spelling. */
  | { readonly kind: 'tactic-tag'; readonly tactic: AttackTactic }
  /** `mitre_<x>` where x is no tactic. */
  | { readonly kind: 'unknown-tactic-tag' }
  /** An ATT&CK tactic or technique written in another convention; `falco` is the Falco spelling. */
  | {
      readonly kind: 'convention';
      readonly falco: string;
      readonly technique?: AttackTechnique;
      readonly tactic?: AttackTactic;
    }
  | { readonly kind: 'other' };

export interface TagEntry {
  readonly value: string;
  /** The tag's characters (inside the quotes of a quoted scalar). */
  readonly span: Span;
  readonly tag: TagClass;
}

export interface RuleTags {
  readonly entries: readonly TagEntry[];
  /** Tactic shortnames the tags name (tactic tags, tactic IDs and their other spellings). */
  readonly tactics: ReadonlySet<string>;
  /** The entries that name a tactic, in order. */
  readonly tacticEntries: readonly TagEntry[];
  /** True when some tag is (or is written like) a technique ID, known or not. */
  readonly hasTechnique: boolean;
  /** True for `override: {tags: append}` and legacy `append: true` items: the rule has other tags elsewhere. */
  readonly appends: boolean;
}

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const TACTIC_ID = /^TA\d{4}$/;
const SEPARATOR = '[\\s_.:=/#-]';
/** An ATT&CK ID inside a longer tag, preceded by nothing or a separator, and not followed by more of an ID. */
const EMBEDDED_ID = /(?:^|[^a-z0-9])(ta\d{4}|t\d{4}(?:\.\d{3})?)(?![a-z0-9]|\.\d)/i;
/** Words that mark the text before an embedded ID as an ATT&CK prefix (`mitre_attack_T1529`, `technique=T1529`). */
const ATTACK_PREFIX = /mitre|att&?ck|technique|tactic|ttp/i;
/** A tactic written with a prefix other than Falco's: `tactic=impact`, `mitre-impact`, `MITRE:Impact`. */
const TACTIC_PREFIXED = new RegExp(`^(?:(?:mitre|att&?ck|tactics?)${SEPARATOR}*)+(.+)$`, 'i');

/** The four `mitre_*` tags upstream rules use as topics, not as ATT&CK tactics. */
export const UPSTREAM_TOPIC_TAGS: ReadonlySet<string> = new Set([
  'mitre_data_destruction',
  'mitre_port_knocking',
  'mitre_remote_access_tools',
  'mitre_remote_service',
]);

function tacticNamed(attack: AttackCatalog, text: string): AttackTactic | undefined {
  const normalized = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return attack.tacticByShortname(normalized) ?? attack.tactics().find((tactic) => tactic.name.toLowerCase().replace(/\s+/g, '-') === normalized);
}

function idClass(attack: AttackCatalog, id: string): { technique?: AttackTechnique; tactic?: AttackTactic } {
  if (id.startsWith('TA')) {
    const tactic = attack.tacticById(id);
    return tactic ? { tactic } : {};
  }
  const technique = attack.technique(id);
  return technique ? { technique } : {};
}

export function classifyTag(attack: AttackCatalog, value: string): TagClass {
  const tag = value.trim();
  if (TECHNIQUE_ID.test(tag)) {
    const technique = attack.technique(tag);
    return technique ? { kind: 'technique', id: tag, technique } : { kind: 'technique', id: tag };
  }
  if (TACTIC_ID.test(tag)) {
    const tactic = attack.tacticById(tag);
    return tactic ? { kind: 'tactic-id', id: tag, tactic } : { kind: 'tactic-id', id: tag };
  }
  const tactic = attack.tacticForTag(tag);
  if (tactic) return tactic.tag === tag ? { kind: 'tactic-tag', tactic } : { kind: 'convention', falco: tactic.tag, tactic };
  const upper = tag.toUpperCase();
  if (TECHNIQUE_ID.test(upper) || TACTIC_ID.test(upper)) return { kind: 'convention', falco: upper, ...idClass(attack, upper) };
  const embedded = EMBEDDED_ID.exec(tag);
  if (embedded) {
    const idStart = embedded.index + embedded[0].length - embedded[1].length;
    if (idStart === 0 || ATTACK_PREFIX.test(tag.slice(0, idStart))) {
      const id = embedded[1].toUpperCase();
      return { kind: 'convention', falco: id, ...idClass(attack, id) };
    }
  }
  const prefixed = TACTIC_PREFIXED.exec(tag);
  if (prefixed) {
    const named = tacticNamed(attack, prefixed[1]);
    if (named) return { kind: 'convention', falco: named.tag, tactic: named };
  }
  if (/^mitre_/i.test(tag)) return { kind: 'unknown-tactic-tag' };
  return { kind: 'other' };
}

/**
 * The classified tags of a rule item, or null when the item is no rule or has no sequence of tags. Not cached:
 * the parser moves the spans of reused items in place, so spans must be read at each run.
 */
export function ruleTags(attack: AttackCatalog, item: RulesItem): RuleTags | null {
  if (item.kind !== 'rule' || !item.map) return null;
  const tags = getPair(item.map, 'tags')?.value;
  if (!tags || tags.kind !== 'seq') return null;
  const entries: TagEntry[] = [];
  for (const node of tags.items) {
    if (!node || node.kind !== 'scalar' || node.isNull || node.value.trim() === '') continue;
    const span = toSourceSpan(node.text, { start: 0, end: node.text.value.length });
    entries.push({ value: node.value, span, tag: classifyTag(attack, node.value) });
  }
  const tactics = new Set<string>();
  const tacticEntries: TagEntry[] = [];
  let hasTechnique = false;
  for (const entry of entries) {
    const tag = entry.tag;
    const tactic = tag.kind === 'tactic-tag' || tag.kind === 'tactic-id' || tag.kind === 'convention' ? tag.tactic : undefined;
    if (tactic) {
      tactics.add(tactic.shortname);
      tacticEntries.push(entry);
    }
    if (tag.kind === 'technique' || (tag.kind === 'convention' && /^T\d/.test(tag.falco))) hasTechnique = true;
  }
  const appends = item.legacyAppend || (item.override !== null && getScalar(item.override, 'tags')?.value === 'append');
  return { entries, tactics, tacticEntries, hasTechnique, appends };
}

/** The items a tag check looks at: rule items of `items` whose YAML is intact. */
export function taggedRules(syntax: RulesFileSyntax, items: readonly RulesItem[], attack: AttackCatalog): { item: RulesItem; tags: RuleTags }[] {
  const broken = itemsWithYamlErrors(syntax);
  const result: { item: RulesItem; tags: RuleTags }[] = [];
  for (const item of items) {
    if (item.kind !== 'rule' || broken.has(item.index)) continue;
    const tags = ruleTags(attack, item);
    if (tags && tags.entries.length > 0) result.push({ item, tags });
  }
  return result;
}

/** `mitre_impact` or, for several, "`mitre_execution` or `mitre_persistence`". */
export function tagList(tags: readonly string[], joiner = 'or'): string {
  const quoted = tags.map((tag) => `\`${tag}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${joiner} ${quoted[quoted.length - 1]}`;
}
