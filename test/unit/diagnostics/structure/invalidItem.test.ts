import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['invalid-item'];

describe('invalid-item', () => {
  test('scalar and sequence entries are errors; null entries are skipped', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: a
          items: [x]
        - <|just text|>
        -
        - <|[a, b]|>
        - <|rule|>
      `),
      ['invalid-item', 'invalid-item', 'invalid-item'],
      { only },
    );
    assert.match(found[2].message, /colon after `rule`/);
    assert.equal(found[0].severity, 'error');
  });

  test('mappings and aliases to mappings are fine', () => {
    assertDiagnostics(
      dedent(`
        - &base
          list: a
          items: [x]
        - *base
      `),
      [],
      { only },
    );
  });
});
