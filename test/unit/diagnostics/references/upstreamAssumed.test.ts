/**
 * Upstream rules files that the configuration loads but the workspace lacks (`assumedUpstream`): their names are
 * assumed defined before every workspace file, unless the workspace defines them, and each file that relies on
 * them gets one `upstream-rules-not-found` note.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics, diagnosticsOf } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';
import { openFixture } from '../../../helpers/service';
import { assumedDefinition, assumedNames } from '../../../../server/src/semantic/catalogs/upstreamNames';

const NOTE = 'upstream-rules-not-found';
const falcoRules = { assumedUpstream: ['falco_rules.yaml'] };
const only = ['undefined-macro', 'undefined-list', 'invalid-value', 'update-target-missing', NOTE];

const rule = (name: string, condition: string, extra = '') =>
  `- rule: ${name}\n  desc: d\n  condition: ${condition}\n  output: o\n  priority: INFO\n${extra}`;

describe('assumed upstream rules files', () => {
  test('the catalog helpers find the assumed file that defines a name', () => {
    assert.equal(assumedDefinition('macro', 'spawned_process', ['falco_rules.yaml'])?.file, 'falco_rules.yaml');
    assert.equal(assumedDefinition('macro', 'spawned_process', ['/etc/falco/falco_rules.yaml'])?.file, 'falco_rules.yaml');
    assert.equal(assumedDefinition('macro', 'spawned_process', ['k8s_audit_rules.yaml']), undefined);
    assert.equal(assumedDefinition('macro', 'spawned_process', []), undefined);
    assert.equal(assumedDefinition('macro', 'spawned_process', undefined), undefined);
    assert.equal(assumedDefinition('list', 'no_such_list_anywhere', ['falco_rules.yaml']), undefined);
    assert.ok(assumedNames('macro', ['falco_rules.yaml']).includes('container'));
    assert.ok(!assumedNames('macro', ['falco_rules.yaml']).includes('kevt'));
    assert.deepEqual(assumedNames('list', undefined), []);
  });

  test('upstream macros are visible from rules and macros; the file gets one note on the first use', () => {
    const fixture =
      dedent(`
        - macro: my_shell
          condition: <|spawned_process|> and proc.name in (shell_binaries)
      `) + rule('r', 'my_shell and container');
    const found = assertDiagnostics(fixture, [NOTE], { only, analysis: falcoRules });
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /^This file uses 3 names that the upstream `falco_rules.yaml` defines \(`spawned_process`, `shell_binaries`, `container`\)/);
    assert.match(found[0].message, /assumed to be loaded before this file/);
    assert.match(found[0].message, /\/etc\/falco\/falco_rules\.yaml/);
    assert.match(found[0].message, /`falco\.rulesFiles\.extraPaths`/);
  });

  test('without assumed files the same text keeps its errors and gets no note', () => {
    const fixture =
      dedent(`
        - macro: my_shell
          condition: <|spawned_process|> and proc.name in (<|shell_binaries|>)
      `) + rule('r', 'my_shell and <|container|>');
    const codes = ['undefined-macro', 'undefined-list', 'undefined-macro'];
    assertDiagnostics(fixture, codes, { only });
    assertDiagnostics(fixture, codes, { only, analysis: { assumedUpstream: [] } });
  });

  test('upstream list names are not literal words: no undefined-list, no invalid-value on typed fields', () => {
    const condition = 'evt.type in (<|shell_binaries|>) and fd.snet in (<|rfc_1918_addresses|>) and proc.name in (<|docker_binaries|>)';
    const fixture = rule('r', condition);
    assertDiagnostics(fixture, ['invalid-value', 'invalid-value', 'undefined-list'], { only });
    const found = assertDiagnostics(rule('r', condition.replace('<|rfc_1918_addresses|>', 'rfc_1918_addresses').replace('<|docker_binaries|>', 'docker_binaries')), [NOTE], {
      only,
      analysis: falcoRules,
    });
    assert.match(found[0].message, /3 names .*\(`shell_binaries`, `rfc_1918_addresses`, `docker_binaries`\)/);
  });

  test('an upstream list named among the items of a workspace list stands for its items', () => {
    const fixture = dedent(`
      - list: my_nets
        items: [<|rfc_1918_addresses|>, "192.0.2.0/24"]
    `) + rule('r', 'evt.type = connect and fd.snet in (my_nets)');
    const found = assertDiagnostics(fixture, [NOTE], { only, analysis: falcoRules });
    assert.match(found[0].message, /1 name that the upstream `falco_rules.yaml` defines \(`rfc_1918_addresses`\).*so it is assumed/);
    const today = diagnosticsOf(fixture, { only }).found;
    assert.deepEqual(today.map((entry) => [entry.code, entry.text]), [['invalid-value', 'my_nets']]);
  });

  test('updates of upstream rules, macros and lists have a target', () => {
    const fixture =
      dedent(`
        - rule: <|Terminal shell in container|>
          condition: and not proc.name = my-tool
          override:
            condition: append
        - rule: Terminal shell in container
          exceptions:
            - name: my_tools
              fields: [proc.name]
              values: [[my-tool]]
          override:
            exceptions: append
        - rule: Terminal shell in container
          enabled: false
        - rule: Read sensitive file untrusted
          output: new output
          override:
            output: replace
        - macro: user_expected_terminal_shell_in_container_conditions
          condition: or proc.name = my-tool
          override:
            condition: append
        - list: shell_binaries
          items: [fish]
          append: true
      `);
    const found = assertDiagnostics(fixture, [NOTE], { only, analysis: falcoRules, ignore: ['deprecated-enabled-item', 'deprecated-append'] });
    assert.match(found[0].message, /4 names .*`Terminal shell in container`, `Read sensitive file untrusted`, `user_expected_terminal_shell_in_container_conditions`, `shell_binaries`/);
    const today = diagnosticsOf(fixture, { only }).found.map((entry) => entry.code);
    assert.deepEqual(today, Array(6).fill('update-target-missing'));
  });

  test('the appended condition of an upstream macro is checked like any other', () => {
    const fixture = dedent(`
      - macro: user_expected_terminal_shell_in_container_conditions
        condition: or <|my_missing_macro|>
        override:
          condition: append
    `);
    const found = assertDiagnostics(fixture, ['undefined-macro'], { only: ['undefined-macro'], analysis: falcoRules });
    assert.match(found[0].message, /no macro of this name is defined/);
  });

  test('a workspace definition wins: its load order still applies', () => {
    const fixture =
      '#- a_rules.yaml\n' +
      rule('r', '<|spawned_process|> and proc.name = bash') +
      '#- b_rules.yaml\n' +
      '- macro: spawned_process\n  condition: evt.type = execve\n';
    const found = assertDiagnostics(fixture, ['undefined-macro'], { only, analysis: falcoRules, file: 'a_rules.yaml' });
    assert.match(found[0].message, /`b_rules.yaml`, which Falco loads after this file/);

    const sameFile = dedent(`
      - macro: m
        condition: <|spawned_process|> and proc.name = a
      - macro: spawned_process
        condition: evt.type = execve
    `) + rule('r', 'm');
    const later = assertDiagnostics(sameFile, ['undefined-macro'], { only, analysis: falcoRules });
    assert.match(later[0].message, /defined later, at line 3/);

    const laterList = '#- a.yaml\n' + rule('r', 'evt.type = execve and proc.name in (<|shell_binaries|>)') + '#- b.yaml\n- list: shell_binaries\n  items: [bash]\n';
    assertDiagnostics(laterList, ['undefined-list'], { only, analysis: falcoRules, file: 'a.yaml' });

    const laterRule = '#- a.yaml\n- rule: <|Terminal shell in container|>\n  enabled: false\n#- b.yaml\n' + rule('Terminal shell in container', 'evt.type = execve');
    assertDiagnostics(laterRule, ['update-target-missing'], { only, analysis: falcoRules, file: 'a.yaml' });
  });

  test('no note when the file uses nothing from upstream', () => {
    const fixture = dedent(`
      - macro: my_proc
        condition: evt.type = execve
      - list: my_binaries
        items: [bash]
    `) + rule('r', 'my_proc and proc.name in (my_binaries)');
    assertDiagnostics(fixture, [], { only, analysis: falcoRules });
  });

  test('one note per file, however many uses; more than five names end with an ellipsis', () => {
    const condition = [
      '<|spawned_process|>', 'container', 'spawned_process', 'open_write', 'never_true', 'proc.name in (shell_binaries)',
      'proc.name in (docker_binaries)', 'container',
    ].join(' and ');
    const fixture = rule('r1', condition) + rule('r2', 'spawned_process and container');
    const found = assertDiagnostics(fixture, [NOTE], { only, analysis: falcoRules });
    assert.match(found[0].message, /^This file uses 6 names .*\(`spawned_process`, `container`, `open_write`, `never_true`, `shell_binaries`, …\)/);
  });

  test('each file that relies on upstream names gets its own note', () => {
    const fixture = '#- a.yaml\n' + rule('a', '<|container|> and evt.type = execve') + '#- b.yaml\n' + rule('b', 'evt.type = execve and <|open_write|>');
    assertDiagnostics(fixture, [NOTE], { only, analysis: falcoRules, file: 'a.yaml' });
    assertDiagnostics(fixture, [NOTE], { only, analysis: falcoRules, file: 'b.yaml' });
  });

  test('several assumed files are each named', () => {
    const fixture = rule('r', '<|spawned_process|> and proc.name = bash') + rule('k', 'kevt and kcreate', '  source: k8s_audit\n');
    const found = assertDiagnostics(fixture, [NOTE], { only, analysis: { assumedUpstream: ['falco_rules.yaml', 'k8s_audit_rules.yaml'] } });
    assert.match(found[0].message, /3 names that upstream rules files define: 1 from `falco_rules.yaml` \(`spawned_process`\) and 2 from `k8s_audit_rules.yaml` \(`kevt`, `kcreate`\)/);
  });

  test('a typo of an upstream name is still undefined, with the upstream name as did-you-mean', () => {
    const { found } = diagnosticsOf(rule('r', 'spawned_proces and proc.name = bash'), { only, analysis: falcoRules });
    assert.deepEqual(found.map((entry) => [entry.code, entry.text]), [['undefined-macro', 'spawned_proces']]);
    assert.match(found[0].message, /Did you mean `spawned_process`\?/);
    const today = diagnosticsOf(rule('r', 'spawned_proces and proc.name = bash'), { only }).found;
    assert.doesNotMatch(today[0].message, /Did you mean/);
  });

  test('names of upstream files that are not assumed stay undefined, and the message says where they are', () => {
    const fixture = rule('r', '<|base64_decoding|> and proc.name = bash');
    const found = assertDiagnostics(fixture, ['undefined-macro'], { only, analysis: falcoRules });
    assert.match(found[0].message, /'base64_decoding' is defined by the upstream `falco-sandbox_rules.yaml`, which the configuration does not load\./);
    const today = assertDiagnostics(fixture, ['undefined-macro'], { only });
    assert.doesNotMatch(today[0].message, /sandbox/);
    const update = assertDiagnostics('- list: <|k8s_audit_privileged_images|>\n  items: [x]\n  override:\n    items: append\n', ['update-target-missing'], { only, analysis: falcoRules });
    assert.match(update[0].message, /defined by the upstream `k8s_audit_rules.yaml`, which the configuration does not load\./);
  });

  test('changing the option re-checks the cached items', () => {
    const fixture = rule('r', 'spawned_process and proc.name in (shell_binaries)');
    const workspace = openFixture(fixture);
    const uri = workspace.files[0].uri;
    const codes = () => workspace.service.getDiagnostics(uri).map((diagnostic) => String(diagnostic.code)).filter((code) => only.includes(code));
    assert.deepEqual(codes(), ['undefined-macro', 'undefined-list']);
    workspace.service.configure({ analysis: { engineVersion: '0.62.0', ...falcoRules } });
    assert.deepEqual(codes(), [NOTE]);
    workspace.service.configure({ analysis: { engineVersion: '0.62.0' } });
    assert.deepEqual(codes(), ['undefined-macro', 'undefined-list']);
  });
});
