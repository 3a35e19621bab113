/**
 * `falco-rules check` options: the load order from a falco.yaml (found, or given with --config), the JSON
 * report, --output, --plugins, --engine-version, and which YAML files a directory scan takes as rules files.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { describeRun, makeWorkspace, rule, runCli } from './harness';

/** A library file and a file that appends to its list: clean only when the library is loaded first. */
const loadOrderFiles = {
  'rules/a_custom.yaml': '- list: shell_binaries\n  items: [fish]\n  override:\n    items: append\n',
  'rules/z_base.yaml': '- list: shell_binaries\n  items: [bash, sh]\n' + rule('Shell', 'evt.type = execve and proc.name in (shell_binaries)'),
};

describe('falco-rules check: load order', () => {
  const root = makeWorkspace({
    ...loadOrderFiles,
    // Found by the scan of `.`: the wrong order.
    'falco.yaml': 'rules_files:\n  - rules/a_custom.yaml\n  - rules/z_base.yaml\n',
    // Given with --config: entries are relative to the configuration's directory.
    'ci/falco-ci.yaml': 'rules_files:\n  - ../rules/z_base.yaml\n  - ../rules/a_custom.yaml\n',
  });

  test('without a configuration, files load in the default (alphabetical) order', () => {
    const run = runCli(['check', 'rules'], root);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stdout, /^rules\/a_custom\.yaml:1:9: error update-target-missing: /);
    assert.match(run.stdout, /\n2 rules files checked: 1 error, 0 warnings\.\n$/);
  });

  test('a falco.yaml found in a scanned directory sets the order', () => {
    const run = runCli(['check', '.'], root);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stdout, /update-target-missing/);
    assert.match(run.stdout, /\n2 rules files checked \(load order from falco\.yaml\): 1 error, 0 warnings\.\n$/);
  });

  test('--config wins over a found falco.yaml, and its entries are relative to its own directory', () => {
    const run = runCli(['check', '.', '--config', 'ci/falco-ci.yaml'], root);
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(run.stdout, '2 rules files checked (load order from ci/falco-ci.yaml): 0 errors, 0 warnings.\n');
    const fromElsewhere = runCli(['check', join(root, 'rules'), '--config', join(root, 'ci', 'falco-ci.yaml')], join(root, 'ci'));
    assert.equal(fromElsewhere.status, 0, describeRun(fromElsewhere));
  });

  test('files given one by one follow the configured order, not the order of the arguments', () => {
    const run = runCli(['check', 'rules/a_custom.yaml', 'rules/z_base.yaml', '--config', 'ci/falco-ci.yaml'], root);
    assert.equal(run.status, 0, describeRun(run));
  });
});

describe('falco-rules check --format json', () => {
  test('files with their absolute path and LSP diagnostics, and the error and warning counts', () => {
    const root = makeWorkspace({
      'rules/bad.yaml': rule('Bad', 'evt.type = execve and proc.nme = bash') + rule('Lists', 'evt.type = execve and proc.name in (shell_binarys)'),
      'rules/good.yaml': rule('Good', 'evt.type = execve and proc.name = bash'),
      'notes.yaml': 'title: not a rules file\n',
    });
    const run = runCli(['check', '--format', 'json'], root);
    assert.equal(run.status, 1, describeRun(run));
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as {
      files: { path: string; diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string }[] }[];
      errors: number;
      warnings: number;
    };
    assert.deepEqual(Object.keys(report).sort(), ['errors', 'files', 'warnings']);
    assert.deepEqual(report.files.map((file) => file.path), [join(root, 'rules', 'bad.yaml'), join(root, 'rules', 'good.yaml')]);
    assert.deepEqual(report.files[1].diagnostics, []);
    const [unknown, undefinedList] = report.files[0].diagnostics;
    assert.equal(report.files[0].diagnostics.length, 2);
    assert.deepEqual(unknown.range, { start: { line: 2, character: 35 }, end: { line: 2, character: 43 } });
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.code, 'unknown-field');
    assert.match(unknown.message, /proc\.nme/);
    assert.equal(undefinedList.code, 'undefined-list');
    assert.equal(undefinedList.severity, 2);
    assert.equal(undefinedList.range.start.line, 7);
    assert.equal(report.errors, 1);
    assert.equal(report.warnings, 1);
  });

  test('a clean workspace: exit 0 and zero counts', () => {
    const root = makeWorkspace({ 'rules.yaml': rule('Good', 'evt.type = execve and proc.name = bash') });
    const run = runCli(['check', '--format', 'json'], root);
    assert.equal(run.status, 0, describeRun(run));
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report, { files: [{ path: join(root, 'rules.yaml'), diagnostics: [] }], errors: 0, warnings: 0 });
  });
});

describe('falco-rules check --output', () => {
  test('the report goes to the file, nothing to stdout, and the exit status is unchanged', () => {
    const root = makeWorkspace({ 'rules.yaml': rule('Bad', 'evt.type = execve and proc.nme = bash') });
    for (const [format, file] of [['text', 'report.txt'], ['json', 'out/report.json'], ['sarif', 'report.sarif']] as const) {
      if (file.startsWith('out/')) mkdirSync(join(root, 'out'), { recursive: true });
      const run = runCli(['check', '--format', format, '--output', file], root);
      assert.equal(run.status, 1, describeRun(run));
      assert.equal(run.stdout, '');
      assert.ok(existsSync(join(root, file)), `${file} was not written`);
      const written = readFileSync(join(root, file), 'utf8');
      const printed = runCli(['check', '--format', format], root).stdout;
      assert.equal(written, printed, `--output ${file} holds what stdout would show`);
    }
  });
});

describe('falco-rules check --plugins and --engine-version', () => {
  const root = makeWorkspace({
    'rules/container.yaml': rule('Shell in container', 'evt.type = execve and container.id != host'),
    'rules/audit.yaml': '- rule: Secret read\n  desc: d\n  condition: ka.verb = get and ka.target.resource = secrets\n  output: "%ka.user.name"\n  priority: WARNING\n  source: k8s_audit\n',
  });

  test('without --plugins every known plugin is loaded', () => {
    const run = runCli(['check'], root);
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(run.stdout, '2 rules files checked: 0 errors, 0 warnings.\n');
  });

  test('fields of a plugin that is not loaded are errors; sources of one are warnings', () => {
    const run = runCli(['check', '--plugins', 'k8saudit,json'], root);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stdout, /^rules\/container\.yaml:3:36: error unknown-field: .*container\.id/m);
    assert.doesNotMatch(run.stdout, /audit\.yaml/);
    const noAudit = runCli(['check', '--plugins', 'container'], root);
    assert.equal(noAudit.status, 0, describeRun(noAudit));
    assert.match(noAudit.stdout, /^rules\/audit\.yaml:6:11: warning unknown-source: /m);
    assert.doesNotMatch(noAudit.stdout, /container\.yaml/);
  });

  test('--engine-version is what required_engine_version is checked against', () => {
    const versioned = makeWorkspace({ 'rules.yaml': '- required_engine_version: 0.57.0\n' + rule('R', 'evt.type = open') });
    assert.equal(runCli(['check'], versioned).status, 0);
    const run = runCli(['check', '--engine-version', '0.50.0'], versioned);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stdout, /^rules\.yaml:1:28: error required-engine-version: /);
  });
});

describe('falco-rules check: directory scan', () => {
  test('only YAML files that are rules files by their content are checked; node_modules and .git are skipped', () => {
    const root = makeWorkspace({
      'rules/app_rules.yaml': rule('Shell', 'evt.type = execve and proc.name = bash'),
      'rules/more.yml': '- macro: is_bash\n  condition: proc.name = bash\n' + rule('Bash', 'evt.type = execve and is_bash'),
      '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      'helm/values.yaml': 'replicaCount: 1\nimage:\n  repository: falcosecurity/falco\n',
      'docker-compose.yml': 'services:\n  falco:\n    image: falcosecurity/falco\n',
      'list-of-strings.yaml': '- a\n- b\n',
      'empty.yaml': '',
      'node_modules/pkg/rules.yaml': '- list: broken\n  items: [a\n',
      '.git/hooks/rules.yaml': '- list: broken\n  items: [a\n',
      'rules/README.md': '- rule: not yaml\n',
    });
    const run = runCli(['check', '--format', 'json'], root);
    assert.equal(run.status, 0, describeRun(run));
    const report = JSON.parse(run.stdout) as { files: { path: string }[] };
    assert.deepEqual(report.files.map((file) => file.path), [join(root, 'rules', 'app_rules.yaml'), join(root, 'rules', 'more.yml')]);
  });

  test('a file named on the command line is checked as a rules file whatever its content', () => {
    const root = makeWorkspace({ 'helm/values.yaml': 'replicaCount: 1\n' });
    const run = runCli(['check', 'helm/values.yaml'], root);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stdout, /^helm\/values\.yaml:1:1: error not-a-sequence: /);
  });
});

function acmeRule(name: string, condition: string): string {
  return `- rule: ${name}\n  desc: d\n  condition: ${condition}\n  output: "user=%acme.user"\n  priority: WARNING\n  source: acme_audit\n`;
}

describe('falco-rules check: --fields', () => {
  const listing = JSON.stringify({
    fieldclasses: [
      {
        name: 'acme',
        desc: 'fields of an in-house plugin',
        event_sources: ['acme_audit'],
        fields: [
          { name: 'acme.user', type: 'CHARBUF', desc: 'user', is_list: false, argument: null },
          { name: 'acme.count', type: 'UINT64', desc: 'count', is_list: false, argument: null },
        ],
      },
    ],
  });
  const root = makeWorkspace({
    'acme-fields.json': listing,
    'rules/acme_rules.yaml': acmeRule('Acme login', 'acme.user = root and acme.count > 3'),
    'rules/acme_typo.yaml': acmeRule('Acme typo', 'acme.usr = root'),
  });

  test('without a catalog for its source, a plugin rule gets an unknown-source warning only', () => {
    const run = runCli(['check', 'rules/acme_rules.yaml'], root);
    assert.equal(run.status, 0, describeRun(run));
    assert.match(run.stdout, /warning unknown-source: /);
  });

  test('with the plugin field list, its rules are checked: known fields pass, a typo is an error', () => {
    const clean = runCli(['check', 'rules/acme_rules.yaml', '--fields', 'acme-fields.json'], root);
    assert.equal(clean.status, 0, describeRun(clean));
    assert.match(clean.stdout, /^1 rules file checked: 0 errors, 0 warnings\.\n$/);
    const typo = runCli(['check', 'rules/acme_typo.yaml', '--fields', 'acme-fields.json'], root);
    assert.equal(typo.status, 1, describeRun(typo));
    assert.match(typo.stdout, /error unknown-field: Unknown field `acme\.usr`.*Did you mean `acme\.user`\?/);
  });

  test('a field list that is not JSON is a usage problem', () => {
    const run = runCli(['check', 'rules/acme_rules.yaml', '--fields', 'rules/acme_rules.yaml'], root);
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /is not JSON/);
  });
});
