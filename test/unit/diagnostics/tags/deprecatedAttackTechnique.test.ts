import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDefaultCatalogs } from '../../../../server/src/semantic/catalogs';
import { assertDiagnostics } from '../../../helpers/diagnostics';

const only = ['deprecated-attack-technique'];

const rule = (name: string, tags: string) => `- rule: ${name}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  tags: ${tags}\n`;

const attack = createDefaultCatalogs().attack;
const deprecatedOnly = attack.techniques().find((technique) => technique.deprecated && !technique.revoked && !technique.revokedBy);

describe('deprecated-attack-technique', () => {
  test('a revoked technique names its replacement', () => {
    const found = assertDiagnostics(rule('A', '[mitre_collection, <|T1002|>, T1560]'), ['deprecated-attack-technique'], { only });
    assert.equal(found[0].severity, 'warning');
    assert.deepEqual(found[0].diagnostic.tags, [2]);
    assert.match(found[0].message, /`T1002` \(Data Compressed\) is revoked.*became `T1560` \(Archive Collected Data\)\. Tag `T1560` instead/);
  });

  test('a deprecated technique without replacement', { skip: deprecatedOnly ? false : 'no deprecated technique in the catalog' }, () => {
    const found = assertDiagnostics(rule('A', `[<|${deprecatedOnly?.id}|>]`), ['deprecated-attack-technique'], { only });
    assert.match(found[0].message, /is deprecated in ATT&CK 18\.1 and has no replacement/);
  });

  test('current techniques are fine', () => {
    assertDiagnostics(rule('A', '[mitre_collection, T1560, T1560.001, T1059]'), [], { only });
  });
});
