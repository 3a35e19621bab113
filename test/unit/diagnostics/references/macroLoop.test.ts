import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['macro-loop'];
const rule = '- rule: r\n  desc: d\n  condition: a and evt.type = open\n  output: o\n  priority: INFO\n';

describe('macro-loop', () => {
  test('an append that uses the macro itself loops', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: a
          condition: proc.name = x
        - macro: a
          condition: or <|a|>
          override:
            condition: append
      `) + rule,
      ['macro-loop'],
      { only },
    );
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /reference loop in macro 'a'/);
  });

  test('a loop through another macro is reported once per macro of the loop', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: a
          condition: proc.name = x
        - macro: b
          condition: <|a|> and proc.name = y
        - macro: a
          condition: or <|b|> or b
          override:
            condition: append
      `) + rule,
      ['macro-loop', 'macro-loop'],
      { only },
    );
    assert.match(found[0].message, /'b' → 'a' → 'b'/);
    assert.match(found[1].message, /'a' → 'b' → 'a'/);
  });

  test('chains, forward references and self references without an append are not loops', () => {
    assertDiagnostics(
      dedent(`
        - macro: a
          condition: proc.name = x
        - macro: b
          condition: a or proc.name = y
        - macro: c
          condition: b and a
        - macro: d
          condition: d or e
        - macro: e
          condition: d
      `) + rule,
      [],
      { only },
    );
  });

  test('a redefinition in a later file can close a loop', () => {
    const fixture =
      '#- falco_rules.yaml\n' +
      dedent(`
        - macro: a
          condition: proc.name = x
        - macro: b
          condition: a
      `) +
      '#- custom.yaml\n' +
      dedent(`
        - macro: a
          condition: <|b|> or proc.name = z
      `) +
      rule;
    assertDiagnostics(fixture, ['macro-loop'], { only });
    // The loop goes through the library's macro too: it is reported there as well.
    assertDiagnostics(fixture.replace('<|b|>', 'b').replace('condition: a\n', 'condition: <|a|>\n'), ['macro-loop'], { only, file: 'falco_rules.yaml' });
  });
});
