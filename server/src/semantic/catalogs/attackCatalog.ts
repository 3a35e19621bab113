/**
 * MITRE ATT&CK Enterprise catalog for rule tags: techniques and sub-techniques by ID (`T1059.004`), tactics by ID,
 * shortname or Falco tag (`mitre_privilege_escalation`), and a name search. Built from the bundled generated data.
 */
import data from '../../data/attack.generated.json';

export interface AttackTactic {
  readonly id: string;
  readonly name: string;
  /** Kill-chain phase name, e.g. `privilege-escalation`. */
  readonly shortname: string;
  /** Position in the Enterprise matrix, from 1. */
  readonly order: number;
  readonly url: string;
  /** The Falco tag naming this tactic, e.g. `mitre_privilege_escalation`. */
  readonly tag: string;
}

export interface AttackTechnique {
  readonly id: string;
  readonly name: string;
  /** Tactic shortnames. */
  readonly tactics: readonly string[];
  readonly isSubtechnique: boolean;
  readonly parentId?: string;
  readonly deprecated: boolean;
  readonly revoked: boolean;
  /** ID of the technique that replaced a revoked one. */
  readonly revokedBy?: string;
  readonly url: string;
}

interface GeneratedAttackFile {
  domain: string;
  version: string;
  attribution: string;
  license: string;
  tactics: { id: string; name: string; shortname: string; order: number; url: string }[];
  techniques: {
    id: string;
    name: string;
    tactics: string[];
    parentId?: string;
    deprecated?: boolean;
    revoked?: boolean;
    revokedBy?: string;
    url?: string;
  }[];
}

export interface TechniqueSearchOptions {
  /** Maximum number of results (default 20). */
  readonly limit?: number;
  /** Include deprecated and revoked techniques (default false). */
  readonly includeInactive?: boolean;
}

const TACTIC_TAG_PREFIX = 'mitre_';

export const techniqueUrl = (id: string): string => `https://attack.mitre.org/techniques/${id.replace('.', '/')}`;

/** The Falco tag of a tactic shortname: `privilege-escalation` → `mitre_privilege_escalation`. */
export const tacticTag = (shortname: string): string => TACTIC_TAG_PREFIX + shortname.replace(/-/g, '_');

const words = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

export class AttackCatalog {
  /** ATT&CK release, e.g. `18.1`. */
  readonly version: string;
  readonly domain: string;
  /** Attribution MITRE's terms require with any copy of the data. */
  readonly attribution: string;
  /** MITRE's license text, reproduced verbatim as its terms require. */
  readonly license: string;
  private readonly tacticList: readonly AttackTactic[];
  private readonly techniqueList: readonly AttackTechnique[];
  private readonly techniqueById: ReadonlyMap<string, AttackTechnique>;

  constructor() {
    const file = data as unknown as GeneratedAttackFile;
    this.version = file.version;
    this.domain = file.domain;
    this.attribution = file.attribution;
    this.license = file.license;
    this.tacticList = file.tactics.map((t) => ({ ...t, tag: tacticTag(t.shortname) }));
    this.techniqueList = file.techniques.map((t) => ({
      id: t.id,
      name: t.name,
      tactics: t.tactics,
      isSubtechnique: t.parentId !== undefined,
      ...(t.parentId ? { parentId: t.parentId } : {}),
      deprecated: t.deprecated === true,
      revoked: t.revoked === true,
      ...(t.revokedBy ? { revokedBy: t.revokedBy } : {}),
      url: t.url ?? techniqueUrl(t.id),
    }));
    this.techniqueById = new Map(this.techniqueList.map((t) => [t.id, t]));
  }

  /** A technique or sub-technique by ID (case-insensitive: `t1059.004` works). */
  technique(id: string): AttackTechnique | undefined {
    return this.techniqueById.get(id.trim().toUpperCase());
  }

  techniques(): readonly AttackTechnique[] {
    return this.techniqueList;
  }

  subtechniquesOf(id: string): readonly AttackTechnique[] {
    const parent = id.trim().toUpperCase();
    return this.techniqueList.filter((t) => t.parentId === parent);
  }

  /** Tactics in matrix order. */
  tactics(): readonly AttackTactic[] {
    return this.tacticList;
  }

  tacticById(id: string): AttackTactic | undefined {
    const wanted = id.trim().toUpperCase();
    return this.tacticList.find((t) => t.id === wanted);
  }

  tacticByShortname(shortname: string): AttackTactic | undefined {
    const wanted = shortname.trim().toLowerCase();
    return this.tacticList.find((t) => t.shortname === wanted);
  }

  /** The tactic a Falco tag names (`mitre_privilege_escalation`, any case); undefined for other tags. */
  tacticForTag(tag: string): AttackTactic | undefined {
    const lower = tag.trim().toLowerCase();
    if (!lower.startsWith(TACTIC_TAG_PREFIX)) return undefined;
    return this.tacticByShortname(lower.slice(TACTIC_TAG_PREFIX.length).replace(/_/g, '-'));
  }

  /** Tactics of a technique, in matrix order. */
  tacticsOf(technique: AttackTechnique): readonly AttackTactic[] {
    return this.tacticList.filter((t) => technique.tactics.includes(t.shortname));
  }

  /**
   * Techniques whose name contains every word of `query` (word prefixes match: `shut reb` finds
   * "System Shutdown/Reboot"); an ID query also matches. Exact and active matches first.
   */
  searchTechniques(query: string, options: TechniqueSearchOptions = {}): AttackTechnique[] {
    const wanted = words(query);
    if (wanted.length === 0) return [];
    const limit = options.limit ?? 20;
    const byId = this.technique(query);
    const scored: { technique: AttackTechnique; score: number }[] = [];
    for (const technique of this.techniqueList) {
      if (!options.includeInactive && (technique.deprecated || technique.revoked)) continue;
      const nameWords = words(technique.name);
      if (!wanted.every((w) => nameWords.some((n) => n.startsWith(w)))) continue;
      let score = 0;
      if (technique.name.toLowerCase() === query.trim().toLowerCase()) score -= 100;
      score -= wanted.filter((w) => nameWords.includes(w)).length * 10;
      score += technique.isSubtechnique ? 1 : 0;
      score += nameWords.length;
      scored.push({ technique, score });
    }
    scored.sort((a, b) => a.score - b.score || (a.technique.id < b.technique.id ? -1 : 1));
    const results = scored.map((s) => s.technique);
    if (byId && (options.includeInactive || !(byId.deprecated || byId.revoked))) {
      return [byId, ...results.filter((t) => t !== byId)].slice(0, limit);
    }
    return results.slice(0, limit);
  }
}
