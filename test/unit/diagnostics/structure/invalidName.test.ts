import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['invalid-macro-name', 'invalid-list-name'];

describe('invalid-macro-name and invalid-list-name', () => {
  test('macro names must be identifiers', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: <|my-macro|>
          condition: proc.name = a
        - macro: <|_private|>
          condition: proc.name = a
        - macro: <|my.macro|>
          condition: proc.name = a
        - macro: ok_Macro2
          condition: proc.name = a
      `),
      ['invalid-macro-name', 'invalid-macro-name', 'invalid-macro-name'],
      { only },
    );
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /`my_macro`/);
  });

  test('list names must be bare words', () => {
    assertDiagnostics(
      dedent(`
        - list: <|my=list|>
          items: []
        - list: <|"my,list"|>
          items: []
        - list: <|'my"list'|>
          items: []
        - list: <|"tab\tlist"|>
          items: []
        - list: <|"(my_list)"|>
          items: []
        - list: /usr/bin/*-ok.list
          items: []
      `),
      ['invalid-list-name', 'invalid-list-name', 'invalid-list-name', 'invalid-list-name', 'invalid-list-name'],
      { only },
    );
  });
});
