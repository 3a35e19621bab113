// ATT&CK catalog: techniques, sub-techniques, revoked IDs, tactics and Falco tactic tags, name search.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AttackCatalog, tacticTag } from '../../../server/src/semantic/catalogs';

const attack = new AttackCatalog();

describe('ATT&CK catalog', () => {
  test('release, attribution and license', () => {
    assert.equal(attack.version, '18.1');
    assert.equal(attack.domain, 'enterprise-attack');
    assert.match(attack.attribution, /The MITRE Corporation/);
    assert.match(attack.license, /royalty-free license/);
  });

  test('T1529 System Shutdown/Reboot is an impact technique', () => {
    const technique = attack.technique('T1529');
    assert.equal(technique?.name, 'System Shutdown/Reboot');
    assert.ok(technique?.tactics.includes('impact'));
    assert.equal(technique?.isSubtechnique, false);
    assert.equal(technique?.url, 'https://attack.mitre.org/techniques/T1529');
    assert.deepEqual(
      attack.tacticsOf(technique!).map((t) => t.id),
      ['TA0040'],
    );
  });

  test('T1059.004 is a sub-technique of T1059', () => {
    const technique = attack.technique('T1059.004');
    assert.equal(technique?.name, 'Unix Shell');
    assert.equal(technique?.isSubtechnique, true);
    assert.equal(technique?.parentId, 'T1059');
    assert.deepEqual(technique?.tactics, ['execution']);
    assert.equal(technique?.url, 'https://attack.mitre.org/techniques/T1059/004');
    assert.equal(attack.technique('t1059.004'), technique);
    assert.ok(attack.subtechniquesOf('T1059').includes(technique!));
  });

  test('revoked and deprecated techniques stay known', () => {
    const revoked = attack.technique('T1002');
    assert.equal(revoked?.revoked, true);
    assert.equal(revoked?.revokedBy, 'T1560');
    assert.ok(attack.technique(revoked!.revokedBy!));
    assert.equal(attack.technique('T1043')?.deprecated, true);
    assert.equal(attack.technique('T9999'), undefined);
  });

  test('tactics by ID, shortname and Falco tag', () => {
    assert.equal(attack.tactics().length, 14);
    assert.deepEqual(
      attack.tactics().map((t) => t.order),
      Array.from({ length: 14 }, (_, i) => i + 1),
    );
    const escalation = attack.tacticByShortname('privilege-escalation');
    assert.equal(escalation?.id, 'TA0004');
    assert.equal(escalation?.tag, 'mitre_privilege_escalation');
    assert.equal(attack.tacticForTag('mitre_privilege_escalation'), escalation);
    assert.equal(attack.tacticForTag('MITRE_PRIVILEGE_ESCALATION'), escalation);
    assert.equal(attack.tacticForTag('mitre_command_and_control')?.id, 'TA0011');
    assert.equal(attack.tacticForTag('mitre_remote_access_tools'), undefined);
    assert.equal(attack.tacticForTag('privilege_escalation'), undefined);
    assert.equal(attack.tacticById('ta0040')?.shortname, 'impact');
    assert.equal(tacticTag('defense-evasion'), 'mitre_defense_evasion');
  });

  test('search by name words', () => {
    assert.equal(attack.searchTechniques('System Shutdown/Reboot')[0]?.id, 'T1529');
    assert.equal(attack.searchTechniques('shut reb')[0]?.id, 'T1529');
    const shells = attack.searchTechniques('unix shell').map((t) => t.id);
    assert.equal(shells[0], 'T1059.004');
    assert.equal(attack.searchTechniques('T1059.004')[0]?.id, 'T1059.004');
    assert.deepEqual(attack.searchTechniques(''), []);
    assert.ok(attack.searchTechniques('data', { limit: 3 }).length <= 3);
  });

  test('search leaves out inactive techniques unless asked', () => {
    const active = attack.searchTechniques('Data Compressed').map((t) => t.id);
    assert.ok(!active.includes('T1002'));
    const all = attack.searchTechniques('Data Compressed', { includeInactive: true }).map((t) => t.id);
    assert.ok(all.includes('T1002'));
  });
});
