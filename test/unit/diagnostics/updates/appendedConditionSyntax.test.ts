import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('appended-condition-syntax: fragments are joined to the previous condition as raw text', () => {
  const found = assertDiagnostics(
    dedent(`
      - macro: m
        condition: proc.name = a
      - macro: m
        condition: <|proc.name|> = b
        override:
          condition: append
      - macro: open_ops
        condition: evt.type = open and
      - macro: open_ops
        condition: proc.name = bash
        override:
          condition: append
      - macro: chained
        condition: proc.name = a
      - macro: chained
        condition: or
        append: true
      - macro: chained
        condition: proc.name = z
        append: true
      - rule: R
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
      - rule: R
        condition: <|(|>proc.name = x)
        override:
          condition: append
      - rule: R
        condition: and not proc.name = y
        override:
          condition: append
      - macro: replaced
        condition: proc.name = a
      - macro: replaced
        condition: proc.name = b and
        override:
          condition: replace
      - macro: replaced
        condition: proc.name = c
        override:
          condition: append
    `),
    ['appended-condition-syntax', 'appended-condition-syntax'],
    { only: ['appended-condition-syntax'] },
  );
  assert.match(found[0].message, /joined to the previous condition of macro 'm' as raw text \('proc.name = a proc.name …'\)/);
  assert.match(found[0].message, /start with 'and' or 'or'/);
});
