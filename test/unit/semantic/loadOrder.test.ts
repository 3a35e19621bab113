import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFalcoConfig } from '../../../server/src/semantic/falcoConfig';
import { computeLoadOrder } from '../../../server/src/semantic/loadOrder';

describe('load order', () => {
  const paths = ['/w/a_custom.yaml', '/w/rules.d/20-b.yaml', '/w/rules.d/10-a.yml', '/w/rules.d/notes.txt', '/w/falco_rules.local.yaml', '/w/falco_rules.yaml', '/w/falco-incubating_rules.yaml'];

  test('default: upstream names first, then falco_rules.local.yaml, then rules.d by name, then the rest alphabetically', () => {
    assert.deepEqual(computeLoadOrder(paths, null), [
      '/w/falco_rules.yaml',
      '/w/falco-incubating_rules.yaml',
      '/w/falco_rules.local.yaml',
      '/w/rules.d/10-a.yml',
      '/w/rules.d/20-b.yaml',
      '/w/rules.d/notes.txt',
      '/w/a_custom.yaml',
    ]);
  });

  test('default: files of several rules.d directories interleave by file name, as one directory would', () => {
    assert.deepEqual(computeLoadOrder(['/w/z/rules.d/b.yaml', '/etc/falco/rules.d/c.yaml', '/w/a/rules.d/d.yaml', '/etc/falco/rules.d/a.yaml'], null), [
      '/etc/falco/rules.d/a.yaml',
      '/w/z/rules.d/b.yaml',
      '/etc/falco/rules.d/c.yaml',
      '/w/a/rules.d/d.yaml',
    ]);
  });

  test('rules_files: files as listed, directories expanded alphabetically to .yaml/.yml, the rest after', () => {
    const config = { baseDirectory: '/w', rulesFiles: ['rules.d', 'falco_rules.local.yaml', './a_custom.yaml'] };
    assert.deepEqual(computeLoadOrder(paths, config), [
      '/w/rules.d/10-a.yml',
      '/w/rules.d/20-b.yaml',
      '/w/falco_rules.local.yaml',
      '/w/a_custom.yaml',
      '/w/falco_rules.yaml',
      '/w/falco-incubating_rules.yaml',
      '/w/rules.d/notes.txt',
    ]);
  });

  test('absolute /etc/falco entries match the same layout inside the workspace', () => {
    const config = { baseDirectory: '/w', rulesFiles: ['/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml', '/etc/falco/rules.d'] };
    assert.deepEqual(computeLoadOrder(paths, config).slice(0, 4), ['/w/falco_rules.yaml', '/w/falco_rules.local.yaml', '/w/rules.d/10-a.yml', '/w/rules.d/20-b.yaml']);
  });

  test('falco.yaml: rules_files, the older rules_file, and no list', () => {
    assert.deepEqual(parseFalcoConfig('rules_files:\n  - /etc/falco/falco_rules.yaml\n  - /etc/falco/rules.d\n')?.rulesFiles, ['/etc/falco/falco_rules.yaml', '/etc/falco/rules.d']);
    assert.deepEqual(parseFalcoConfig('rules_file:\n  - a.yaml\n')?.rulesFiles, ['a.yaml']);
    assert.equal(parseFalcoConfig('json_output: true\n'), null);
    assert.equal(parseFalcoConfig(': : bad'), null);
  });
});

describe('falco.yaml load_plugins', () => {
  test('is read with or without rules_files', () => {
    assert.deepEqual(parseFalcoConfig('load_plugins: [container, k8saudit]\nrules_files: [a.yaml]\n'), { rulesFiles: ['a.yaml'], loadPlugins: ['container', 'k8saudit'] });
    assert.deepEqual(parseFalcoConfig('load_plugins: []\n'), { rulesFiles: [], loadPlugins: [] });
  });
});
