import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['output-unknown-field', 'output-field-wrong-source', 'unknown-filter-skipped'];
const rule = (output: string, extra = '') => dedent(`
  - rule: r
    desc: d
    condition: evt.type = open
    output: ${output}
    priority: INFO
`) + extra;

describe('output-unknown-field, output-field-wrong-source', () => {
  test('placeholders no prefix of which is a field, fields of another source, malformed fields', () => {
    const found = assertDiagnostics(
      rule('"a %<|pooc.name|> b %<|fsd.l4proto|> %<|ka.user.name|> %<|evt.arg|> %toupper(<|user.nme|>) %20<|proc.nmx|>"'),
      ['output-unknown-field', 'output-unknown-field', 'output-field-wrong-source', 'output-unknown-field', 'output-unknown-field', 'output-unknown-field'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'error'));
    assert.match(found[0].message, /'unknown filter'.*Did you mean `proc\.name`\?/);
    assert.match(found[2].message, /`k8s_audit` event source/);
    assert.match(found[3].message, /needs an argument/);
  });

  test('the token ends at the longest field prefix: trailing text, arguments, filter-only fields, %container.info', () => {
    assertDiagnostics(
      rule(
        '"%proc.name: %proc.namex (%fd.name) %proc.aname[2] %proc.aname[x] %evt.arg.flags %fd.net %evt.around[5] ' +
          '%container.info %container.infox %jevt.value[/a/b] %evt.latency.quantized %proc.name.x"',
      ),
      [],
      { only },
    );
  });

  test('plugin sources: k8s_audit fields and generic fields', () => {
    assertDiagnostics(
      dedent(`
        - rule: k
          desc: d
          condition: ka.verb = get
          output: "%ka.user.name %evt.time %jevt.value[/user] %<|proc.name|> %ka.uri.param[command]"
          priority: INFO
          source: k8s_audit
      `),
      ['output-field-wrong-source'],
      { only },
    );
  });

  test('with skip-if-unknown-filter, an unknown output field only skips the rule', () => {
    const found = assertDiagnostics(rule('"%<|pooc.name|>"', '  skip-if-unknown-filter: true\n'), ['unknown-filter-skipped'], { only });
    assert.equal(found[0].severity, 'warning');
  });

  test('fields of plugins that are not loaded', () => {
    const found = assertDiagnostics(rule('"%<|container.id|> %proc.name"'), ['output-unknown-field'], { only, analysis: { plugins: [] } });
    assert.match(found[0].message, /`container` plugin/);
  });
});
