import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isLiteralRegex, simplerForm } from '../../../../server/src/features/diagnostics/checks/conditions/regexSimpler';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['regex-simpler'];

describe('regex-simpler', () => {
  test('literal patterns, with the operator that does the same', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and proc.name regex <|socket|> and proc.exe regex <|ssh$|> and fd.name regex <|"^/etc/.*"|>
            and fd.name regex <|".*passwd"|> and proc.cmdline regex <|".*curl.*"|> and proc.name regex "^(bash|sh)$"
            and fd.name regex "/etc/[a-z]+" and fd.name regex "a.b"
          output: o
          priority: INFO
      `),
      Array(5).fill('regex-simpler'),
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    assert.match(found[0].message, /`= socket`/);
    assert.match(found[2].message, /`startswith \/etc\/`/);
    assert.match(found[3].message, /`endswith passwd`/);
    assert.match(found[4].message, /`contains curl`/);
  });

  test("the engine's literal test", () => {
    assert.ok(isLiteralRegex('/healthz') && isLiteralRegex('^abc$') && isLiteralRegex('.*x') && isLiteralRegex('x.+'));
    assert.ok(!isLiteralRegex('a.b') && !isLiteralRegex('a|b') && !isLiteralRegex('a\\.b') && !isLiteralRegex('[ab]'));
    assert.deepEqual(simplerForm('^abc$'), { operator: '=', value: 'abc' });
  });
});
