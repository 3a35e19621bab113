import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['deprecated-field', 'deprecated-plugin-field'];

describe('deprecated-field', () => {
  test('evt.dir and the latency fields in conditions; evt.latency.quantized only in outputs', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and <|evt.dir|> = < and <|evt.latency|> > 5 and <|evt.wait_latency|> > 1
            and evt.latency.quantized > 5 and <|evt.dir|> = >
          output: "%<|evt.latency.quantized|> %<|evt.dir|> %proc.name <|%container.info|>"
          priority: INFO
      `),
      Array(7).fill('deprecated-field'),
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    assert.ok(found.every((entry) => entry.diagnostic.tags?.includes(2)));
    assert.match(found[0].message, /`evt\.dir = <` always evaluates to true/);
    assert.match(found[3].message, /`evt\.dir = >` always evaluates to false/);
    assert.match(found[4].message, /`evt\.latency\.quantized` is deprecated/);
    assert.match(found[6].message, /dropped by Falco 1\.0/);
  });

  test('plugin fields documented as deprecated get a hint', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: k
          desc: d
          condition: ka.verb = get and <|ka.req.container.image|> = x
          output: o
          priority: INFO
          source: k8s_audit
      `),
      ['deprecated-plugin-field'],
      { only },
    );
    assert.equal(found[0].severity, 'hint');
  });

  test('current fields are fine', () => {
    assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: evt.type = open and evt.res = SUCCESS and evt.rawres >= 0
          output: "%proc.name %evt.time %evt.res"
          priority: INFO
      `),
      [],
      { only },
    );
  });
});
