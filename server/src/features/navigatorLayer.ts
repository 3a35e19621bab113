/**
 * An ATT&CK Navigator layer (layer file format 4.5) from the workspace's ATT&CK coverage: one annotation per
 * covered technique and tactic, scored with the number of enabled rules that tag it. The extension client bundles
 * this file, so it imports types only.
 */
import type { AttackCoverage, CoverageRuleRef } from './attackCoverage';

export interface NavigatorTechnique {
  readonly techniqueID: string;
  /** Tactic shortname, e.g. `privilege-escalation`. */
  readonly tactic: string;
  readonly score?: number;
  readonly comment: string;
  readonly enabled: boolean;
  readonly showSubtechniques?: boolean;
}

export interface NavigatorLayer {
  readonly name: string;
  readonly versions: { readonly attack: string; readonly navigator: string; readonly layer: string };
  readonly domain: string;
  readonly description: string;
  readonly sorting: number;
  readonly layout: {
    readonly layout: 'side';
    readonly showID: boolean;
    readonly showName: boolean;
    readonly showAggregateScores: boolean;
    readonly countUnscored: boolean;
    readonly aggregateFunction: 'max';
    readonly expandedSubtechniques: 'annotated';
  };
  readonly hideDisabled: boolean;
  readonly techniques: readonly NavigatorTechnique[];
  readonly gradient: { readonly colors: readonly string[]; readonly minValue: number; readonly maxValue: number };
  readonly legendItems: readonly { readonly label: string; readonly color: string }[];
  readonly showTacticRowBackground: boolean;
  readonly tacticRowBackground: string;
  readonly selectTechniquesAcrossTactics: boolean;
  readonly selectSubtechniquesWithParent: boolean;
  readonly selectVisibleTechniques: boolean;
  readonly metadata: readonly { readonly name: string; readonly value: string }[];
}

export interface NavigatorLayerOptions {
  readonly name: string;
  readonly description?: string;
}

export const NAVIGATOR_VERSION = '5.1.0';
export const LAYER_FORMAT_VERSION = '4.5';
export const LAYER_TOOL_NAME = 'Falco Rules (falco-rules)';

/** Light to dark green, from one rule (the lowest score of an annotation) to the most rules. */
const GRADIENT = ['#a1d99b', '#238b45'] as const;

/** `18.1` → `18`: the layer names the ATT&CK major release. */
export function attackMajorVersion(version: string): string {
  const match = /^\s*(\d+)/.exec(version);
  return match ? match[1] : version.trim();
}

/** Distinct rule names, in order. */
function ruleNames(refs: readonly CoverageRuleRef[]): string[] {
  return [...new Set(refs.map((ref) => ref.name))];
}

function comment(enabled: readonly string[], disabled: readonly string[]): string {
  const parts: string[] = [];
  if (enabled.length > 0) parts.push(`Falco rules: ${enabled.join(', ')}`);
  if (disabled.length > 0) parts.push(`Disabled rules: ${disabled.join(', ')}`);
  return parts.join('\n');
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/**
 * The layer of a coverage. Techniques that only disabled rules tag are left out (the comment of a covered
 * technique names its disabled rules too); a technique whose sub-technique is covered gets `showSubtechniques`,
 * with an unscored annotation of its own when no rule tags it directly.
 */
export function toNavigatorLayer(coverage: AttackCoverage, options: NavigatorLayerOptions): NavigatorLayer {
  const techniques: NavigatorTechnique[] = [];
  const coveredSubsByParent = new Map<string, Set<string>>();
  for (const technique of coverage.techniques) {
    if (!technique.parentId || technique.enabledRules.length === 0) continue;
    let tactics = coveredSubsByParent.get(technique.parentId);
    if (!tactics) coveredSubsByParent.set(technique.parentId, (tactics = new Set()));
    for (const tactic of technique.tactics) tactics.add(tactic);
  }
  let maxScore = 1;
  let coveredTechniques = 0;
  for (const technique of coverage.techniques) {
    const enabled = ruleNames(technique.enabledRules);
    const subTactics = technique.parentId ? undefined : coveredSubsByParent.get(technique.id);
    if (enabled.length === 0 && !subTactics) continue;
    if (enabled.length > 0) coveredTechniques++;
    const disabled = ruleNames(technique.disabledRules).filter((name) => !enabled.includes(name));
    for (const tactic of technique.tactics) {
      const showSubtechniques = subTactics?.has(tactic) === true;
      if (enabled.length === 0 && !showSubtechniques) continue;
      techniques.push({
        techniqueID: technique.id,
        tactic,
        ...(enabled.length > 0 ? { score: enabled.length } : {}),
        comment: enabled.length > 0 ? comment(enabled, disabled) : '',
        enabled: true,
        ...(showSubtechniques ? { showSubtechniques: true } : {}),
      });
    }
    maxScore = Math.max(maxScore, enabled.length);
  }
  const totals = coverage.totals;
  const description =
    options.description ??
    `ATT&CK techniques tagged by ${plural(totals.enabledRules, 'enabled Falco rule', 'enabled Falco rules')}; the score is the number of rules.`;
  return {
    name: options.name,
    versions: { attack: attackMajorVersion(coverage.attackVersion), navigator: NAVIGATOR_VERSION, layer: LAYER_FORMAT_VERSION },
    domain: 'enterprise-attack',
    description,
    sorting: 3,
    layout: {
      layout: 'side',
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      aggregateFunction: 'max',
      expandedSubtechniques: 'annotated',
    },
    hideDisabled: false,
    techniques,
    // The format wants maxValue > minValue, even when every score is 1.
    gradient: { colors: [...GRADIENT], minValue: 1, maxValue: Math.max(2, maxScore) },
    legendItems: [
      { label: 'Tagged by 1 enabled rule', color: GRADIENT[0] },
      ...(maxScore > 1 ? [{ label: `Tagged by ${maxScore} enabled rules`, color: GRADIENT[1] }] : []),
    ],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: [
      { name: 'Generated by', value: LAYER_TOOL_NAME },
      { name: 'ATT&CK version', value: coverage.attackVersion },
      { name: 'Enabled rules', value: String(totals.enabledRules) },
      { name: 'Techniques covered', value: `${totals.techniques.covered} of ${totals.techniques.total}` },
      { name: 'Sub-techniques covered', value: `${totals.subtechniques.covered} of ${totals.subtechniques.total}` },
      { name: 'Annotated techniques', value: String(coveredTechniques) },
    ],
  };
}
