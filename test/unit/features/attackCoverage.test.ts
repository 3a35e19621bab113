import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCoverage } from '../../../server/src/cli/coverage';
import { computeAttackCoverage, type AttackCoverage, type CoverageRuleRef } from '../../../server/src/features/attackCoverage';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { dedent } from '../../helpers/markers';
import { openFixture, type FixtureWorkspace } from '../../helpers/service';
import { corpusRoot, readText, sharedMissing } from '../../helpers/shared';

const attack = createDefaultCatalogs().attack;

/**
 * Three files in load order (falco_rules.yaml, falco_rules.local.yaml, then the rest): definitions, then updates
 * of every kind, then a redefinition. `<|>` marks the tags whose offsets the coverage reports.
 */
const coverageFixture = dedent(`
  #- falco_rules.yaml
  - rule: Shell in container
    desc: d
    condition: evt.type = execve
    output: "%proc.name"
    priority: WARNING
    tags: [container, mitre_execution, T1059.004]
  - rule: Read secrets
    desc: d
    condition: evt.type = open
    output: "%fd.name"
    priority: WARNING
    tags: [mitre_credential_access, <|>T1555]
  - rule: Old style
    desc: d
    condition: evt.type = open
    output: "%fd.name"
    priority: NOTICE
    enabled: false
    tags: [<|>mitre_execution, <|>T1086, <|>T1059]
  - rule: Switched off later
    desc: d
    condition: evt.type = connect
    output: "%fd.name"
    priority: NOTICE
    tags: [<|>mitre_discovery, <|>T1529]
  - rule: Untagged
    desc: d
    condition: evt.type = connect
    output: "%fd.name"
    priority: NOTICE
    tags: [network]
  - rule: Retagged
    desc: d
    condition: evt.type = connect
    output: "%fd.name"
    priority: NOTICE
    tags: [T1046]
  #- falco_rules.local.yaml
  - rule: Read secrets
    tags: [<|>T1552.001, "T1555"]
    override:
      tags: append
  - rule: Switched off later
    enabled: false
    override:
      enabled: replace
  - rule: Old style
    enabled: true
  - rule: Retagged
    tags: [<|>mitre_persistence]
    override:
      tags: replace
  - rule: Untagged
    condition: and fd.num > 0
    tags: [T1105]
    append: true
  #- zz_custom.yaml
  - rule: Shell in container
    desc: d
    condition: evt.type = execve and proc.name = bash
    output: "%proc.name"
    priority: WARNING
    tags: [<|>T1059.004, <|>t1611]
  - rule: Bad id
    desc: d
    condition: evt.type = execve
    output: "%proc.name"
    priority: WARNING
    enabled: false
    tags: [<|>T9999]
  - rule: Nowhere
    enabled: false
    override:
      enabled: replace
`);

function ref(workspace: FixtureWorkspace, file: string, cursor: number, name: string, tag: string): CoverageRuleRef {
  const fixture = workspace.file(file);
  return { name, uri: fixture.uri, offset: fixture.cursors[cursor], tag };
}

function technique(coverage: AttackCoverage, id: string) {
  const found = coverage.techniques.find((entry) => entry.id === id);
  assert.ok(found, `technique ${id} is in the coverage`);
  return found;
}

function tactic(coverage: AttackCoverage, shortname: string) {
  const found = coverage.tactics.find((entry) => entry.shortname === shortname);
  assert.ok(found, `tactic ${shortname} is in the coverage`);
  return found;
}

const ruleNames = (refs: readonly CoverageRuleRef[]): string[] => refs.map((entry) => entry.name);

describe('ATT&CK coverage of a workspace', () => {
  const workspace = openFixture(coverageFixture);
  const coverage = computeAttackCoverage(workspace.service.index, attack);

  test('totals count each rule in its state after the whole load', () => {
    assert.deepEqual(coverage.totals, {
      rules: 7,
      enabledRules: 5,
      disabledRules: 2,
      enabledRulesWithTechnique: 3,
      techniques: { covered: 4, total: coverage.techniques.filter((entry) => !entry.parentId).length },
      subtechniques: { covered: 2, total: coverage.techniques.filter((entry) => entry.parentId).length },
      tactics: { covered: 4, total: 14 },
    });
    assert.equal(coverage.attackVersion, attack.version);
    assert.equal(coverage.domain, 'enterprise-attack');
  });

  test('the matrix lists every current technique, and no revoked or deprecated one', () => {
    const active = attack.techniques().filter((entry) => !entry.revoked && !entry.deprecated);
    assert.equal(coverage.techniques.length, active.length);
    assert.equal(technique(coverage, 'T1105').enabledRules.length, 0);
    assert.equal(coverage.techniques.find((entry) => entry.id === 'T1086'), undefined);
    const ids = coverage.techniques.map((entry) => entry.id);
    assert.deepEqual(ids, [...ids].sort());
  });

  test('tactics come in matrix order with their Falco tags', () => {
    assert.deepEqual(
      coverage.tactics.map((entry) => entry.tag),
      attack.tactics().map((entry) => entry.tag),
    );
    assert.deepEqual(
      { id: coverage.tactics[0].id, shortname: coverage.tactics[0].shortname, name: coverage.tactics[0].name, tag: coverage.tactics[0].tag },
      { id: 'TA0043', shortname: 'reconnaissance', name: 'Reconnaissance', tag: 'mitre_reconnaissance' },
    );
  });

  test('a redefinition replaces the tags of the earlier definition, at the new place', () => {
    assert.deepEqual(technique(coverage, 'T1059.004').enabledRules, [ref(workspace, 'zz_custom.yaml', 0, 'Shell in container', 'T1059.004')]);
    // Another spelling of a technique ID still names it.
    assert.deepEqual(technique(coverage, 'T1611').enabledRules, [ref(workspace, 'zz_custom.yaml', 1, 'Shell in container', 't1611')]);
    assert.deepEqual(ruleNames(tactic(coverage, 'execution').enabledRules), ['Old style']);
  });

  test('override tags append adds tags, and a tag already there keeps its first place', () => {
    assert.deepEqual(technique(coverage, 'T1555').enabledRules, [ref(workspace, 'falco_rules.yaml', 0, 'Read secrets', 'T1555')]);
    assert.deepEqual(technique(coverage, 'T1552.001').enabledRules, [ref(workspace, 'falco_rules.local.yaml', 0, 'Read secrets', 'T1552.001')]);
  });

  test('override tags replace drops the earlier tags', () => {
    assert.deepEqual(technique(coverage, 'T1046').enabledRules, []);
    assert.deepEqual(tactic(coverage, 'persistence').enabledRules, [ref(workspace, 'falco_rules.local.yaml', 1, 'Retagged', 'mitre_persistence')]);
  });

  test('the legacy enabled-only item and override enabled replace switch rules', () => {
    assert.deepEqual(technique(coverage, 'T1059').enabledRules, [ref(workspace, 'falco_rules.yaml', 3, 'Old style', 'T1059')]);
    assert.deepEqual(technique(coverage, 'T1529').enabledRules, []);
    assert.deepEqual(technique(coverage, 'T1529').disabledRules, [ref(workspace, 'falco_rules.yaml', 5, 'Switched off later', 'T1529')]);
    assert.deepEqual(tactic(coverage, 'discovery').disabledRules, [ref(workspace, 'falco_rules.yaml', 4, 'Switched off later', 'mitre_discovery')]);
  });

  test('a legacy append takes no tags, and an update without a definition is no rule', () => {
    assert.deepEqual(coverage.untaggedRules, [
      { name: 'Untagged', uri: workspace.file('falco_rules.yaml').uri, offset: workspace.file('falco_rules.yaml').text.indexOf('Untagged'), enabled: true },
    ]);
    assert.ok(!JSON.stringify(coverage).includes('Nowhere'));
  });

  test('a technique counts for its own tactics, whatever tactic tags the rule has', () => {
    const impact = tactic(coverage, 'impact');
    assert.deepEqual(ruleNames(impact.disabledRules), []);
    assert.equal(impact.enabledRuleCount, 0);
    const privilege = tactic(coverage, 'privilege-escalation');
    assert.deepEqual(privilege.enabledRules, []);
    assert.equal(privilege.enabledRuleCount, 1);
    assert.equal(privilege.techniques.covered, 1);
  });

  test('per-tactic coverage counts techniques directly or through a sub-technique', () => {
    const execution = tactic(coverage, 'execution');
    assert.equal(execution.enabledRuleCount, 2);
    assert.equal(execution.techniques.covered, 1);
    assert.equal(execution.subtechniques.covered, 1);
    const credentials = tactic(coverage, 'credential-access');
    assert.equal(credentials.techniques.covered, 2);
    assert.equal(credentials.subtechniques.covered, 1);
    assert.equal(credentials.techniques.total, attack.techniques().filter((entry) => !entry.parentId && !entry.revoked && !entry.deprecated && entry.tactics.includes('credential-access')).length);
  });

  test('revoked and unknown technique tags are listed apart and not counted', () => {
    assert.deepEqual(coverage.inactiveTechniques, [
      {
        id: 'T1086',
        name: 'PowerShell',
        status: 'revoked',
        revokedBy: 'T1059.001',
        enabledRules: [ref(workspace, 'falco_rules.yaml', 2, 'Old style', 'T1086')],
        disabledRules: [],
      },
    ]);
    assert.deepEqual(coverage.unknownTechniques, [{ id: 'T9999', enabledRules: [], disabledRules: [ref(workspace, 'zz_custom.yaml', 2, 'Bad id', 'T9999')] }]);
    assert.equal(technique(coverage, 'T1059.001').enabledRules.length, 0);
  });

  test('the result survives JSON (it is sent over LSP as is)', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(coverage)), coverage);
  });
});

describe('ATT&CK coverage edge cases', () => {
  test('an empty workspace covers nothing', () => {
    const coverage = computeAttackCoverage(openFixture('#- rules.yaml\n').service.index, attack);
    assert.equal(coverage.totals.rules, 0);
    assert.equal(coverage.totals.techniques.covered, 0);
    assert.deepEqual(coverage.untaggedRules, []);
  });

  test('odd items are skipped without throwing', () => {
    const workspace = openFixture(
      dedent(`
        #- rules.yaml
        - rule: Null tags
          desc: d
          condition: evt.type = open
          output: x
          priority: NOTICE
          tags:
        - rule: Map tags
          desc: d
          condition: evt.type = open
          output: x
          priority: NOTICE
          tags: {a: T1059}
        - rule: Null tags
          tags: [T1059, null, 7]
          override: {tags: append}
        - rule: Map tags
          enabled: maybe
          override: {enabled: replace}
        - rule: Broken
          desc: d
          condition: evt.type = open
          output: "x
          priority: NOTICE
          tags: [T1059]
        - rule:
        - 42
      `),
    );
    const coverage = computeAttackCoverage(workspace.service.index, attack);
    assert.deepEqual(ruleNames(technique(coverage, 'T1059').enabledRules), ['Null tags']);
    assert.deepEqual(
      coverage.untaggedRules.map((rule) => [rule.name, rule.enabled]),
      [['Map tags', true]],
    );
  });
});

describe('ATT&CK coverage of the upstream stable rules', { skip: sharedMissing }, () => {
  test('known facts of falco_rules.yaml 5.1.0', () => {
    const text = readText(`${corpusRoot}/falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml`);
    const coverage = computeAttackCoverage(openFixture(`#- falco_rules.yaml\n${text}`).service.index, attack);
    assert.equal(coverage.totals.rules, 25);
    assert.equal(coverage.totals.enabledRules, 25);
    // The two persistence rules carry `mitre_persistence` and `TA0003` only.
    assert.equal(coverage.totals.enabledRulesWithTechnique, 23);
    assert.deepEqual(coverage.totals.techniques.covered, 11);
    assert.deepEqual(coverage.totals.subtechniques.covered, 4);
    assert.deepEqual(ruleNames(technique(coverage, 'T1059').enabledRules), [
      'System user interactive',
      'Terminal shell in container',
      'Netcat Remote Code Execution in Container',
      'Redirect STDOUT/STDIN to Network Connection in Container',
      'Disallowed SSH Connection Non Standard Port',
    ]);
    assert.equal(technique(coverage, 'T1555').enabledRules.length, 5);
    assert.deepEqual(ruleNames(technique(coverage, 'T1059.004').enabledRules), ['Run shell untrusted', 'Execution from /dev/shm']);
    assert.deepEqual(ruleNames(tactic(coverage, 'persistence').enabledRules), ['Linux Kernel Module Injection Detected', 'Drop and execute new binary in container']);
    assert.equal(tactic(coverage, 'execution').enabledRuleCount, 7);
    assert.deepEqual(coverage.untaggedRules, []);
    assert.deepEqual(coverage.inactiveTechniques, []);
    const first = technique(coverage, 'T1059').enabledRules[0];
    assert.equal(text.slice(first.offset, first.offset + 5), 'T1059');
  });
});

describe('falco-rules coverage report', () => {
  const workspace = openFixture(coverageFixture);
  test('text names the totals, the tagged techniques, what does not count and the untagged rules', () => {
    const report = runCoverage(workspace.service.index, attack, { format: 'text', cwd: '/workspace' });
    assert.match(report, new RegExp(`^MITRE ATT&CK Enterprise ${attack.version.replace('.', '\\.')} coverage of 7 rules \\(5 enabled, 2 disabled\\)\n`));
    assert.match(report, /\n {2}techniques covered: 4 of \d+ \(\d+\.\d%\)\n/);
    assert.match(report, /\n {2}T1059 Command and Scripting Interpreter \[execution\] — 1 rule: Old style\n/);
    assert.match(report, /\n {2}T1529 System Shutdown\/Reboot \[impact\] — disabled: Switched off later\n/);
    assert.match(report, /\n {2}T1086 PowerShell \(revoked, now T1059\.001\): Old style at falco_rules\.yaml:19\n/);
    assert.match(report, /\n {2}T9999: Bad id at zz_custom\.yaml:13\n/);
    assert.match(report, /\nRules without an ATT&CK tag \(1\):\n {2}Untagged at falco_rules\.yaml:26\n$/);
  });
  test('json is the coverage itself', () => {
    const report = runCoverage(workspace.service.index, attack, { format: 'json' });
    assert.deepEqual(JSON.parse(report), JSON.parse(JSON.stringify(computeAttackCoverage(workspace.service.index, attack))));
  });
});
