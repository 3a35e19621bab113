import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOperator } from '../../../../server/src/semantic/typecheck/operators';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['operator-type-mismatch'];

describe('operator-type-mismatch', () => {
  test('operators a field type refuses, at the operator', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and proc.name <|bstartswith|> 2f and container.privileged <|glob|> x
            and fd.sport <|pmatch|> (a) and fd.connected <|<=|> 1 and proc.pid <|contains|> 1 and fd.cip <|<=|> 5
            and fd.types <|=|> ipv4 and evt.buffer <|glob|> x and fd.cip <|startswith|> anyof (a)
            and evt.around[10] <|<=|> 3 and len(proc.args) <|contains|> 3
          output: o
          priority: INFO
      `),
      ['operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch', 'operator-type-mismatch'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'error'));
    assert.match(found[0].message, /`proc\.name` \(string\).*'operator not supported for string filters'/);
    assert.match(found[1].message, /\(bool\).*numeric filters/);
    assert.match(found[6].message, /list of string.*`in` or `intersects`/);
    assert.match(found[9].message, /`evt\.around` only supports the `=` operator/);
  });

  test('accepted operators: string numeric comparisons, exists, modifiers, list operators, transformed types', () => {
    assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and proc.name < 5 and proc.name exists and fd.types exists and proc.pid in (1, 2)
            and proc.name startswith anyof (/a, /b) and proc.pid = anyof (1, 2) and fd.types intersects (ipv4)
            and evt.buffer bcontains CAFE and fd.cip in (10.0.0.1) and len(proc.args) > 3
            and tolower(proc.name) contains bash and evt.rawarg.res < 0 and evt.around[10] = 1
            and proc.is_exe_writable != true and fd.snet = 10.0.0.0/8 and evt.is_open_read intersects (true)
          output: o
          priority: INFO
      `),
      [],
      { only },
    );
  });

  test('a macro no rule uses gets warnings only', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: m
          condition: proc.pid <|contains|> 1
      `),
      ['operator-type-mismatch'],
      { only },
    );
    assert.equal(found[0].severity, 'warning');
  });

  test('the matrix', () => {
    assert.equal(checkOperator('regex', { type: 'string', isList: false }).ok, true);
    assert.equal(checkOperator('iglob', { type: 'uint64', isList: false }).ok, false);
    assert.equal(checkOperator('in', { type: 'uint32', isList: true }).ok, false);
    assert.equal(checkOperator('exists', { type: 'uint32', isList: true }).ok, true);
    assert.equal(checkOperator('bcontains', { type: 'bytebuf', isList: false }).ok, true);
    assert.equal(checkOperator('icontains', { type: 'bytebuf', isList: false }).ok, false);
    assert.equal(checkOperator('contains', { type: 'dynamic', isList: false }).ok, true);
  });
});
