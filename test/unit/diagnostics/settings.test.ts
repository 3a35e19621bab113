/**
 * Severity settings per code and suppression comments (next line, same line, whole file).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnosticsOf } from '../../helpers/diagnostics';
import { dedent } from '../../helpers/markers';

const rules = dedent(`
  - macro: unused_one
    condition: evt.type = open
  - rule: Typo
    desc: d
    condition: evt.type = execve and proc.nme = bash
    output: "%proc.name"
    priority: INFO
`);

const codesOf = (fixture: string, severities?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>) => {
  const { found, workspace } = diagnosticsOf(fixture);
  if (!severities) return found.map((entry) => `${entry.severity} ${entry.code}`);
  workspace.service.configure({ severities });
  const uri = workspace.files[workspace.files.length - 1].uri;
  return workspace.service.getDiagnostics(uri).map((diagnostic) => `${['', 'error', 'warning', 'information', 'hint'][diagnostic.severity ?? 1]} ${String(diagnostic.code)}`);
};

describe('severity settings', () => {
  test('defaults', () => {
    assert.deepEqual(codesOf(rules), ['warning unused-macro', 'error unknown-field']);
  });
  test('a code can be lowered, raised or turned off', () => {
    assert.deepEqual(codesOf(rules, { 'unused-macro': 'hint', 'unknown-field': 'warning' }), ['hint unused-macro', 'warning unknown-field']);
    assert.deepEqual(codesOf(rules, { 'unused-macro': 'off' }), ['error unknown-field']);
  });
});

describe('suppression comments', () => {
  test('next line, for one code or for all', () => {
    const fixture = rules
      .replace('- macro: unused_one', '# falco-rules-disable-next-line unused-macro\n- macro: unused_one')
      .replace('  condition: evt.type = execve', '  # falco-rules-disable-next-line\n  condition: evt.type = execve');
    assert.deepEqual(codesOf(fixture), []);
  });
  test('a code list only silences those codes', () => {
    const fixture = rules.replace('- macro: unused_one', '# falco-rules-disable-next-line unknown-field\n- macro: unused_one');
    assert.deepEqual(codesOf(fixture), ['warning unused-macro', 'error unknown-field']);
  });
  test('same line, at the end of the line', () => {
    const fixture = rules.replace('- macro: unused_one', '- macro: unused_one  # falco-rules-disable-line unused-macro');
    assert.deepEqual(codesOf(fixture), ['error unknown-field']);
  });
  test('whole file', () => {
    assert.deepEqual(codesOf(`# falco-rules-disable unknown-field, unused-macro\n${rules}`), []);
    assert.deepEqual(codesOf(`# falco-rules-disable unused-macro\n${rules}`), ['error unknown-field']);
  });
});
