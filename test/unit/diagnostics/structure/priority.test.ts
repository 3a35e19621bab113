import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['invalid-priority', 'priority-case'];

const rule = (name: string, priority: string) => `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: ${priority}\n`;

describe('invalid-priority and priority-case', () => {
  test('unknown priorities are errors with a did-you-mean', () => {
    const found = assertDiagnostics(
      rule('A', '<|CRIT|>') + rule('B', '<|WARN|>') + rule('C', '<|P1|>') + rule('D', '<|SEVERE|>'),
      ['invalid-priority', 'invalid-priority', 'invalid-priority', 'invalid-priority'],
      { only },
    );
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /'Invalid priority'.*Did you mean `CRITICAL`/);
    assert.match(found[1].message, /Did you mean `WARNING`/);
    assert.doesNotMatch(found[2].message, /Did you mean/);
  });

  test('other spellings load; only the schema wants UPPERCASE', () => {
    const found = assertDiagnostics(
      rule('A', '<|Warning|>') + rule('B', '<|info|>') + rule('C', 'INFO') + rule('D', 'INFORMATIONAL') + rule('E', '<|notice|>'),
      ['priority-case', 'priority-case', 'priority-case'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'information'));
    assert.match(found[1].message, /`INFO`/);
  });

  test('priority of updates: checked on replace, ignored elsewhere', () => {
    assertDiagnostics(
      dedent(`
        ${rule('A', 'INFO').replace(/\n/g, '\n        ')}
        - rule: A
          priority: <|LOUD|>
          override:
            priority: replace
        - rule: A
          priority: LOUD
          condition: and proc.pid > 0
          append: true
      `),
      ['invalid-priority'],
      { only },
    );
  });
});
