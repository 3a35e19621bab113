import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unused-macro'];

describe('unused-macro', () => {
  test('judged on the whole workspace: a library macro used by a later file is used', () => {
    const fixture =
      '#- falco_rules.yaml\n' +
      dedent(`
        - macro: used_by_consumer
          condition: evt.type = open
        - macro: used_by_unused
          condition: proc.name = a
        - macro: <|never_used|>
          condition: used_by_unused
        - macro: "<|my-macro|>"
          condition: proc.name = b
      `) +
      '#- custom.yaml\n' +
      dedent(`
        - rule: r
          desc: d
          condition: used_by_consumer
          output: o
          priority: INFO
      `);
    const found = assertDiagnostics(fixture, ['unused-macro', 'unused-macro'], { only, file: 'falco_rules.yaml' });
    assert.equal(found[0].severity, 'warning');
    assert.deepEqual(found[0].diagnostic.tags, [1]);
    assert.match(found[0].message, /'Macro not referred to by any other rule\/macro'/);
    assertDiagnostics(fixture, [], { only, file: 'custom.yaml' });
  });

  test('each full definition in the file is reported, updates are not', () => {
    assertDiagnostics(
      dedent(`
        - macro: <|m|>
          condition: proc.name = a
        - macro: m
          condition: or proc.name = b
          override:
            condition: append
        - macro: <|m|>
          condition: proc.name = c
      `),
      ['unused-macro', 'unused-macro'],
      { only },
    );
  });

  test('a macro used only by a rule whose source is not loaded is unused', () => {
    const fixture = dedent(`
      - macro: <|ka_write|>
        condition: ka.verb = create
      - rule: k8s
        desc: d
        condition: ka_write
        output: o
        priority: INFO
        source: k8s_audit
    `);
    assertDiagnostics(fixture, ['unused-macro'], { only, analysis: { plugins: ['container'] } });
    assertDiagnostics(fixture.replace('<|ka_write|>', 'ka_write'), [], { only, analysis: { plugins: ['k8saudit'] } });
  });
});
