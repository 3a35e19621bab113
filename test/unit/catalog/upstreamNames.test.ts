/**
 * The upstream name catalog: which upstream rules file defines a macro, list or rule, and in which releases.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayVersion, upstreamDefinitions } from '../../../server/src/semantic/catalogs/upstreamNames';

describe('upstream names catalog', () => {
  test('spawned_process is a macro of falco_rules.yaml in falco-rules-5.1.0, newest release first', () => {
    const definitions = upstreamDefinitions('macro', 'spawned_process');
    const stable = definitions.find((definition) => definition.file === 'falco_rules.yaml');
    assert.ok(stable);
    assert.equal(stable.versions[0], 'falco-rules-5.1.0');
    assert.ok(stable.versions.includes('falco-0.31.1'));
    assert.equal(definitions[0], stable, 'falco_rules.yaml comes first');
    assert.deepEqual(upstreamDefinitions('list', 'spawned_process'), []);
  });

  test('a k8s audit macro comes from the plugin rules file', () => {
    assert.deepEqual(upstreamDefinitions('macro', 'kevt'), [{ file: 'k8s_audit_rules.yaml', versions: ['k8saudit-0.18.0', 'falco-0.31.1'] }]);
  });

  test('lists and rules are known too', () => {
    assert.ok(upstreamDefinitions('list', 'shell_binaries').some((definition) => definition.file === 'falco_rules.yaml'));
    assert.ok(upstreamDefinitions('rule', 'Terminal shell in container').some((definition) => definition.versions.includes('falco-rules-5.1.0')));
  });

  test('a name that no upstream file defines gives nothing, odd input included', () => {
    assert.deepEqual(upstreamDefinitions('macro', 'my_own_macro'), []);
    assert.deepEqual(upstreamDefinitions('macro', ''), []);
    assert.deepEqual(upstreamDefinitions('macro', 'constructor'), []);
    assert.deepEqual(upstreamDefinitions('rule', undefined as unknown as string), []);
  });

  test('release labels read as name and version', () => {
    assert.equal(displayVersion('falco-rules-5.1.0'), 'falco-rules 5.1.0');
    assert.equal(displayVersion('falco-0.31.1'), 'falco 0.31.1');
    assert.equal(displayVersion('main-c72713e'), 'main-c72713e');
  });
});
