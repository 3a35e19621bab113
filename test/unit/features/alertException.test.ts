// "Add exception from alert": parsing Falco JSON alerts, the candidate fields and targets of a rule, the edit that
// adds the exception (each fixture is the file before, the alerts and choices, and the file after; the result
// must add no diagnostic in a fresh workspace), and the code action that starts the command.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAlerts } from '../../../server/src/features/alertException/alerts';
import { conditionValue, flowScalar } from '../../../server/src/features/alertException/valueText';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { getAlertExceptionCandidates, getAlertExceptionEdit, type AlertExceptionEditParams, type AlertExceptionHost } from '../../../server/src/service/alertExceptions';
import { LineIndex } from '../../../server/src/service/lineIndex';
import { parseCondition } from '../../../server/src/syntax/condition/parser';
import { actionsAt, applyEdits, editsByUri } from '../../helpers/fixes';
import { dedent } from '../../helpers/markers';
import { openFixture, type FixtureWorkspace } from '../../helpers/service';

const catalogs = createDefaultCatalogs();

function open(fixture: string, falcoYaml?: string): FixtureWorkspace {
  const text = dedent(`\n${fixture}`).replace(/^\n+/, '');
  return openFixture(text.startsWith('#- ') ? text : `#- rules.yaml\n${text}`, falcoYaml ? { falcoYaml } : {});
}

function hostOf(workspace: FixtureWorkspace): AlertExceptionHost {
  const linesOf = (uri: string) => {
    const file = workspace.files.find((entry) => entry.uri === uri);
    return file ? new LineIndex(file.text) : undefined;
  };
  return {
    index: workspace.service.index,
    catalogs,
    linesOf,
    edits: { linesOf, toClientChanges: (files) => [...files] },
    clientUri: (uri) => uri,
    displayPath: (uri) => uri.replace('file:///workspace/', ''),
  };
}

/** One alert line as Falco writes it with `json_output: true`. */
function alert(rule: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ hostname: 'node-1', output: `${rule} (...)`, output_fields: fields, priority: 'Warning', rule, source: 'syscall', time: '2026-01-01T10:00:00.000000000Z', ...extra });
}

/** `path code` of every diagnostic of a workspace of these texts. */
function diagnostics(texts: ReadonlyMap<string, string>): string[] {
  const fixture = [...texts].map(([uri, text]) => `#- ${uri.replace('file:///workspace/', '')}\n${text}`).join('\n');
  const fresh = openFixture(fixture);
  return fresh.files.flatMap((file) => fresh.service.getDiagnostics(file.uri).map((diagnostic) => `${file.path.replace('/workspace/', '')} ${String(diagnostic.code)}`));
}

function assertNoNewDiagnostics(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, what: string): void {
  const known = diagnostics(before);
  assert.deepEqual(diagnostics(after).filter((entry) => !known.includes(entry)), [], `the edit added diagnostics:\n${what}`);
}

interface Choice {
  readonly rule: string;
  readonly fields: string[];
  readonly file?: string;
  readonly kind: 'rule' | 'override';
}

/** Applies the edit for `choice` and returns the changed file's text, the preview and the line of the exception. */
function edit(fixture: string, alerts: string, choice: Choice): { text: string; preview: string; line: number; uri: string } {
  const workspace = open(fixture);
  const uri = `file:///workspace/${choice.file ?? 'rules.yaml'}`;
  const result = getAlertExceptionEdit(hostOf(workspace), { text: alerts, rule: choice.rule, fields: choice.fields, target: { uri, kind: choice.kind } });
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  const edits = editsByUri(result.edit);
  assert.deepEqual([...edits.keys()], [uri]);
  const before = new Map(workspace.files.map((file) => [file.uri, file.text]));
  const after = new Map(before);
  after.set(uri, applyEdits(before.get(uri)!, edits.get(uri)!));
  assertNoNewDiagnostics(before, after, after.get(uri)!);
  return { text: after.get(uri)!, preview: result.preview, line: result.line, uri: result.uri };
}

const assertEdit = (fixture: string, alerts: string, choice: Choice, expected: string) => assert.equal(edit(fixture, alerts, choice).text, dedent(`\n${expected}`));

function editError(fixture: string, params: unknown): string {
  const result = getAlertExceptionEdit(hostOf(open(fixture)), params as AlertExceptionEditParams);
  assert.ok('error' in result, 'expected an error');
  return result.error;
}

const shellRule = `
  - rule: Shell in container
    desc: a shell
    condition: evt.type = execve and proc.name = bash and container.id != host
    output: >
      Shell (user=%user.name proc=%proc.name parent=%proc.pname
      image=%container.image.repository)
    priority: WARNING
    # the last line of the rule
`;

// evt.time has more digits than a double holds.
const shellAlert = alert('Shell in container', { 'container.id': '4f2a9c81d3e0', 'container.image.repository': 'docker.io/library/nginx', 'evt.time': '<time>', 'proc.name': 'bash', 'proc.pname': 'runc', 'user.name': 'root' })
  .replace('"<time>"', '1767262442118204551');

describe('alert exception: reading alerts', () => {
  test('one object per line; a line that is not JSON is reported with its number and the rest is read', () => {
    const parsed = parseAlerts(`${shellAlert}\nnot an alert\n{"rule": "x", "output_fields": {"fd.name": "/tmp/a"}}\n`);
    assert.deepEqual(parsed.alerts.map((entry) => [entry.rule, entry.line]), [['Shell in container', 1], ['x', 3]]);
    assert.deepEqual(parsed.problems, [{ line: 2, message: "Not a JSON alert: 'not an alert'." }]);
  });
  test('an array, a pretty-printed object, and a log prefix before an object', () => {
    const array = parseAlerts(`[\n  ${alert('a', {})},\n  ${alert('b', {})}\n]`);
    assert.deepEqual(array.alerts.map((entry) => [entry.rule, entry.line]), [['a', 2], ['b', 3]]);
    assert.deepEqual(array.problems, []);
    const pretty = parseAlerts(JSON.stringify({ rule: 'p', output_fields: { 'proc.name': 'sh' } }, null, 2));
    assert.deepEqual(pretty.alerts.map((entry) => [entry.rule, [...entry.fields]]), [['p', [['proc.name', 'sh']]]]);
    const logged = parseAlerts(`Jan 01 10:00:00 node-1 falco[812]: ${alert('c', {})}`);
    assert.deepEqual(logged.alerts.map((entry) => entry.rule), ['c']);
  });
  test('values: numbers as written (no rounding), booleans as words, <NA>, null and empty as missing, lists left out', () => {
    const [parsed] = parseAlerts('{"rule":"r","output_fields":{"evt.time":1767262442118204551,"a":true,"b":"<NA>","c":null,"d":"","e":["x"],"f":-1.5e+3}}').alerts;
    assert.deepEqual([...parsed!.fields], [['evt.time', '1767262442118204551'], ['a', 'true'], ['b', null], ['c', null], ['d', null], ['f', '-1.5e+3']]);
  });
  test('broken JSON, objects that are not alerts, and an unclosed object never throw', () => {
    const parsed = parseAlerts('{"rule": "a", "output_fields": {"x": 1,}}\n{"output": "no rule"}\n[1, {"rule": "b"}]\n{"rule": "c", "output_fields": {"x": "open');
    assert.deepEqual(parsed.alerts.map((entry) => entry.rule), ['b']);
    assert.deepEqual(parsed.problems, [
      { line: 1, message: 'Invalid JSON: expected a key in double quotes, found \'}\'.' },
      { line: 2, message: 'The object has no "rule" string, so it is not a Falco alert.' },
      { line: 3, message: 'Element 1 of the array is not a JSON object, so not a Falco alert.' },
      { line: 4, message: 'Invalid JSON: a string is not closed.' },
    ]);
    assert.deepEqual(parseAlerts(''), { alerts: [], problems: [] });
  });
});

describe('alert exception: values', () => {
  const noList = (): boolean => false;
  test('the text an exception value needs so that the generated condition compares the exact value', () => {
    assert.equal(conditionValue('/usr/bin/bash', noList), '/usr/bin/bash');
    assert.equal(conditionValue('my agent', noList), 'my agent');
    assert.equal(conditionValue('a,b', noList), '"a,b"');
    assert.equal(conditionValue('say "hi"', noList), '"say \\"hi\\""');
    assert.equal(conditionValue('x=(1)', noList), '"x=(1)"');
    assert.equal(conditionValue('and', noList), '"and"');
    assert.equal(conditionValue('C:\\dir\\', noList), 'C:\\dir\\');
    assert.equal(conditionValue('a b\\', noList), undefined);
    assert.equal(conditionValue('shells', (name) => name === 'shells'), '"shells"');
    assert.equal(conditionValue('run shells now', (name) => name === 'shells'), undefined);
    assert.equal(conditionValue('shells now', (name) => name === 'shells'), 'shells now');
  });
  test('every value text parses as one string in the condition the engine builds', () => {
    for (const value of ['my agent', 'a,b', 'say "hi"', 'x=(1)', "it's", 'tab\there', 'back\\slash x']) {
      const written = conditionValue(value, noList)!;
      const pasted = written.includes(' ') && !written.startsWith('"') ? `"${written}"` : written;
      const parsed = parseCondition(`proc.name = ${pasted}`);
      assert.deepEqual(parsed.problems, [], value);
    }
  });
  test('YAML flow scalars are quoted only when needed', () => {
    assert.deepEqual(['bash', '/etc/shadow', 'a,b', 'proc.aname[2]', 'null', "it's", 'line\nbreak', '-jar'].map(flowScalar), [
      'bash', '/etc/shadow', "'a,b'", "'proc.aname[2]'", "'null'", "'it''s'", '"line\\nbreak"', "'-jar'",
    ]);
  });
});

describe('alert exception: candidates', () => {
  test('fields of the rule source with values; stable identity fields picked; ids and times offered unpicked', () => {
    const workspace = open(shellRule);
    const second = alert('Shell in container', { 'proc.name': 'bash', 'proc.pname': 'containerd-shim', 'user.name': 'root', 'container.image.repository': 'docker.io/library/nginx', 'container.id': '<NA>' });
    const result = getAlertExceptionCandidates(hostOf(workspace), { text: `${shellAlert}\n${second}` });
    assert.deepEqual([result.problems, result.rules.length], [[], 1]);
    const [rule] = result.rules;
    assert.deepEqual({ ...rule, fields: undefined, targets: undefined }, { rule: 'Shell in container', uri: 'file:///workspace/rules.yaml', line: 0, source: 'syscall', alertCount: 2, fields: undefined, targets: undefined });
    assert.deepEqual(rule!.fields, [
      { name: 'container.image.repository', values: ['docker.io/library/nginx'], picked: true },
      { name: 'proc.name', values: ['bash'], picked: true },
      { name: 'proc.pname', values: ['runc', 'containerd-shim'], picked: true },
      { name: 'user.name', values: ['root'], picked: true },
      { name: 'container.id', values: ['4f2a9c81d3e0'], picked: false },
      { name: 'evt.time', values: ['1767262442118204551'], picked: false },
    ]);
    assert.deepEqual(rule!.targets, [
      { uri: 'file:///workspace/rules.yaml', kind: 'rule', label: 'Into the rule in rules.yaml', detail: "Adds the exception to the definition of 'Shell in container' (line 1)." },
      { uri: 'file:///workspace/rules.yaml', kind: 'override', label: 'As an override in rules.yaml', detail: "Adds an 'override: {exceptions: append}' item at the end of the file." },
    ]);
  });
  test('fields of other sources, list fields, print-only and unknown keys are not offered; arguments are kept', () => {
    const workspace = open(`
      - rule: Audit
        desc: d
        condition: ka.verb = create
        output: "%ka.user.name"
        priority: NOTICE
        source: k8s_audit
      - rule: Ancestors
        desc: d
        condition: evt.type = execve and proc.aname[2] = sshd
        output: "%proc.aname[2]"
        priority: NOTICE
    `);
    const text = [
      alert('Audit', { 'ka.user.name': 'admin', 'ka.req.pod.containers.image': 'nginx', 'proc.name': 'bash', 'custom.key': 'x' }, { source: 'k8s_audit' }),
      alert('Ancestors', { 'proc.aname[2]': 'sshd', 'ka.user.name': 'admin', 'proc.cmdline': 'bash -c "id"' }),
    ].join('\n');
    const result = getAlertExceptionCandidates(hostOf(workspace), { text });
    assert.deepEqual(result.rules.map((rule) => [rule.rule, rule.source, rule.fields.map((field) => `${field.name}${field.picked ? '+' : ''}`)]), [
      ['Audit', 'k8s_audit', ['ka.user.name+']],
      ['Ancestors', 'syscall', ['proc.aname[2]+', 'proc.cmdline']],
    ]);
  });
  test('a rule the workspace does not define is named in the problems; `rule` keeps only that rule', () => {
    const workspace = open(shellRule);
    const text = `${alert('Not here', { 'proc.name': 'x' })}\n${shellAlert}`;
    const all = getAlertExceptionCandidates(hostOf(workspace), { text });
    assert.deepEqual(all.rules.map((rule) => rule.rule), ['Shell in container']);
    assert.equal(all.problems.length, 1);
    assert.match(all.problems[0]!, /^Rule 'Not here' is not defined in the rules files of the workspace\. .*falco\.rulesFiles\.extraPaths/);
    const only = getAlertExceptionCandidates(hostOf(workspace), { text, rule: 'Shell in container' });
    assert.deepEqual([only.rules.map((rule) => rule.rule), only.problems], [['Shell in container'], []]);
    const none = getAlertExceptionCandidates(hostOf(workspace), { text: shellAlert, rule: 'Other' });
    assert.deepEqual([none.rules, none.problems], [[], ["None of the alerts is an alert of rule 'Other'."]]);
    assert.deepEqual(getAlertExceptionCandidates(hostOf(workspace), { text: '  ' }), { rules: [], problems: ['The text holds no Falco alert.'] });
    assert.deepEqual(getAlertExceptionCandidates(hostOf(workspace), null as never), { rules: [], problems: ['The request holds no alert text.'] });
  });
  test('targets: the rule, then an override in each file loaded from the definition on (files loaded before cannot append)', () => {
    const override = dedent(`
      - rule: Shell in container
        exceptions:
          - name: known
            fields: [proc.name]
            values: [[zsh]]
        override:
          exceptions: append
    `);
    const workspace = open(
      `#- a_early.yaml\n- macro: m\n  condition: proc.name = x\n#- b_rules.yaml\n${dedent(shellRule).replace(/^\n/, '')}#- c_local.yaml\n${override}`,
      'rules_files: [a_early.yaml, b_rules.yaml, c_local.yaml]',
    );
    const [rule] = getAlertExceptionCandidates(hostOf(workspace), { text: shellAlert }).rules;
    assert.deepEqual(rule!.targets.map((target) => [target.uri.replace('file:///workspace/', ''), target.kind, target.label, target.detail]), [
      ['b_rules.yaml', 'rule', 'Into the rule in b_rules.yaml', "Adds the exception to the definition of 'Shell in container' (line 1)."],
      ['b_rules.yaml', 'override', 'As an override in b_rules.yaml', "Adds an 'override: {exceptions: append}' item at the end of the file."],
      ['c_local.yaml', 'override', 'Into the override in c_local.yaml', "Adds it to the 'override: {exceptions: append}' item of 'Shell in container' at line 1."],
    ]);
  });
});

describe('alert exception: edits', () => {
  const picked = ['proc.name', 'proc.pname'];
  test('into a rule without exceptions: a new key after the last one (a folded output and a comment kept)', () => {
    const result = edit(shellRule, shellAlert, { rule: 'Shell in container', fields: picked, kind: 'rule' });
    assert.equal(result.text, dedent(`
      - rule: Shell in container
        desc: a shell
        condition: evt.type = execve and proc.name = bash and container.id != host
        output: >
          Shell (user=%user.name proc=%proc.name parent=%proc.pname
          image=%container.image.repository)
        priority: WARNING
        exceptions:
          - name: proc_name_proc_pname
            fields: [proc.name, proc.pname]
            comps: [=, =]
            values:
              - [bash, runc]
        # the last line of the rule
    `).replace(/^\n/, ''));
    assert.equal(result.line, 8);
    assert.equal(result.preview, [
      'rules.yaml:9',
      "Add exception 'proc_name_proc_pname' to rule 'Shell in container'.",
      '',
      '- name: proc_name_proc_pname',
      '  fields: [proc.name, proc.pname]',
      '  comps: [=, =]',
      '  values:',
      '    - [bash, runc]',
    ].join('\n'));
  });
  const ruleWith = (exceptions: string) => `- rule: Shell in container\n  desc: a shell\n  condition: evt.type = execve and proc.name = bash\n  output: "shell %proc.name"\n  priority: WARNING\n${exceptions}`;
  test('appended to a block sequence in its own indentation, name kept unique', () => {
    assertEdit(
      ruleWith('  exceptions:\n  - name: proc_name\n    fields: proc.name\n    values: [zsh]   # shells we allow\n  tags: [shell]\n'),
      `${shellAlert}\n${alert('Shell in container', { 'proc.name': 'bash', 'user.name': 'admin' })}`,
      { rule: 'Shell in container', fields: ['proc.name'], kind: 'rule' },
      ruleWith('  exceptions:\n  - name: proc_name\n    fields: proc.name\n    values: [zsh]   # shells we allow\n  - name: proc_name_2\n    fields: [proc.name]\n    comps: [=]\n    values:\n    - [bash]\n  tags: [shell]\n'),
    );
  });
  test('into flow sequences, empty or not, and into a null `exceptions:`', () => {
    const choice: Choice = { rule: 'Shell in container', fields: ['proc.name', 'user.name'], kind: 'rule' };
    assertEdit(ruleWith('  exceptions: []\n'), shellAlert, choice, ruleWith('  exceptions: [{name: proc_name_user_name, fields: [proc.name, user.name], comps: [=, =], values: [[bash, root]]}]\n'));
    assertEdit(
      ruleWith('  exceptions: [{name: a, fields: [fd.name], values: [[/tmp/x]]}]\n'),
      shellAlert,
      choice,
      ruleWith('  exceptions: [{name: a, fields: [fd.name], values: [[/tmp/x]]}, {name: proc_name_user_name, fields: [proc.name, user.name], comps: [=, =], values: [[bash, root]]}]\n'),
    );
    assertEdit(
      ruleWith('  exceptions:   # none yet\n  enabled: true\n'),
      shellAlert,
      choice,
      ruleWith('  exceptions:   # none yet\n    - name: proc_name_user_name\n      fields: [proc.name, user.name]\n      comps: [=, =]\n      values:\n        - [bash, root]\n  enabled: true\n'),
    );
  });
  test('an exception comparing the same fields with `=` gets the new values (known ones left out)', () => {
    const before = ruleWith('  exceptions:\n    - name: known\n      fields: [user.name, proc.name]\n      values:\n        - [root, zsh]\n        - [root, bash]\n');
    const alerts = [shellAlert, alert('Shell in container', { 'proc.name': 'sh', 'user.name': 'ops' })].join('\n');
    const result = edit(before, alerts, { rule: 'Shell in container', fields: ['proc.name', 'user.name'], kind: 'rule' });
    assert.equal(result.text, ruleWith('  exceptions:\n    - name: known\n      fields: [user.name, proc.name]\n      values:\n        - [root, zsh]\n        - [root, bash]\n        - [ops, sh]\n'));
    assert.equal(result.preview, "rules.yaml:12\nAdd 1 value tuple to exception 'known' of rule 'Shell in container'.\n1 value tuple is already in exception 'known'.\n\n- [ops, sh]");
    assert.equal(
      editError(before, { text: shellAlert, rule: 'Shell in container', fields: ['proc.name', 'user.name'], target: { uri: 'file:///workspace/rules.yaml', kind: 'rule' } }),
      "Exception 'known' of rule 'Shell in container' already holds this value.",
    );
    const noValues = ruleWith('  exceptions:\n    - name: known\n      fields: [proc.name]\n');
    const added = '    - name: proc_name\n      fields: [proc.name]\n      comps: [=]\n      values:\n        - [bash]\n';
    assertEdit(noValues, shellAlert, { rule: 'Shell in container', fields: ['proc.name'], kind: 'rule' }, `${noValues}${added}`);
  });
  test('several alerts: one tuple per distinct alert; alerts without a value are left out and said so', () => {
    const alerts = [shellAlert, shellAlert, alert('Shell in container', { 'proc.name': 'zsh', 'proc.pname': 'sshd' }), alert('Shell in container', { 'proc.name': 'sh' })].join('\n');
    const result = edit(ruleWith(''), alerts, { rule: 'Shell in container', fields: picked, kind: 'rule' });
    assert.equal(result.text, ruleWith('  exceptions:\n    - name: proc_name_proc_pname\n      fields: [proc.name, proc.pname]\n      comps: [=, =]\n      values:\n        - [bash, runc]\n        - [zsh, sshd]\n'));
    assert.match(result.preview, /\n1 of 4 alerts left out: no usable value for every chosen field\.\n/);
  });
  test('values quoted for the condition and for YAML; a field with an argument is quoted in flow style', () => {
    const alerts = alert('Shell in container', { 'proc.name': 'my agent, v2', 'proc.aname[2]': 'say "hi"', 'fd.name': 'shell_binaries' });
    const before = `- list: shell_binaries\n  items: [bash]\n${ruleWith('')}`;
    assertEdit(before, alerts, { rule: 'Shell in container', fields: ['proc.name', 'proc.aname[2]', 'fd.name'], kind: 'rule' }, `${before}  exceptions:\n    - name: proc_name_proc_aname_2_fd_name\n      fields: [proc.name, 'proc.aname[2]', fd.name]\n      comps: [=, =, =]\n      values:\n        - ['my agent, v2', '"say \\"hi\\""', '"shell_binaries"']\n`);
  });
  test('an override item at the end of another file, after one blank line; rule names quoted when YAML needs it', () => {
    const fixture = `#- falco_rules.yaml\n- rule: 'Shell: in container'\n  desc: d\n  condition: evt.type = execve\n  output: "%proc.name"\n  priority: WARNING\n#- local.yaml\n- list: x\n  items: [a]`;
    const alerts = alert('Shell: in container', { 'proc.name': 'bash' });
    const result = edit(fixture, alerts, { rule: 'Shell: in container', fields: ['proc.name'], file: 'local.yaml', kind: 'override' });
    assert.equal(result.text, "- list: x\n  items: [a]\n\n- rule: 'Shell: in container'\n  exceptions:\n    - name: proc_name\n      fields: [proc.name]\n      comps: [=]\n      values:\n        - [bash]\n  override:\n    exceptions: append\n");
    assert.equal(result.line, 3, 'the line of `- rule:`');
    assert.match(result.preview, /^local\.yaml:4\nAdd exception 'proc_name' to rule 'Shell: in container' with an override item at the end of the file\.\n\n- rule: 'Shell: in container'\n/);
  });
  test('CRLF files keep their line breaks; a file ending with a blank line gets no second one', () => {
    const crlf = ruleWith('').replace(/\n/g, '\r\n');
    const result = edit(crlf, shellAlert, { rule: 'Shell in container', fields: ['proc.name'], kind: 'override' });
    assert.equal(result.text, `${crlf}\r\n- rule: Shell in container\r\n  exceptions:\r\n    - name: proc_name\r\n      fields: [proc.name]\r\n      comps: [=]\r\n      values:\r\n        - [bash]\r\n  override:\r\n    exceptions: append\r\n`);
    const blank = `${ruleWith('')}\n`;
    assert.ok(edit(blank, shellAlert, { rule: 'Shell in container', fields: ['proc.name'], kind: 'override' }).text.startsWith(`${blank}- rule: Shell in container\n`));
  });
  test('into the override item a file already has; values of an exception the rule has become a values-only entry', () => {
    const fixture = `#- falco_rules.yaml\n${ruleWith('  exceptions:\n    - name: shells\n      fields: [proc.name]\n      comps: [=]\n      values: [[zsh]]\n')}#- local.yaml\n- rule: Shell in container\n  exceptions:\n    - name: users\n      fields: [user.name]\n      values: [[ops]]\n  override:\n    exceptions: append\n`;
    const alerts = shellAlert;
    assert.equal(
      edit(fixture, alerts, { rule: 'Shell in container', fields: ['user.name'], file: 'local.yaml', kind: 'override' }).text,
      '- rule: Shell in container\n  exceptions:\n    - name: users\n      fields: [user.name]\n      values: [[ops], [root]]\n  override:\n    exceptions: append\n',
    );
    assert.equal(
      edit(fixture, alerts, { rule: 'Shell in container', fields: ['proc.name'], file: 'local.yaml', kind: 'override' }).text,
      '- rule: Shell in container\n  exceptions:\n    - name: users\n      fields: [user.name]\n      values: [[ops]]\n    - name: shells\n      values:\n        - [bash]\n  override:\n    exceptions: append\n',
    );
    assert.equal(
      edit(fixture, alerts, { rule: 'Shell in container', fields: ['proc.pname'], file: 'local.yaml', kind: 'override' }).text,
      '- rule: Shell in container\n  exceptions:\n    - name: users\n      fields: [user.name]\n      values: [[ops]]\n    - name: proc_pname\n      fields: [proc.pname]\n      comps: [=]\n      values:\n        - [runc]\n  override:\n    exceptions: append\n',
    );
  });
  test('errors are sentences, never exceptions', () => {
    const uri = 'file:///workspace/rules.yaml';
    const ask = (params: unknown) => editError(ruleWith(''), params);
    assert.equal(ask({ text: shellAlert, rule: 'Shell in container', fields: [], target: { uri, kind: 'rule' } }), 'Choose at least one field for the exception.');
    assert.equal(ask({ text: shellAlert, rule: 'Shell in container', fields: ['ka.verb'], target: { uri, kind: 'rule' } }), "'ka.verb' cannot be compared in an exception of a syscall rule.");
    assert.equal(ask({ text: shellAlert, rule: 'Shell in container', fields: ['proc.name'], target: { uri: 'file:///workspace/other.yaml', kind: 'override' } }), "That place is not one where an exception of rule 'Shell in container' can go.");
    assert.equal(ask({ text: shellAlert, rule: 'Other', fields: ['proc.name'], target: { uri, kind: 'rule' } }), "The text holds no alert of rule 'Other'.");
    assert.equal(ask({ text: alert('Shell in container', { 'proc.name': '<NA>' }), rule: 'Shell in container', fields: ['proc.name'], target: { uri, kind: 'rule' } }), "No alert of rule 'Shell in container' has a usable value for every chosen field.");
    assert.equal(ask({ text: 1, rule: 'x' }), 'The request needs the alert text and a rule name.');
    assert.equal(ask({ text: shellAlert, rule: 'Shell in container', fields: ['proc.name'], target: { uri, kind: 'replace' } }), 'The request needs a target file and kind (rule or override).');
    assert.equal(ask(null), 'The request needs the alert text and a rule name.');
    assert.match(editError('- rule: Shell in container\n  exceptions: {a: 1}\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: WARNING\n', { text: shellAlert, rule: 'Shell in container', fields: ['proc.name'], target: { uri, kind: 'rule' } }), /are not a sequence/);
  });
});

describe('alert exception: the code action and the example alerts', () => {
  test('"Add exception from alert…" on the rule line hands the rule over to the client command', () => {
    const { actions, uri } = actionsAt(`- rule: Shell <|>in container\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: WARNING\n`);
    const action = actions.find((candidate) => candidate.title === 'Add exception from alert…');
    assert.deepEqual(action, { title: 'Add exception from alert…', kind: 'refactor.rewrite', command: { command: 'falco.addExceptionFromAlert', title: 'Add exception from alert…', arguments: [{ uri, rule: 'Shell in container' }] } });
  });
  test('not on other lines, macros or lists', () => {
    const titles = (fixture: string) => actionsAt(fixture).actions.map((action) => action.title).filter((title) => title.startsWith('Add exception from alert'));
    assert.deepEqual(titles(`- rule: Shell in container\n  desc: <|>d\n  condition: evt.type = execve\n  output: o\n  priority: WARNING\n`), []);
    assert.deepEqual(titles(`- macro: <|>m\n  condition: evt.type = execve\n`), []);
    assert.deepEqual(titles(`- list: <|>l\n  items: [a]\n`), []);
  });
  test('examples/alerts/falco_events.json: every alert names a rule of examples/rules, and every target takes the picked fields', () => {
    const root = join(__dirname, '../../../examples');
    const files = readdirSync(join(root, 'rules')).filter((name) => name !== 'mistakes.yaml').map((name) => `#- rules/${name}\n${readFileSync(join(root, 'rules', name), 'utf8')}`);
    const workspace = openFixture(files.join(''), { falcoYaml: readFileSync(join(root, 'falco.yaml'), 'utf8') });
    const text = readFileSync(join(root, 'alerts/falco_events.json'), 'utf8');
    const result = getAlertExceptionCandidates(hostOf(workspace), { text });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.rules.map((rule) => [rule.rule, rule.alertCount]), [
      ['Terminal shell in container', 3], ['Sensitive file read by untrusted program', 1], ['Download tool run in container', 1], ['Privileged pod created', 1],
    ]);
    const before = new Map(workspace.files.map((file) => [file.uri, file.text]));
    for (const rule of result.rules) {
      assert.ok(rule.fields.some((field) => field.picked), rule.rule);
      for (const target of rule.targets) {
        const answer = getAlertExceptionEdit(hostOf(workspace), { text, rule: rule.rule, fields: rule.fields.filter((field) => field.picked).map((field) => field.name), target });
        assert.ok(!('error' in answer), `${rule.rule} → ${target.label}: ${'error' in answer ? answer.error : ''}`);
        const after = new Map(before);
        after.set(target.uri, applyEdits(before.get(target.uri)!, editsByUri(answer.edit).get(target.uri)!));
        assertNoNewDiagnostics(before, after, `${rule.rule} → ${target.label}`);
      }
    }
  });
});
