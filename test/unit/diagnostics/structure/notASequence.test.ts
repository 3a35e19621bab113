import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['not-a-sequence'];

describe('not-a-sequence', () => {
  test('a mapping document is reported at its first key', () => {
    assertDiagnostics(
      dedent(`
        <|rule|>: My rule
        desc: d
        condition: evt.type = open
        output: o
        priority: INFO
      `),
      ['not-a-sequence'],
      { only },
    );
  });

  test('a scalar document among sequence documents', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: a
          items: [x]
        ---
        <|just some text|>
        ---
        - macro: m
          condition: proc.name in (a)
      `),
      ['not-a-sequence'],
      { only },
    );
    if (!/'Rules content is not yaml'/.test(found[0].message)) throw new Error(found[0].message);
  });

  test('sequences, empty documents and comments are fine', () => {
    assertDiagnostics(
      dedent(`
        # only a comment
        ---
        - list: a
          items: []
        ---
      `),
      [],
      { only },
    );
  });
});
