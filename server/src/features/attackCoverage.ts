/**
 * ATT&CK coverage of the workspace: each rule's effective state after the whole load (last full definition, then
 * `enabled` and `tags` updates in load order, falco-language.md §1.8, §2), and which tactics and techniques the
 * rules tag. The result is plain JSON data: the server sends it as the answer of `falco/attackCoverage`.
 */
import type { AttackCatalog, AttackTactic, AttackTechnique } from '../semantic/catalogs/attackCatalog';
import type { IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import { itemsWithYamlErrors, type RulesItem } from '../syntax/rulesFile';
import { getScalar, type YMap } from '../syntax/yaml/tree';
import { parseYamlBool, ruleShape } from './diagnostics/checks/structure/shared';
import { ruleTags } from './diagnostics/checks/tags/shared';

/** A rule that tags a technique or tactic, at the tag that does it. */
export interface CoverageRuleRef {
  readonly name: string;
  readonly uri: string;
  /** Offset of the tag in the file `uri` (UTF-16). */
  readonly offset: number;
  /** The tag as written. */
  readonly tag: string;
}

export interface CoverageCount {
  readonly covered: number;
  readonly total: number;
}

export interface CoverageTactic {
  readonly id: string;
  /** Kill-chain phase name, e.g. `privilege-escalation`. */
  readonly shortname: string;
  readonly name: string;
  /** The Falco tag, e.g. `mitre_privilege_escalation`. */
  readonly tag: string;
  /** Rules that tag the tactic itself (its Falco tag or its ID). */
  readonly enabledRules: readonly CoverageRuleRef[];
  readonly disabledRules: readonly CoverageRuleRef[];
  /** Techniques (not sub-techniques) of the tactic, covered when an enabled rule tags them or one of their sub-techniques of this tactic. */
  readonly techniques: CoverageCount;
  /** Sub-techniques of the tactic that an enabled rule tags. */
  readonly subtechniques: CoverageCount;
  /** Distinct enabled rules that tag the tactic or one of its techniques. */
  readonly enabledRuleCount: number;
}

export interface CoverageTechnique {
  readonly id: string;
  readonly name: string;
  /** Tactic shortnames, in matrix order. */
  readonly tactics: readonly string[];
  /** For a sub-technique, the ID of its technique. */
  readonly parentId?: string;
  readonly enabledRules: readonly CoverageRuleRef[];
  readonly disabledRules: readonly CoverageRuleRef[];
}

/** A tag naming a revoked or deprecated technique: shown apart, never counted as coverage. */
export interface CoverageInactiveTechnique {
  readonly id: string;
  readonly name: string;
  readonly status: 'revoked' | 'deprecated';
  /** The technique that replaced a revoked one. */
  readonly revokedBy?: string;
  readonly enabledRules: readonly CoverageRuleRef[];
  readonly disabledRules: readonly CoverageRuleRef[];
}

/** A tag shaped like a technique ID that the catalog does not have. */
export interface CoverageUnknownTechnique {
  readonly id: string;
  readonly enabledRules: readonly CoverageRuleRef[];
  readonly disabledRules: readonly CoverageRuleRef[];
}

export interface CoverageUntaggedRule {
  readonly name: string;
  readonly uri: string;
  /** Offset of the rule's name in its (last) full definition. */
  readonly offset: number;
  readonly enabled: boolean;
}

export interface CoverageTotals {
  /** Rules with a full definition in the workspace. */
  readonly rules: number;
  readonly enabledRules: number;
  readonly disabledRules: number;
  /** Enabled rules that tag at least one current technique or sub-technique. */
  readonly enabledRulesWithTechnique: number;
  /** Techniques (not sub-techniques) of the matrix covered directly or through one of their sub-techniques. */
  readonly techniques: CoverageCount;
  readonly subtechniques: CoverageCount;
  /** Tactics with at least one enabled rule (by tactic tag or technique). */
  readonly tactics: CoverageCount;
}

export interface AttackCoverage {
  /** ATT&CK release of the catalog, e.g. `18.1`. */
  readonly attackVersion: string;
  /** `enterprise-attack`. */
  readonly domain: string;
  /** Tactics in matrix order. */
  readonly tactics: readonly CoverageTactic[];
  /** Every current technique and sub-technique of the matrix, covered or not, ordered by ID. */
  readonly techniques: readonly CoverageTechnique[];
  readonly inactiveTechniques: readonly CoverageInactiveTechnique[];
  readonly unknownTechniques: readonly CoverageUnknownTechnique[];
  /** Rules without any ATT&CK tactic or technique tag, in load order. */
  readonly untaggedRules: readonly CoverageUntaggedRule[];
  readonly totals: CoverageTotals;
}

/** What one ATT&CK tag of a rule names. */
type TagHit =
  | { readonly kind: 'technique'; readonly technique: AttackTechnique; readonly ref: CoverageRuleRef }
  | { readonly kind: 'tactic'; readonly tactic: AttackTactic; readonly ref: CoverageRuleRef }
  | { readonly kind: 'unknown'; readonly id: string; readonly ref: CoverageRuleRef };

/** A rule after the whole load: its last full definition with the later `enabled` and `tags` updates applied. */
interface EffectiveRule {
  readonly name: string;
  uri: string;
  offset: number;
  enabled: boolean;
  /** ATT&CK tags by what they name (`T1059`, `tactic:execution`): two spellings of one ID count once. */
  hits: Map<string, TagHit>;
}

function tagHits(attack: AttackCatalog, name: string, uri: string, item: RulesItem): Map<string, TagHit> | null {
  const tags = ruleTags(attack, item);
  if (!tags) return null;
  const hits = new Map<string, TagHit>();
  for (const entry of tags.entries) {
    const ref: CoverageRuleRef = { name, uri, offset: entry.span.start, tag: entry.value.trim() };
    const tag = entry.tag;
    let key: string;
    let hit: TagHit;
    if ((tag.kind === 'technique' || tag.kind === 'convention') && tag.technique) {
      key = tag.technique.id;
      hit = { kind: 'technique', technique: tag.technique, ref };
    } else if ((tag.kind === 'tactic-tag' || tag.kind === 'tactic-id' || tag.kind === 'convention') && tag.tactic) {
      key = `tactic:${tag.tactic.shortname}`;
      hit = { kind: 'tactic', tactic: tag.tactic, ref };
    } else if (tag.kind === 'technique') {
      key = tag.id.toUpperCase();
      hit = { kind: 'unknown', id: key, ref };
    } else if (tag.kind === 'convention' && /^T\d/.test(tag.falco)) {
      key = tag.falco;
      hit = { kind: 'unknown', id: key, ref };
    } else continue;
    if (!hits.has(key)) hits.set(key, hit);
  }
  return hits;
}

function yamlBool(map: YMap, key: string): boolean | undefined {
  const scalar = getScalar(map, key);
  return scalar && !scalar.isNull ? parseYamlBool(scalar.value) : undefined;
}

/** Rule names in load order of their first item. */
function ruleNames(index: WorkspaceIndex): string[] {
  const names = new Set<string>();
  for (const file of index.files()) {
    for (const declaration of file.symbols.declarations) if (declaration.kind === 'rule') names.add(declaration.name);
  }
  return [...names];
}

/**
 * Applies a rule's items in load order, as the engine does: a full definition starts over, the legacy
 * enabled-only item and `override: {enabled: replace}` switch it, `override: {tags: append|replace}` changes its
 * tags. A legacy `append: true` takes only condition and exceptions, so it changes neither. Items damaged by a
 * YAML error and updates before any definition are skipped (the engine refuses them).
 */
function effectiveRule(index: WorkspaceIndex, attack: AttackCatalog, name: string, damaged: (file: IndexedFile) => ReadonlySet<number>): EffectiveRule | null {
  let rule: EffectiveRule | null = null;
  for (const location of index.declarationsOf('rule', name)) {
    const file = location.file;
    const item = file.syntax.items[location.declaration.itemIndex];
    if (!item || item.kind !== 'rule' || !item.map || damaged(file).has(item.index)) continue;
    const map = item.map;
    const shape = ruleShape(map);
    if (shape === 'define') {
      rule = {
        name,
        uri: file.uri,
        offset: location.declaration.nameSpan.start,
        enabled: yamlBool(map, 'enabled') ?? true,
        hits: tagHits(attack, name, file.uri, item) ?? new Map(),
      };
      continue;
    }
    if (!rule) continue;
    if (shape === 'enable') {
      rule.enabled = yamlBool(map, 'enabled') ?? rule.enabled;
      continue;
    }
    if (shape !== 'override' || item.legacyAppend || !item.override) continue;
    const tagsOperation = getScalar(item.override, 'tags')?.value;
    if (tagsOperation === 'append' || tagsOperation === 'replace') {
      const hits = tagHits(attack, name, file.uri, item);
      if (hits && tagsOperation === 'replace') rule.hits = hits;
      else if (hits) for (const [key, hit] of hits) if (!rule.hits.has(key)) rule.hits.set(key, hit);
    }
    if (getScalar(item.override, 'enabled')?.value === 'replace') rule.enabled = yamlBool(map, 'enabled') ?? rule.enabled;
  }
  return rule;
}

interface RefLists {
  readonly enabledRules: CoverageRuleRef[];
  readonly disabledRules: CoverageRuleRef[];
}

function refLists(): RefLists {
  return { enabledRules: [], disabledRules: [] };
}

function addRef(lists: RefLists, ref: CoverageRuleRef, enabled: boolean): void {
  (enabled ? lists.enabledRules : lists.disabledRules).push(ref);
}

const isActive = (technique: AttackTechnique): boolean => !technique.revoked && !technique.deprecated;

export function computeAttackCoverage(index: WorkspaceIndex, attack: AttackCatalog): AttackCoverage {
  const damagedByFile = new Map<IndexedFile, ReadonlySet<number>>();
  const damaged = (file: IndexedFile): ReadonlySet<number> => {
    let items = damagedByFile.get(file);
    if (!items) damagedByFile.set(file, (items = itemsWithYamlErrors(file.syntax)));
    return items;
  };
  const rules: EffectiveRule[] = [];
  for (const name of ruleNames(index)) {
    const rule = effectiveRule(index, attack, name, damaged);
    if (rule) rules.push(rule);
  }

  const tacticOrder = new Map(attack.tactics().map((tactic) => [tactic.shortname, tactic.order]));
  const active = attack
    .techniques()
    .filter(isActive)
    .slice()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byTechnique = new Map(active.map((technique) => [technique.id, refLists()]));
  const byTactic = new Map(attack.tactics().map((tactic) => [tactic.shortname, refLists()]));
  const inactive = new Map<string, { technique: AttackTechnique; lists: RefLists }>();
  const unknown = new Map<string, RefLists>();
  const untaggedRules: CoverageUntaggedRule[] = [];
  /** Enabled rule names per tactic shortname (tactic tags and techniques). */
  const tacticRules = new Map<string, Set<string>>(attack.tactics().map((tactic) => [tactic.shortname, new Set<string>()]));
  let enabledRules = 0;
  let enabledRulesWithTechnique = 0;

  for (const rule of rules) {
    if (rule.enabled) enabledRules++;
    if (rule.hits.size === 0) untaggedRules.push({ name: rule.name, uri: rule.uri, offset: rule.offset, enabled: rule.enabled });
    let tagsTechnique = false;
    for (const hit of rule.hits.values()) {
      if (hit.kind === 'tactic') {
        addRef(byTactic.get(hit.tactic.shortname)!, hit.ref, rule.enabled);
        if (rule.enabled) tacticRules.get(hit.tactic.shortname)!.add(rule.name);
      } else if (hit.kind === 'unknown') {
        let lists = unknown.get(hit.id);
        if (!lists) unknown.set(hit.id, (lists = refLists()));
        addRef(lists, hit.ref, rule.enabled);
      } else if (!isActive(hit.technique)) {
        let entry = inactive.get(hit.technique.id);
        if (!entry) inactive.set(hit.technique.id, (entry = { technique: hit.technique, lists: refLists() }));
        addRef(entry.lists, hit.ref, rule.enabled);
      } else {
        const lists = byTechnique.get(hit.technique.id);
        if (!lists) continue;
        addRef(lists, hit.ref, rule.enabled);
        tagsTechnique = true;
        if (rule.enabled) for (const shortname of hit.technique.tactics) tacticRules.get(shortname)?.add(rule.name);
      }
    }
    if (rule.enabled && tagsTechnique) enabledRulesWithTechnique++;
  }

  const techniques: CoverageTechnique[] = active.map((technique) => ({
    id: technique.id,
    name: technique.name,
    tactics: [...technique.tactics].filter((shortname) => tacticOrder.has(shortname)).sort((a, b) => tacticOrder.get(a)! - tacticOrder.get(b)!),
    ...(technique.parentId ? { parentId: technique.parentId } : {}),
    ...byTechnique.get(technique.id)!,
  }));

  const covered = (technique: CoverageTechnique): boolean => technique.enabledRules.length > 0;
  /** Parent ID → tactics in which one of its sub-techniques is covered. */
  const coveredThroughSub = new Map<string, Set<string>>();
  for (const technique of techniques) {
    if (!technique.parentId || !covered(technique)) continue;
    let tactics = coveredThroughSub.get(technique.parentId);
    if (!tactics) coveredThroughSub.set(technique.parentId, (tactics = new Set()));
    for (const shortname of technique.tactics) tactics.add(shortname);
  }
  const parentCovered = (technique: CoverageTechnique, shortname?: string): boolean => {
    if (covered(technique)) return true;
    const through = coveredThroughSub.get(technique.id);
    return through !== undefined && (shortname === undefined || through.has(shortname));
  };

  const tactics: CoverageTactic[] = attack.tactics().map((tactic) => {
    const own = techniques.filter((technique) => technique.tactics.includes(tactic.shortname));
    const parents = own.filter((technique) => !technique.parentId);
    const subs = own.filter((technique) => technique.parentId);
    return {
      id: tactic.id,
      shortname: tactic.shortname,
      name: tactic.name,
      tag: tactic.tag,
      ...byTactic.get(tactic.shortname)!,
      techniques: { covered: parents.filter((technique) => parentCovered(technique, tactic.shortname)).length, total: parents.length },
      subtechniques: { covered: subs.filter(covered).length, total: subs.length },
      enabledRuleCount: tacticRules.get(tactic.shortname)!.size,
    };
  });

  const parents = techniques.filter((technique) => !technique.parentId);
  const subtechniques = techniques.filter((technique) => technique.parentId);
  const inactiveTechniques: CoverageInactiveTechnique[] = [...inactive.values()]
    .sort((a, b) => (a.technique.id < b.technique.id ? -1 : 1))
    .map(({ technique, lists }) => ({
      id: technique.id,
      name: technique.name,
      status: technique.revoked ? 'revoked' : 'deprecated',
      ...(technique.revokedBy ? { revokedBy: technique.revokedBy } : {}),
      ...lists,
    }));
  const unknownTechniques: CoverageUnknownTechnique[] = [...unknown.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, lists]) => ({ id, ...lists }));

  return {
    attackVersion: attack.version,
    domain: attack.domain,
    tactics,
    techniques,
    inactiveTechniques,
    unknownTechniques,
    untaggedRules,
    totals: {
      rules: rules.length,
      enabledRules,
      disabledRules: rules.length - enabledRules,
      enabledRulesWithTechnique,
      techniques: { covered: parents.filter((technique) => parentCovered(technique)).length, total: parents.length },
      subtechniques: { covered: subtechniques.filter(covered).length, total: subtechniques.length },
      tactics: { covered: tactics.filter((tactic) => tactic.enabledRuleCount > 0).length, total: tactics.length },
    },
  };
}
