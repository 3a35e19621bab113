/**
 * `falco-rules coverage`: the ATT&CK summary, the coverage as JSON and an ATT&CK Navigator layer, after the
 * overrides of the load (a rule disabled by a later file does not count).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRun, makeWorkspace, runCli } from './harness';

const base = (name: string, tags: string) =>
  `- rule: ${name}\n  desc: d\n  condition: evt.type = execve and proc.name = x\n  output: "x %proc.name"\n  priority: NOTICE\n  tags: ${tags}\n`;

describe('falco-rules coverage', () => {
  const root = makeWorkspace({
    'rules/a_base.yaml': base('Reboot', '[mitre_impact, T1529]') + base('Shell', '[mitre_execution, T1059.004]'),
    'rules/b_custom.yaml': '- rule: Shell\n  enabled: false\n  override:\n    enabled: replace\n',
  });

  test('a Navigator layer scores the techniques of the enabled rules only', () => {
    const run = runCli(['coverage', 'rules', '--format', 'navigator', '--name', 'Team rules'], root);
    assert.equal(run.status, 0, describeRun(run));
    const layer = JSON.parse(run.stdout) as { name: string; domain: string; versions: { layer: string }; techniques: { techniqueID: string; tactic: string; score?: number }[] };
    assert.equal(layer.name, 'Team rules');
    assert.equal(layer.domain, 'enterprise-attack');
    assert.equal(layer.versions.layer, '4.5');
    assert.deepEqual(
      layer.techniques.filter((technique) => technique.score !== undefined).map((technique) => [technique.techniqueID, technique.tactic, technique.score]),
      [['T1529', 'impact', 1]],
    );
  });

  test('the text summary counts enabled and disabled rules', () => {
    const run = runCli(['coverage', 'rules'], root);
    assert.equal(run.status, 0, describeRun(run));
    assert.match(run.stdout, /^MITRE ATT&CK Enterprise 18\.1 coverage of 2 rules \(1 enabled, 1 disabled\)\n/);
  });

  test('a wrong format is a usage error', () => {
    const run = runCli(['coverage', '--format', 'sarif'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--format takes text, json, navigator for coverage, not 'sarif'/);
  });
});
