import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test("append-with-override: 'append: true' next to a non-empty override", () => {
  const found = assertDiagnostics(
    dedent(`
      - list: shells
        items: [bash]
      - list: shells
        items: [zsh]
        <|append: true|>
        override:
          items: append
      - macro: m
        condition: proc.name = a
      - macro: m
        condition: or proc.name = b
        <|append: true|>
        override:
          condition: append
      - list: shells
        items: [ksh]
        append: false
        override:
          items: append
      - list: shells
        items: [fish]
        append: true
    `),
    ['append-with-override', 'append-with-override'],
    { only: ['append-with-override'] },
  );
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /cannot be used together/);
});
