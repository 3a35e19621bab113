import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

describe('deprecated-append', () => {
  test('legacy append on lists, macros and rules; append: false and override are fine', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: shells
          items: [bash]
        - list: shells
          items: [zsh]
          <|append: true|>
        - macro: shell_procs
          condition: proc.name in (shells)
        - macro: shell_procs
          condition: or proc.name = fish
          <|append: yes|>
        - rule: Shell
          desc: a shell
          condition: evt.type = execve and shell_procs
          output: shell %proc.name
          priority: WARNING
        - rule: Shell
          condition: and not user.name = root
          output: ignored
          <|append: true|>
        - rule: Shell
          exceptions:
            - name: known
              fields: proc.pname
              values: [cron]
          override:
            exceptions: append
        - list: shells
          items: [ksh]
          append: false
      `),
      ['deprecated-append', 'deprecated-append', 'deprecated-append'],
      { only: ['deprecated-append'] },
    );
    assert.match(found[0].message, /override: \{items: append\}/);
    assert.match(found[1].message, /override: \{condition: append\}/);
    assert.match(found[2].message, /ignores 'output'/);
    assert.equal(found[0].severity, 'warning');
    assert.deepEqual(found[0].diagnostic.tags, [2]);
  });
});

describe('deprecated-enabled-item', () => {
  test('a rule item that only sets enabled is deprecated; override: enabled: replace is not', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: Shell
          desc: a shell
          condition: evt.type = execve
          output: shell %proc.name
          priority: WARNING
        - rule: Shell
          <|enabled: false|>
          tags: [extra]
        - rule: Shell
          enabled: true
          override:
            enabled: replace
      `),
      ['deprecated-enabled-item'],
      { only: ['deprecated-enabled-item'] },
    );
    assert.match(found[0].message, /override: \{enabled: replace\}/);
    assert.match(found[0].message, /ignores 'tags'/);
  });

  test('a rule item without enabled and without a body is not this check (missing key)', () => {
    assertDiagnostics(
      dedent(`
        - rule: Shell
          desc: a shell
          condition: evt.type = execve
          output: shell %proc.name
          priority: WARNING
        - rule: Shell
          tags: [extra]
      `),
      [],
      { only: ['deprecated-enabled-item'] },
    );
  });
});
