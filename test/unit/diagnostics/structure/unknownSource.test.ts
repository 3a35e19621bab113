import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unknown-source'];

const rule = (name: string, source: string) =>
  `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  source: ${source}\n`;

describe('unknown-source', () => {
  test('sources of plugins that are not loaded', () => {
    const found = assertDiagnostics(rule('A', '<|k8s_audit|>') + rule('B', 'syscall') + rule('C', '<|okta|>'), ['unknown-source', 'unknown-source'], {
      only,
      analysis: { plugins: ['container'] },
    });
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /`k8saudit`/);
  });

  test('loaded plugins provide their sources; with no plugin list every known source is loaded', () => {
    assertDiagnostics(rule('A', 'k8s_audit') + rule('B', 'syscall'), [], { only, analysis: { plugins: ['container', 'k8saudit', 'json'] } });
    assertDiagnostics(rule('A', 'k8s_audit') + rule('B', 'okta') + rule('C', 'aws_cloudtrail'), [], { only });
  });

  test('a source no catalog knows gets a did-you-mean', () => {
    const found = assertDiagnostics(rule('A', '<|syscalls|>') + rule('B', '<|my_source|>'), ['unknown-source', 'unknown-source'], { only });
    assert.match(found[0].message, /Did you mean `syscall`/);
    assert.match(found[1].message, /field catalog/);
  });

  test('updates of a rule are not skipped', () => {
    assertDiagnostics(
      rule('A', '<|okta|>') +
        dedent(`
          - rule: A
            source: okta
            condition: and okta.app = x
            override:
              condition: append
        `),
      ['unknown-source'],
      { only, analysis: { plugins: [] } },
    );
  });
});
