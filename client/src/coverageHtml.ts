/**
 * The HTML page of the ATT&CK coverage view: totals, a matrix with one column per tactic, and the tags that do not
 * count (revoked, deprecated, unknown). Pure string rendering without the VS Code API, so tests can read it.
 * Rule names come from the user's files: every text and attribute goes through `escapeHtml`.
 */
import type { AttackCoverage, CoverageRuleRef, CoverageTactic, CoverageTechnique } from '../../server/src/features/attackCoverage';

export interface CoverageHtmlOptions {
  /** A fresh random value per rendering; the only script and style elements carry it. */
  readonly nonce: string;
  /** The webview's `cspSource`. */
  readonly cspSource: string;
}

/** Messages the page posts to the extension. */
export type CoverageViewMessage = { readonly type: 'openRule'; readonly uri: string; readonly offset: number } | { readonly type: 'exportLayer' } | { readonly type: 'refresh' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

const percent = (covered: number, total: number): string => (total === 0 ? '0%' : `${Math.round((covered / total) * 1000) / 10}%`);

/** Score class of a cell: 1, 2, 3–4, 5–9, 10 or more rules. */
export function scoreClass(score: number): string {
  if (score <= 0) return 's0';
  if (score === 1) return 's1';
  if (score === 2) return 's2';
  if (score <= 4) return 's3';
  if (score <= 9) return 's4';
  return 's5';
}

function ruleLink(ref: CoverageRuleRef, disabled: boolean): string {
  const title = `${ref.tag}${disabled ? ' (rule disabled)' : ''}`;
  return `<li${disabled ? ' class="off"' : ''}><a href="#" class="rule" data-uri="${escapeHtml(ref.uri)}" data-offset="${ref.offset}" title="${escapeHtml(title)}">${escapeHtml(ref.name)}</a>${disabled ? ' <span class="note">disabled</span>' : ''}</li>`;
}

function ruleList(enabled: readonly CoverageRuleRef[], disabled: readonly CoverageRuleRef[]): string {
  if (enabled.length === 0 && disabled.length === 0) return '';
  return `<ul class="rules">${enabled.map((ref) => ruleLink(ref, false)).join('')}${disabled.map((ref) => ruleLink(ref, true)).join('')}</ul>`;
}

const distinct = (refs: readonly CoverageRuleRef[]): Set<string> => new Set(refs.map((ref) => ref.name));

interface Cell {
  readonly technique: CoverageTechnique;
  readonly subs: readonly CoverageTechnique[];
  /** Distinct enabled rules of the technique and of its sub-techniques shown with it. */
  readonly score: number;
  readonly tagged: boolean;
}

function cellsOf(tactic: CoverageTactic, coverage: AttackCoverage): Cell[] {
  const subsByParent = new Map<string, CoverageTechnique[]>();
  const parents: CoverageTechnique[] = [];
  for (const technique of coverage.techniques) {
    if (!technique.tactics.includes(tactic.shortname)) continue;
    if (!technique.parentId) parents.push(technique);
    else if (technique.enabledRules.length > 0 || technique.disabledRules.length > 0) {
      const subs = subsByParent.get(technique.parentId);
      if (subs) subs.push(technique);
      else subsByParent.set(technique.parentId, [technique]);
    }
  }
  const cells = parents.map((technique): Cell => {
    const subs = subsByParent.get(technique.id) ?? [];
    const enabled = distinct([...technique.enabledRules, ...subs.flatMap((sub) => sub.enabledRules)]);
    const tagged = enabled.size > 0 || technique.disabledRules.length > 0 || subs.length > 0;
    return { technique, subs, score: enabled.size, tagged };
  });
  return cells.sort((a, b) => b.score - a.score || Number(b.tagged) - Number(a.tagged) || a.technique.name.localeCompare(b.technique.name));
}

function cellTitle(cell: Cell): string {
  const names = [...distinct([...cell.technique.enabledRules, ...cell.subs.flatMap((sub) => sub.enabledRules)])];
  const head = `${cell.technique.id} ${cell.technique.name}`;
  if (!cell.tagged) return `${head}: no rule`;
  return names.length > 0 ? `${head}: ${names.join(', ')}` : `${head}: only disabled rules`;
}

function renderCell(cell: Cell): string {
  const technique = cell.technique;
  const label = `<span class="id">${escapeHtml(technique.id)}</span> <span class="name">${escapeHtml(technique.name)}</span>`;
  const title = escapeHtml(cellTitle(cell));
  if (!cell.tagged) return `<div class="cell uncovered" title="${title}">${label}</div>`;
  const state = cell.score > 0 ? scoreClass(cell.score) : 'disabled-only';
  const subs = cell.subs
    .map((sub) => {
      const count = distinct(sub.enabledRules).size;
      return `<div class="sub"><span class="id">${escapeHtml(sub.id)}</span> <span class="name">${escapeHtml(sub.name)}</span> <span class="count">${count}</span>${ruleList(sub.enabledRules, sub.disabledRules)}</div>`;
    })
    .join('');
  return (
    `<details class="cell ${state}" title="${title}"><summary>${label} <span class="count">${cell.score}</span></summary>` +
    `${ruleList(technique.enabledRules, technique.disabledRules)}${subs}</details>`
  );
}

function renderColumn(tactic: CoverageTactic, coverage: AttackCoverage): string {
  const cells = cellsOf(tactic, coverage);
  const tacticRules = ruleList(tactic.enabledRules, tactic.disabledRules);
  const tacticTagged =
    tactic.enabledRules.length + tactic.disabledRules.length > 0
      ? `<details class="tactic-tags"><summary>${plural(distinct(tactic.enabledRules).size, 'rule tags', 'rules tag')} <code>${escapeHtml(tactic.tag)}</code></summary>${tacticRules}</details>`
      : '';
  return (
    `<section class="column" data-tactic="${escapeHtml(tactic.shortname)}">` +
    `<header class="tactic"><div class="tactic-name">${escapeHtml(tactic.name)}</div>` +
    `<div class="tactic-meta"><span class="id">${escapeHtml(tactic.id)}</span> · ${tactic.techniques.covered}/${tactic.techniques.total} techniques · ${plural(tactic.enabledRuleCount, 'rule', 'rules')}</div>` +
    `${tacticTagged}</header>` +
    cells.map(renderCell).join('') +
    '</section>'
  );
}

function renderExtras(coverage: AttackCoverage): string {
  const parts: string[] = [];
  if (coverage.inactiveTechniques.length > 0) {
    const items = coverage.inactiveTechniques.map((technique) => {
      const status = technique.revokedBy ? `${technique.status}, now ${technique.revokedBy}` : technique.status;
      return `<li><span class="id">${escapeHtml(technique.id)}</span> ${escapeHtml(technique.name)} <span class="note">(${escapeHtml(status)})</span>${ruleList(technique.enabledRules, technique.disabledRules)}</li>`;
    });
    parts.push(`<details class="extra" open><summary>Revoked or deprecated technique tags (${coverage.inactiveTechniques.length}, not counted)</summary><ul class="plain">${items.join('')}</ul></details>`);
  }
  if (coverage.unknownTechniques.length > 0) {
    const items = coverage.unknownTechniques.map(
      (technique) => `<li><span class="id">${escapeHtml(technique.id)}</span>${ruleList(technique.enabledRules, technique.disabledRules)}</li>`,
    );
    parts.push(`<details class="extra" open><summary>Technique IDs ATT&amp;CK ${escapeHtml(coverage.attackVersion)} does not have (${coverage.unknownTechniques.length})</summary><ul class="plain">${items.join('')}</ul></details>`);
  }
  if (coverage.untaggedRules.length > 0) {
    const refs = coverage.untaggedRules.map((rule) => ruleLink({ name: rule.name, uri: rule.uri, offset: rule.offset, tag: 'no ATT&CK tag' }, !rule.enabled));
    parts.push(`<details class="extra"><summary>Rules without an ATT&amp;CK tag (${coverage.untaggedRules.length})</summary><ul class="rules">${refs.join('')}</ul></details>`);
  }
  return parts.join('');
}

const STYLE = `
body { background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 12px 0 4px; }
.totals { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0 10px; color: var(--vscode-descriptionForeground); }
.totals strong { color: var(--vscode-foreground); }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin-bottom: 10px; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.legend { display: flex; gap: 6px; align-items: center; color: var(--vscode-descriptionForeground); }
.swatch { display: inline-block; min-width: 2.2em; text-align: center; padding: 0 4px; border: 1px solid var(--vscode-panel-border); }
.matrix { display: flex; gap: 6px; overflow-x: auto; align-items: flex-start; padding-bottom: 8px; }
.column { flex: 0 0 170px; min-width: 170px; }
.tactic { position: sticky; top: 0; background: var(--vscode-editor-background); border-bottom: 2px solid var(--vscode-focusBorder); padding: 4px 0; margin-bottom: 4px; }
.tactic-name { font-weight: 600; }
.tactic-tags { overflow-wrap: anywhere; font-size: 0.9em; }
.tactic-meta, .note { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.cell { border: 1px solid var(--vscode-panel-border); margin: 3px 0; padding: 3px 5px; font-size: 0.92em; overflow-wrap: anywhere; }
.cell summary { cursor: pointer; }
.cell .count { float: right; font-weight: 600; }
.sub { margin: 4px 0 0 8px; padding-left: 6px; border-left: 2px solid var(--vscode-panel-border); }
.uncovered { display: none; color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
#show-uncovered:checked ~ .matrix .uncovered { display: block; }
.disabled-only { border-style: dashed; }
.s1 { background: color-mix(in srgb, var(--vscode-charts-green) 18%, transparent); }
.s2 { background: color-mix(in srgb, var(--vscode-charts-green) 32%, transparent); }
.s3 { background: color-mix(in srgb, var(--vscode-charts-green) 46%, transparent); }
.s4 { background: color-mix(in srgb, var(--vscode-charts-green) 56%, transparent); }
.s5 { background: color-mix(in srgb, var(--vscode-charts-green) 68%, transparent); }
.id { font-family: var(--vscode-editor-font-family); font-size: 0.9em; }
ul.rules, ul.plain { margin: 4px 0; padding-left: 16px; }
ul.rules li.off a { text-decoration: line-through; }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
.cell a.rule { color: var(--vscode-foreground); text-decoration: underline; }
.extra { margin-top: 12px; }
.extra summary { cursor: pointer; font-weight: 600; }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const rule = target && target.closest('a.rule');
  if (rule) {
    event.preventDefault();
    vscode.postMessage({ type: 'openRule', uri: rule.getAttribute('data-uri'), offset: Number(rule.getAttribute('data-offset')) });
    return;
  }
  const action = target && target.closest('button[data-action]');
  if (action) vscode.postMessage({ type: action.getAttribute('data-action') });
});
`;

export function renderCoverageHtml(coverage: AttackCoverage, options: CoverageHtmlOptions): string {
  const nonce = escapeHtml(options.nonce);
  const csp = [
    "default-src 'none'",
    `style-src ${options.cspSource} 'nonce-${options.nonce}'`,
    `script-src 'nonce-${options.nonce}'`,
    `img-src ${options.cspSource}`,
    `font-src ${options.cspSource}`,
  ].join('; ');
  const totals = coverage.totals;
  const legend = ['1', '2', '3–4', '5–9', '10+'].map((label, index) => `<span class="swatch s${index + 1}">${label}</span>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Falco ATT&amp;CK Coverage</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>MITRE ATT&amp;CK coverage of the Falco rules</h1>
<div class="totals">
<span><strong>${totals.enabledRules}</strong> enabled ${totals.enabledRules === 1 ? 'rule' : 'rules'} (${totals.disabledRules} disabled)</span>
<span><strong>${totals.enabledRulesWithTechnique}</strong> with a technique tag</span>
<span><strong>${totals.techniques.covered}</strong>/${totals.techniques.total} techniques (${percent(totals.techniques.covered, totals.techniques.total)})</span>
<span><strong>${totals.subtechniques.covered}</strong>/${totals.subtechniques.total} sub-techniques</span>
<span><strong>${totals.tactics.covered}</strong>/${totals.tactics.total} tactics</span>
<span>ATT&amp;CK Enterprise ${escapeHtml(coverage.attackVersion)}</span>
</div>
<div class="toolbar">
<button data-action="exportLayer">Export ATT&amp;CK Navigator layer</button>
<button class="secondary" data-action="refresh">Refresh</button>
<span class="legend">Enabled rules: ${legend}</span>
</div>
<input type="checkbox" id="show-uncovered"><label for="show-uncovered">Show the techniques no rule tags</label>
<div class="matrix">${coverage.tactics.map((tactic) => renderColumn(tactic, coverage)).join('')}</div>
${renderExtras(coverage)}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
