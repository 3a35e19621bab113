/**
 * `falco-rules check` with the default text report: `file:line:column: severity code: message`, a code frame
 * whose carets sit under the exact characters of the diagnostic, the summary line, and the exit status
 * (0 without errors, 1 with errors, 2 on a usage problem).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../../helpers/shared';
import { describeRun, makeWorkspace, rule, runCli } from './harness';

/** The two lines of a code frame for a range on one line, as the report should print them. */
function frame(source: string, lineNumber: number, column: number, length: number): string[] {
  const gutter = String(lineNumber).padStart(5);
  return [`${gutter} | ${source}`, `${' '.repeat(gutter.length)} | ${' '.repeat(column)}${'^'.repeat(length)}`];
}

describe('falco-rules check: text report', () => {
  test('an error: file:line:column, severity and code, message, and the carets under the exact characters', () => {
    const text = ['- list: shells', '  items: [bash, zsh]', rule('Shell spawned', 'evt.type = execve and proc.nme in (shells)')].join('\n');
    const root = makeWorkspace({ 'rules/shells.yaml': text });
    const run = runCli(['check'], root);
    assert.equal(run.status, 1, describeRun(run));
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    const source = text.split('\n')[4];
    const column = source.indexOf('proc.nme');
    assert.match(lines[0], new RegExp(`^rules/shells\\.yaml:5:${column + 1}: error unknown-field: .*\`proc\\.nme\`.*Did you mean \`proc\\.name\``));
    assert.deepEqual(lines.slice(1, 3), frame(source, 5, column, 'proc.nme'.length));
    assert.equal(lines[3], '1 rules file checked: 1 error, 0 warnings.');
    assert.equal(lines[4], '');
    assert.equal(lines.length, 5);
  });

  test('every diagnostic of every file, in load order, with warning, info and hint severities', () => {
    const a = rule('Shells', 'evt.type = execve and proc.name in (shell_binarys)');
    const b =
      rule('Shell', 'evt.type = execve and proc.name = bash').replace('priority: WARNING', 'priority: Warning') +
      '- rule: Pod image\n  desc: d\n  condition: ka.verb = create and ka.req.container.image = nginx\n  output: o\n  priority: INFO\n  source: k8s_audit\n';
    const root = makeWorkspace({ 'rules/a.yaml': a, 'rules/b.yaml': b });
    const run = runCli(['check'], root);
    assert.equal(run.status, 0, `warnings alone do not fail the check\n${describeRun(run)}`);
    const at = (text: string, line: number, word: string) => `${line}:${text.split('\n')[line - 1].indexOf(word) + 1}`;
    const headers = run.stdout.split('\n').filter((line) => /^rules\//.test(line));
    assert.deepEqual(
      headers.map((line) => line.split(': ').slice(0, 2).join(': ')),
      [
        `rules/a.yaml:${at(a, 3, 'shell_binarys')}: warning undefined-list`,
        `rules/b.yaml:${at(b, 5, 'Warning')}: info priority-case`,
        `rules/b.yaml:${at(b, 8, 'ka.req.container.image')}: hint deprecated-plugin-field`,
      ],
    );
    assert.match(run.stdout, /\n2 rules files checked: 0 errors, 1 warning\.\n$/);
  });

  test('a range over several lines is underlined to the end of its first line', () => {
    const text = '- rule: Shadow read\n  desc: d\n  condition: >\n    fd.name = /etc/shadow\n    and proc.name != sshd\n  output: o\n  priority: WARNING\n';
    const root = makeWorkspace({ 'shadow.yaml': text });
    const run = runCli(['check', 'shadow.yaml'], root);
    assert.equal(run.status, 0, describeRun(run));
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^shadow\.yaml:4:5: warning no-evttype: /);
    const source = text.split('\n')[3];
    assert.deepEqual(lines.slice(1, 3), frame(source, 4, 4, source.length - 4));
  });

  test('no problem: exit 0 and only the summary', () => {
    const root = makeWorkspace({
      'rules/clean.yaml': ['- list: shells', '  items: [bash, zsh]', rule('Shell spawned', 'evt.type = execve and proc.name in (shells)')].join('\n'),
    });
    const run = runCli(['check'], root);
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(run.stdout, '1 rules file checked: 0 errors, 0 warnings.\n');
    assert.equal(run.stderr, '');
  });

  test(
    'a tab before the diagnostic is repeated in the caret line, so the carets stay under the characters',
    () => {
      const text = rule('Tabbed', 'evt.type = open and\tproc.nme = x');
      const root = makeWorkspace({ 'tab.yaml': text });
      const run = runCli(['check'], root);
      const source = text.split('\n')[2];
      const column = source.indexOf('proc.nme');
      const lines = run.stdout.split('\n');
      assert.equal(lines[2], `${' '.repeat(5)} | ${source.slice(0, column).replace(/[^\t]/g, ' ')}^^^^^^^^`);
    },
  );
});

describe('falco-rules: exit status and usage', () => {
  const root = makeWorkspace({ 'rules.yaml': rule('R', 'evt.type = open') });

  for (const [args, message] of [
    [['check', '--bogus'], /unknown option '--bogus'/],
    [['check', '--format', 'xml'], /--format takes text, json or sarif, not 'xml'/],
    [['lint'], /unknown command 'lint'/],
  ] as const) {
    test(`\`falco-rules ${args.join(' ')}\` is a usage error: exit 2, the reason and the usage on stderr`, () => {
      const run = runCli(args, root);
      assert.equal(run.status, 2, describeRun(run));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^falco-rules: /);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: falco-rules check/);
    });
  }

  test('a path that does not exist, or an unreadable --config: exit 2 with the reason', () => {
    let run = runCli(['check', 'no/such/rules.yaml'], root);
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /no such file or directory: no\/such\/rules\.yaml/);
    run = runCli(['check', '--config', 'missing/falco.yaml', '.'], root);
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /cannot read the Falco configuration .*missing\/falco\.yaml/);
  });

  test('--help (and no arguments) print the usage, --version the package version: exit 0', () => {
    for (const args of [['--help'], ['-h'], [], ['check', '--help']]) {
      const run = runCli(args, root);
      assert.equal(run.status, 0, describeRun(run));
      assert.match(run.stdout, /^Usage: falco-rules check \[paths…\] \[options\]/);
      assert.match(run.stdout, /Exit status: 0 when no error was found, 1 when errors were found, 2 on a usage problem\./);
    }
    const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
    const run = runCli(['--version'], root);
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(run.stdout, `${version}\n`);
  });

  for (const option of ['--config', '--output', '--engine-version', '--plugins']) {
    test(
      `\`check ${option}\` without its value is a usage error (exit 2), not a check of the current directory`,
      () => {
        const run = runCli(['check', option], root);
        assert.equal(run.status, 2, describeRun(run));
        assert.match(run.stderr, /missing its value/);
      },
    );
  }

  test(
    '--engine-version with something that is not a version is a usage error (exit 2)',
    () => {
      const run = runCli(['check', '--engine-version', 'banana'], root);
      assert.equal(run.status, 2, describeRun(run));
    },
  );
});
