import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['undefined-list', 'invalid-value'];

describe('undefined-list', () => {
  test('words that read like list names but name no list, on string fields: a warning, never an error', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: shell_binaries
          items: [bash, sh]
        - rule: r
          desc: d
          condition: >
            evt.type = open and proc.name in (<|shell_binares|>, zsh) and proc.pname in (<|my_binaries|>)
            and proc.name intersects (<|trusted_users|>) and fd.name pmatch (<|custom_paths|>)
            and proc.name in (shell_binaries, unix_chkpwd, c_rehash, "my_binaries") and proc.name = my_binaries
          output: o
          priority: INFO
      `),
      Array(4).fill('undefined-list'),
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    assert.match(found[0].message, /Did you mean `shell_binaries`\?/);
    assert.match(found[1].message, /literal text 'my_binaries'/);
  });

  test('a list defined in an earlier file is found; typed fields are left to invalid-value', () => {
    const fixture =
      '#- base.yaml\n- list: my_binaries\n  items: [bash]\n' +
      '#- rules.yaml\n' +
      dedent(`
        - rule: r
          desc: d
          condition: evt.type in (<|my_syscalls|>) and proc.name in (my_binaries)
          output: o
          priority: INFO
      `);
    assertDiagnostics(fixture, ['invalid-value'], { only });
  });
});
