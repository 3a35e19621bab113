/**
 * Hover on a macro or list that the workspace does not define but an upstream rules file does: the hover names
 * the upstream file and its releases and says how to add it; names the workspace defines keep their hover.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dedent } from '../../helpers/markers';
import { openFixture, type FixtureWorkspace } from '../../helpers/service';

function hoverAt(fixture: FixtureWorkspace, name: string, index = 0): { text: string; markdown: string } | undefined {
  const file = fixture.file(name);
  const hover = fixture.service.getHover(file.uri, fixture.cursor(name, index));
  return hover ? { text: fixture.textAt(file.uri, hover.range!), markdown: (hover.contents as { value: string }).value } : undefined;
}

const paras = (...parts: string[]): string => parts.join('\n\n');
const addIt = (subject: string): string => `To use it, open the folder that holds ${subject}, or add ${subject === 'that file' ? "the file's" : 'its'} path to the \`falco.rulesFiles.extraPaths\` setting.`;

describe('hover on names defined only upstream', () => {
  const fixture = openFixture(
    dedent(`
      #- rules/custom.yaml
      - rule: Shell spawned
        desc: a shell starts
        condition: spawned_<|>process and proc.name in (shell_bin<|>aries) and kev<|>t and no_such<|>_macro
        output: "shell %proc.name"
        priority: WARNING
      - list: my_<|>list
        items: [not_upstream_at_all]
        append: true
    `),
  );

  test('an upstream macro names every upstream file that defines it, newest release first', () => {
    const hover = hoverAt(fixture, 'custom.yaml', 0);
    assert.equal(hover?.text, 'spawned_process');
    assert.equal(
      hover?.markdown,
      paras(
        '**macro** `spawned_process`',
        'Not defined in the indexed rules files.',
        'Defined by upstream rules files that are not in this workspace:',
        [
          '- `falco_rules.yaml` (falco-rules 5.1.0, falco-rules 1.0.1, falco 0.31.1, falco-master-2021-03-24-f7f2b64)',
          '- `falco-incubating_rules.yaml` (falco-incubating-rules 6.0.1)',
          '- `falco-sandbox_rules.yaml` (falco-sandbox-rules 6.1.0)',
        ].join('\n'),
        addIt('one of these files'),
      ),
    );
  });

  test('an upstream list referenced in a condition gets the same note', () => {
    const hover = hoverAt(fixture, 'custom.yaml', 1);
    assert.equal(hover?.text, 'shell_binaries');
    assert.match(hover?.markdown ?? '', /^\*\*list\*\* `shell_binaries`\n\nNot defined in the indexed rules files\.\n\nDefined by upstream rules files that are not in this workspace:\n\n- `falco_rules\.yaml` \(falco-rules 5\.1\.0, /);
  });

  test('a macro from one plugin rules file', () => {
    assert.equal(
      hoverAt(fixture, 'custom.yaml', 2)?.markdown,
      paras(
        '**macro** `kevt`',
        'Not defined in the indexed rules files.',
        'Defined by the upstream rules file `k8s_audit_rules.yaml` (k8saudit 0.18.0, falco 0.31.1), which is not in this workspace.',
        addIt('that file'),
      ),
    );
  });

  test('names that are not upstream keep their hover', () => {
    assert.equal(hoverAt(fixture, 'custom.yaml', 3)?.markdown, '**macro** `no_such_macro`\n\nNot defined in the indexed rules files.');
    assert.match(hoverAt(fixture, 'custom.yaml', 4)?.markdown ?? '', /^\*\*list\*\* `my_list` \(0 items\)\n\nNo item defines it before it is changed\.\n\nIn load order:/);
  });
});

describe('a defined macro is unchanged', () => {
  test('a workspace definition of an upstream name shows only the workspace', () => {
    const fixture = openFixture(
      dedent(`
        #- rules/base.yaml
        - macro: spawned_process
          condition: evt.type = execve
        - rule: Run
          desc: a program runs
          condition: spawned_<|>process
          output: "run %proc.name"
          priority: INFO
      `),
    );
    assert.equal(
      hoverAt(fixture, 'base.yaml')?.markdown,
      paras('**macro** `spawned_process`', '```\nevt.type = execve\n```', 'In load order:\n\n- defined in `rules/base.yaml:1`'),
    );
  });
});
