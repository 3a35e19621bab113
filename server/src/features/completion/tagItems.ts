/**
 * Tag completion: ATT&CK tactic tags (`mitre_execution`), technique IDs searchable by technique name (typing
 * "shutdown" offers T1529), and Falco's conventional tags plus those the workspace already uses.
 */
import type { AttackCatalog, AttackTechnique } from '../../semantic/catalogs/attackCatalog';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { sortKey, type Candidate } from './types';
import { tagUsage } from './usage';

/** Tags of Falco's own rules files that are not ATT&CK tags. */
const CONVENTIONAL_TAGS: Readonly<Record<string, string>> = {
  maturity_stable: 'maturity: stable, enabled by default',
  maturity_incubating: 'maturity: incubating',
  maturity_sandbox: 'maturity: sandbox, experimental',
  maturity_deprecated: 'maturity: deprecated',
  host: 'applies to hosts',
  container: 'applies to containers',
  k8s: 'Kubernetes',
  network: 'network activity',
  process: 'process activity',
  filesystem: 'file system activity',
  users: 'user accounts',
  software_mgmt: 'package management',
  cloud: 'cloud provider activity',
  aws: 'AWS',
  gcp: 'Google Cloud',
  github: 'GitHub',
  okta: 'Okta',
};

const MAX_TECHNIQUES = 60;

function techniqueCandidate(technique: AttackTechnique, group: number): Candidate {
  return {
    label: technique.id,
    kind: 'technique',
    detail: technique.name,
    sortText: sortKey(group, technique.id),
    filterText: `${technique.id} ${technique.name}`,
    resolvable: true,
  };
}

/**
 * Candidates for the tag being typed (`word`) in a rule whose other tags are `present`. Techniques of the rule's
 * tactics come first; a word that is not an ID prefix searches technique names.
 */
export function tagCandidates(index: WorkspaceIndex, attack: AttackCatalog, word: string, present: readonly string[]): { candidates: Candidate[]; incomplete: boolean } {
  const have = new Set(present);
  const candidates: Candidate[] = [];
  const ruleTactics = new Set(present.map((tag) => attack.tacticForTag(tag)?.shortname).filter((name): name is string => Boolean(name)));
  for (const tactic of attack.tactics()) {
    if (!have.has(tactic.tag)) candidates.push({ label: tactic.tag, kind: 'tactic', detail: `${tactic.id} ${tactic.name}`, sortText: sortKey(ruleTactics.size > 0 ? 3 : 1, String(tactic.order).padStart(2, '0')), filterText: `${tactic.tag} ${tactic.name}`, resolvable: true });
  }
  let incomplete = false;
  const trimmed = word.trim();
  const active = (technique: AttackTechnique) => !technique.deprecated && !technique.revoked && !have.has(technique.id);
  if (/^t\d*(\.\d*)?$/i.test(trimmed) && trimmed.length > 1) {
    const prefix = trimmed.toUpperCase();
    const matching = attack.techniques().filter((technique) => active(technique) && technique.id.startsWith(prefix));
    for (const technique of matching.slice(0, MAX_TECHNIQUES)) candidates.push(techniqueCandidate(technique, technique.tactics.some((t) => ruleTactics.has(t)) ? 0 : 2));
    incomplete = matching.length > MAX_TECHNIQUES;
  } else if (trimmed.length >= 2) {
    for (const technique of attack.searchTechniques(trimmed, { limit: MAX_TECHNIQUES })) {
      if (active(technique)) candidates.push(techniqueCandidate(technique, technique.tactics.some((t) => ruleTactics.has(t)) ? 0 : 2));
    }
    incomplete = true;
  } else {
    // Nothing typed yet: the techniques of the rule's tactics, or none (the list would be too long to browse).
    if (ruleTactics.size > 0) {
      const matching = attack.techniques().filter((technique) => active(technique) && !technique.isSubtechnique && technique.tactics.some((t) => ruleTactics.has(t)));
      for (const technique of matching.slice(0, MAX_TECHNIQUES)) candidates.push(techniqueCandidate(technique, 0));
    }
    incomplete = true;
  }
  const usage = tagUsage(index);
  const conventional = new Set(Object.keys(CONVENTIONAL_TAGS));
  for (const [tag] of [...usage].sort((a, b) => b[1] - a[1])) {
    // The word being typed is in the parsed text too: it is no tag of the workspace yet.
    if (tag === trimmed || conventional.has(tag) || have.has(tag) || attack.tacticForTag(tag) || /^T\d{4}/.test(tag)) continue;
    if (candidates.length > 400) break;
    candidates.push({ label: tag, kind: 'tag', detail: `used ${usage.get(tag)}× in the workspace`, sortText: sortKey(5, String(99999 - (usage.get(tag) ?? 0)).padStart(5, '0')) });
  }
  for (const [tag, detail] of Object.entries(CONVENTIONAL_TAGS)) {
    if (!have.has(tag)) candidates.push({ label: tag, kind: 'tag', detail, sortText: sortKey(4, String(99999 - (usage.get(tag) ?? 0)).padStart(5, '0') + tag) });
  }
  return { candidates, incomplete };
}
