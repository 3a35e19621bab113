/**
 * Every diagnostic code is documented (docs/diagnostics.md) with an example and a fix, and every example really
 * triggers its code: it is loaded into a language service as a rules file and the code must be among the
 * diagnostics of the example's files.
 *
 * An example is read as a user's own rules file, loaded after a small stand-in for the upstream ruleset (the
 * examples of updates extend its `Terminal shell in container`, `user_known_shell` and `shell_binaries`).
 * Examples of exception entries are fragments of a rule (they start indented) and are completed with a rule
 * head. An example with `#- path` headers is several files of its own, loaded in Falco's default order.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import '../../../server/src/features/diagnostics/checks';
import { allCodes, type CodeInfo } from '../../../server/src/features/diagnostics/codes';
import { openFixture } from '../../helpers/service';

/** Stand-in for the upstream falco_rules.yaml: what the update examples extend or replace. */
const upstream = `- list: shell_binaries
  items: [bash, sh, zsh]
- macro: user_known_shell
  condition: proc.name = my-shell
- rule: Terminal shell in container
  desc: A shell was started in a container
  condition: evt.type = execve and proc.name in (shell_binaries) and not user_known_shell
  output: "shell %proc.name (user=%user.name)"
  priority: NOTICE
  exceptions:
    - name: known
      fields: [proc.name]
      values: [[my-tool]]
`;

/**
 * Per-code context, when the stand-in does not fit: exception-replace-no-comps is about a rule that had no
 * exceptions before the replace.
 */
const contextFor: Record<string, string> = {
  'exception-replace-no-comps': upstream.slice(0, upstream.indexOf('  exceptions:\n')),
};

/** Head of a rule that completes fragment examples. */
const ruleHead = `- rule: Example rule
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: NOTICE
`;

/** The example as a whole rules file: fragments get a rule head. */
function exampleFile(example: string): string {
  if (example.startsWith('    - ')) return ruleHead + '  exceptions:\n' + example;
  if (example.startsWith('  ')) return ruleHead + example;
  return example;
}

function exampleFixture(info: CodeInfo): { fixture: string; exampleFiles: string[] } {
  const example = info.example ?? '';
  if (example.startsWith('#- ')) {
    const exampleFiles = [...example.matchAll(/^#- (.+)$/gm)].map((match) => match[1].trim());
    return { fixture: example, exampleFiles };
  }
  const context = contextFor[info.code] ?? upstream;
  return { fixture: `#- falco_rules.yaml\n${context}#- my_rules.yaml\n${exampleFile(example)}`, exampleFiles: ['my_rules.yaml'] };
}

const severityNames = ['error', 'error', 'warning', 'information', 'hint'] as const;

function reported(info: CodeInfo): { code: string; severity: string; line: number; message: string }[] {
  const { fixture, exampleFiles } = exampleFixture(info);
  const workspace = openFixture(fixture);
  // The note about upstream files that are not found needs the configuration to assume them.
  if (info.code === 'upstream-rules-not-found') workspace.service.configure({ analysis: { engineVersion: '0.62.0', assumedUpstream: ['falco_rules.yaml'] } });
  return exampleFiles.flatMap((name) =>
    workspace.service.getDiagnostics(workspace.file(name).uri).map((diagnostic) => ({
      code: String(diagnostic.code),
      severity: severityNames[diagnostic.severity ?? 1],
      line: diagnostic.range.start.line,
      message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    })),
  );
}

describe('documented examples', () => {
  test('every code has an example and a fix', () => {
    const missing = allCodes()
      .filter((info) => !info.example?.trim() || !info.fix?.trim())
      .map((info) => `${info.code}:${info.example?.trim() ? '' : ' no example'}${info.fix?.trim() ? '' : ' no fix'}`);
    assert.deepEqual(missing, []);
  });

  test('the upstream stand-in loads without errors or warnings', () => {
    const workspace = openFixture(`#- falco_rules.yaml\n${upstream}#- my_rules.yaml\n${ruleHead.replace('proc.name = bash', 'proc.name in (shell_binaries) and not user_known_shell')}`);
    for (const file of workspace.files) {
      const problems = workspace.service.getDiagnostics(file.uri).filter((diagnostic) => (diagnostic.severity ?? 1) <= 2);
      assert.deepEqual(problems.map((diagnostic) => `${file.path}: ${diagnostic.code} ${diagnostic.message}`), []);
    }
  });

  for (const info of allCodes()) {
    test(`the example of ${info.code} reports ${info.code}`, () => {
      assert.ok(info.example, `${info.code} has no example`);
      const found = reported(info);
      const own = found.filter((entry) => entry.code === info.code);
      const listing = found.map((entry) => `  ${entry.code} (${entry.severity}) line ${entry.line + 1}: ${entry.message}`).join('\n') || '  (none)';
      assert.ok(own.length > 0, `the example of ${info.code} does not report it; it reports:\n${listing}`);
      // The default severity, except that an engine error in a macro no rule uses is only a warning (the engine
      // does not compile such a macro), which is the case of several one-macro examples.
      const accepted = info.severity === 'error' ? ['error', 'warning'] : [info.severity];
      assert.ok(own.some((entry) => accepted.includes(entry.severity)), `${info.code} is not reported as ${info.severity}:\n${listing}`);
    });
  }
});
