import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml, renderCoverageHtml, scoreClass } from '../../../client/src/coverageHtml';
import { computeAttackCoverage } from '../../../server/src/features/attackCoverage';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { dedent } from '../../helpers/markers';
import { openFixture } from '../../helpers/service';

const attack = createDefaultCatalogs().attack;

const workspace = openFixture(
  dedent(`
    #- we"ird<dir>/rules.yaml
    - rule: "<script>alert(1)</script> & \\"q\\""
      desc: d
      condition: evt.type = execve
      output: x
      priority: WARNING
      tags: [mitre_execution, <|>T1059]
    - rule: Shell two
      desc: d
      condition: evt.type = execve
      output: x
      priority: WARNING
      tags: [T1059, T1059.004]
    - rule: Reboot watch
      desc: d
      condition: evt.type = execve
      output: x
      priority: WARNING
      enabled: false
      tags: [T1529]
    - rule: <b>Plain</b>
      desc: d
      condition: evt.type = execve
      output: x
      priority: WARNING
      tags: [T1086]
  `),
);
const coverage = computeAttackCoverage(workspace.service.index, attack);
const nonce = 'NoNcE123';
const cspSource = 'https://*.vscode-cdn.net';
const html = renderCoverageHtml(coverage, { nonce, cspSource });

const decode = (text: string): string => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

function count(pattern: RegExp): number {
  return [...html.matchAll(pattern)].length;
}

describe('ATT&CK coverage page', () => {
  test('a strict content security policy: nothing remote, script and style only with the nonce', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta);
    assert.equal(
      decode(meta[1]),
      `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}; font-src ${cspSource}`,
    );
    assert.equal(count(/<script\b/g), 1);
    assert.equal(count(/<script nonce="NoNcE123">/g), 1);
    assert.equal(count(/<style\b/g), 1);
    assert.equal(count(/<style nonce="NoNcE123">/g), 1);
    // Inline style attributes and event handlers would be blocked by the policy; remote content is never loaded.
    assert.equal(count(/\sstyle=/g), 0);
    assert.equal(count(/\son[a-z]+=/g), 0);
    assert.equal(count(/\ssrc=/g), 0);
    assert.ok(!html.split(cspSource).join('').match(/https?:\/\//), 'no address but the cspSource of the policy');
  });

  test('rule names and file names are escaped', () => {
    assert.ok(!html.includes('<script>alert'));
    assert.ok(!html.includes('<b>Plain'));
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;q&#34;'));
    assert.ok(html.includes('&#60;b&#62;Plain&#60;/b&#62;'));
    const file = workspace.file('rules.yaml');
    assert.ok(html.includes(`data-uri="${escapeHtml(file.uri)}" data-offset="${file.cursors[0]}"`));
    assert.ok(!html.includes('we"ird'));
  });

  test('the header shows the totals', () => {
    assert.match(html, /<strong>3<\/strong> enabled rules \(1 disabled\)/);
    assert.match(html, /<strong>2<\/strong> with a technique tag/);
    assert.match(html, new RegExp(`<strong>1</strong>/${coverage.totals.techniques.total} techniques \\(0\\.\\d%\\)`));
    assert.match(html, /<strong>1<\/strong>\/\d+ sub-techniques/);
    assert.match(html, /<strong>1<\/strong>\/14 tactics/);
  });

  test('one column per tactic, in matrix order', () => {
    const columns = [...html.matchAll(/<section class="column" data-tactic="([a-z-]+)">/g)].map((match) => match[1]);
    assert.deepEqual(
      columns,
      attack.tactics().map((tactic) => tactic.shortname),
    );
  });

  test('covered cells are coloured by their rule count and list their rules; sub-techniques sit in their parent', () => {
    const cell = /<details class="cell (s\d)" title="([^"]*)"><summary><span class="id">T1059<\/span> <span class="name">Command and Scripting Interpreter<\/span> <span class="count">(\d+)<\/span><\/summary>(.*?)<\/details>/.exec(html);
    assert.ok(cell);
    assert.equal(cell[1], 's2');
    assert.equal(cell[3], '2');
    assert.equal(decode(cell[2]), 'T1059 Command and Scripting Interpreter: <script>alert(1)</script> & "q", Shell two');
    assert.match(cell[4], /<div class="sub"><span class="id">T1059\.004<\/span> <span class="name">Unix Shell<\/span> <span class="count">1<\/span><ul class="rules"><li><a href="#" class="rule" [^>]*>Shell two<\/a><\/li><\/ul><\/div>$/);
  });

  test('a technique only disabled rules tag is shown apart; uncovered techniques are hidden behind a toggle', () => {
    assert.match(html, /<details class="cell disabled-only" title="T1529 System Shutdown\/Reboot: only disabled rules">/);
    const uncovered = coverage.techniques.filter((technique) => !technique.parentId).reduce((sum, technique) => sum + technique.tactics.length, 0) - 2;
    assert.equal(count(/<div class="cell uncovered"/g), uncovered);
    assert.match(html, /<input type="checkbox" id="show-uncovered"><label for="show-uncovered">/);
    assert.match(html, /#show-uncovered:checked ~ \.matrix \.uncovered \{ display: block; \}/);
  });

  test('the export and refresh buttons post messages', () => {
    assert.match(html, /<button data-action="exportLayer">Export ATT&amp;CK Navigator layer<\/button>/);
    assert.match(html, /<button class="secondary" data-action="refresh">Refresh<\/button>/);
    assert.match(html, /vscode\.postMessage\(\{ type: 'openRule', uri: rule\.getAttribute\('data-uri'\), offset: Number\(rule\.getAttribute\('data-offset'\)\) \}\)/);
  });

  test('the script is valid JavaScript', () => {
    const script = /<script nonce="NoNcE123">([\s\S]*?)<\/script>/.exec(html);
    assert.ok(script);
    assert.doesNotThrow(() => new Function(script[1]));
  });

  test('revoked technique tags are listed with their replacement', () => {
    assert.match(html, /Revoked or deprecated technique tags \(1, not counted\)<\/summary><ul class="plain"><li><span class="id">T1086<\/span> PowerShell <span class="note">\(revoked, now T1059\.001\)<\/span>/);
  });

  test('theme colours come from VS Code variables', () => {
    assert.match(html, /background: var\(--vscode-editor-background\)/);
    assert.match(html, /\.s1 \{ background: color-mix\(in srgb, var\(--vscode-charts-green\) 18%, transparent\); \}/);
  });
});

describe('coverage page helpers', () => {
  test('escapeHtml escapes the five special characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
  test('score classes', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 9, 10, 40].map(scoreClass),
      ['s0', 's1', 's2', 's3', 's3', 's4', 's4', 's5', 's5'],
    );
  });
});
