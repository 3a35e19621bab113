/**
 * `falco-rules coverage`: the ATT&CK coverage of the loaded rules files as a text summary, as the JSON the
 * editor's coverage view receives, or as an ATT&CK Navigator layer (layer format 4.5).
 */
import { relative } from 'node:path';
import { computeAttackCoverage, type AttackCoverage, type CoverageRuleRef } from '../features/attackCoverage';
import { toNavigatorLayer } from '../features/navigatorLayer';
import type { AttackCatalog } from '../semantic/catalogs/attackCatalog';
import { uriToPath, type WorkspaceIndex } from '../semantic/workspaceIndex';
import { LineIndex } from '../service/lineIndex';

export type CoverageFormat = 'text' | 'json' | 'navigator';

export const coverageFormats: readonly CoverageFormat[] = ['text', 'json', 'navigator'];

export interface CoverageOptions {
  readonly format: CoverageFormat;
  /** Layer name for `navigator` (default "Falco rules"). */
  readonly name?: string;
  /** Layer description for `navigator`. */
  readonly description?: string;
  /** Paths in the text report are relative to this directory (default: absolute). */
  readonly cwd?: string;
}

/** Usage lines of the subcommand, for the CLI help. */
export const coverageUsage = `Usage: falco-rules coverage [paths…] [options]

Shows which MITRE ATT&CK tactics and techniques the enabled rules tag, after every override of the load.

Options:
  --config <falco.yaml>            load order from this Falco configuration
  --format text|json|navigator     text summary (default), the coverage as JSON, or an ATT&CK Navigator layer
  --name <layer name>              name of the Navigator layer (default "Falco rules")
  --output <file>                  write to a file instead of standard output`;

/** `path:line` of a rule reference, with the line counted from 1. */
function locate(index: WorkspaceIndex, uri: string, offset: number, cwd: string | undefined): string {
  const path = uriToPath(uri);
  const shown = cwd ? relative(cwd, path) || path : path;
  const text = index.get(uri)?.syntax.text;
  if (text === undefined) return shown;
  return `${shown}:${new LineIndex(text).positionAt(offset).line + 1}`;
}

function names(refs: readonly CoverageRuleRef[]): string {
  return [...new Set(refs.map((ref) => ref.name))].join(', ');
}

const percent = (covered: number, total: number): string => (total === 0 ? '0%' : `${(Math.round((covered / total) * 1000) / 10).toFixed(1)}%`);

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** The text summary: totals, tactics, covered techniques, then what does not count and the untagged rules. */
export function formatCoverageText(coverage: AttackCoverage, index: WorkspaceIndex, cwd?: string): string {
  const totals = coverage.totals;
  const lines: string[] = [];
  lines.push(`MITRE ATT&CK Enterprise ${coverage.attackVersion} coverage of ${plural(totals.rules, 'rule', 'rules')} (${totals.enabledRules} enabled, ${totals.disabledRules} disabled)`);
  lines.push(`  enabled rules with a technique tag: ${totals.enabledRulesWithTechnique} of ${totals.enabledRules}`);
  lines.push(`  techniques covered: ${totals.techniques.covered} of ${totals.techniques.total} (${percent(totals.techniques.covered, totals.techniques.total)})`);
  lines.push(`  sub-techniques covered: ${totals.subtechniques.covered} of ${totals.subtechniques.total}`);
  lines.push(`  tactics with an enabled rule: ${totals.tactics.covered} of ${totals.tactics.total}`);
  lines.push('', 'Tactics:');
  const width = Math.max(...coverage.tactics.map((tactic) => tactic.name.length));
  for (const tactic of coverage.tactics) {
    const count = `${tactic.techniques.covered}/${tactic.techniques.total}`.padStart(7);
    lines.push(`  ${tactic.id} ${tactic.name.padEnd(width)} ${count} techniques  ${plural(tactic.enabledRuleCount, 'rule', 'rules')}`);
  }
  const tagged = coverage.techniques.filter((technique) => technique.enabledRules.length + technique.disabledRules.length > 0);
  lines.push('', `Techniques tagged (${tagged.length}):`);
  for (const technique of tagged) {
    const parts = [`  ${technique.id} ${technique.name} [${technique.tactics.join(', ')}]`];
    if (technique.enabledRules.length > 0) parts.push(`${plural(new Set(technique.enabledRules.map((ref) => ref.name)).size, 'rule', 'rules')}: ${names(technique.enabledRules)}`);
    if (technique.disabledRules.length > 0) parts.push(`disabled: ${names(technique.disabledRules)}`);
    lines.push(parts.join(' — '));
  }
  if (coverage.inactiveTechniques.length > 0) {
    lines.push('', 'Revoked or deprecated technique tags (not counted):');
    for (const technique of coverage.inactiveTechniques) {
      const status = technique.revokedBy ? `${technique.status}, now ${technique.revokedBy}` : technique.status;
      for (const ref of [...technique.enabledRules, ...technique.disabledRules]) {
        lines.push(`  ${technique.id} ${technique.name} (${status}): ${ref.name} at ${locate(index, ref.uri, ref.offset, cwd)}`);
      }
    }
  }
  if (coverage.unknownTechniques.length > 0) {
    lines.push('', `Technique IDs ATT&CK ${coverage.attackVersion} does not have:`);
    for (const technique of coverage.unknownTechniques) {
      for (const ref of [...technique.enabledRules, ...technique.disabledRules]) lines.push(`  ${technique.id}: ${ref.name} at ${locate(index, ref.uri, ref.offset, cwd)}`);
    }
  }
  if (coverage.untaggedRules.length > 0) {
    lines.push('', `Rules without an ATT&CK tag (${coverage.untaggedRules.length}):`);
    for (const rule of coverage.untaggedRules) {
      lines.push(`  ${rule.name}${rule.enabled ? '' : ' (disabled)'} at ${locate(index, rule.uri, rule.offset, cwd)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The report of `falco-rules coverage` over an index that already holds the rules files (and the load order). */
export function runCoverage(index: WorkspaceIndex, attack: AttackCatalog, options: CoverageOptions): string {
  const coverage = computeAttackCoverage(index, attack);
  if (options.format === 'json') return JSON.stringify(coverage, null, 2) + '\n';
  if (options.format === 'navigator') {
    const layer = toNavigatorLayer(coverage, { name: options.name ?? 'Falco rules', ...(options.description ? { description: options.description } : {}) });
    return JSON.stringify(layer, null, 2) + '\n';
  }
  return formatCoverageText(coverage, index, options.cwd);
}
