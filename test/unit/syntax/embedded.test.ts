/**
 * Finding rules embedded in Helm values, falco-operator Rulesfiles and ConfigMaps, and mapping their text to the
 * host's characters: every embedded character comes from the host character the map names, host offsets map
 * back, edits written back carry the block's indentation, and odd input never throws.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { findEmbeddedRules, type EmbeddedRegion } from '../../../server/src/syntax/embedded/findEmbedded';
import { repoRoot } from '../../helpers/shared';

const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'embedded', name), 'utf8');

/** Every embedded character is the host character it maps to, and the host offset maps back to it. */
function assertExactMap(host: string, region: EmbeddedRegion): void {
  const { text } = region.map;
  for (let offset = 0; offset < text.length; offset++) {
    const at = region.map.toHost(offset);
    assert.equal(host[at], text[offset], `${region.id}: embedded offset ${offset} maps to host ${at}`);
    assert.equal(region.map.toEmbedded(at), offset, `${region.id}: host ${at} maps back`);
  }
}

function applyChange(text: string, change: { span: { start: number; end: number }; newText: string }): string {
  return text.slice(0, change.span.start) + change.newText + text.slice(change.span.end);
}

describe('finding embedded rules', () => {
  test('Helm customRules: one region per entry, named by its key, deployed in rules.d', () => {
    const text = fixture('values-allowlist.yaml');
    const { regions } = findEmbeddedRules(text);
    assert.deepEqual(regions.map((region) => [region.id, region.kind, region.name, region.loadPath, text.slice(region.keySpan.start, region.keySpan.end)]), [
      ['customRules/zz-allowlist-rules.yaml', 'customRules', 'zz-allowlist-rules.yaml', '/etc/falco/rules.d/zz-allowlist-rules.yaml', 'zz-allowlist-rules.yaml'],
      ['customRules/aa-allowlist-macros.yaml', 'customRules', 'aa-allowlist-macros.yaml', '/etc/falco/rules.d/aa-allowlist-macros.yaml', 'aa-allowlist-macros.yaml'],
    ]);
    // The embedded text is the value the chart writes (trailing blank lines aside).
    const values = parse(text).customRules as Record<string, string>;
    for (const region of regions) {
      assert.equal(region.map.text.replace(/\n+$/, ''), values[region.name]!.replace(/\n+$/, ''));
      assertExactMap(text, region);
    }
  });

  test('operator Rulesfiles: the structured sequence and the string form, named as the operator writes them', () => {
    const text = fixture('operator-rulesfile.yaml');
    const { regions } = findEmbeddedRules(text);
    assert.deepEqual(regions.map((region) => region.loadPath), ['/etc/falco/rules.d/60-03-team-rules-inline.yaml', '/etc/falco/rules.d/50-03-legacy-string-rules-inline.yaml']);
    const documents = parseAllDocuments(text).map((document) => document.toJS() as { spec: { inlineRules: unknown } });
    assert.deepEqual(parse(regions[0]!.map.text), documents[0]!.spec.inlineRules);
    assert.equal(regions[1]!.map.text, documents[1]!.spec.inlineRules);
    for (const region of regions) assertExactMap(text, region);
  });

  test('nested under a subchart key, quoted keys, indentation indicators, CRLF', () => {
    const text = [
      'falco:',
      '  customRules:',
      '    "quoted.yaml": |2-',
      '        - list: a',
      '          items: [x]',
      '    plain.yaml: |',
      '      - macro: m',
      '        condition: proc.name = x',
      '',
    ].join('\r\n');
    const { regions } = findEmbeddedRules(text);
    assert.deepEqual(regions.map((region) => region.name), ['quoted.yaml', 'plain.yaml']);
    assert.equal(regions[0]!.map.text, '  - list: a\r\n    items: [x]\r\n');
    assert.equal(regions[1]!.map.text, '- macro: m\r\n  condition: proc.name = x\r\n');
    for (const region of regions) assertExactMap(text, region);
  });

  test('a folded value is read as YAML reads it, and takes no edits', () => {
    const text = 'customRules:\n  folded.yaml: >\n    - list: a\n      items: [x]\n';
    const [region] = findEmbeddedRules(text).regions;
    assert.equal(region!.map.text, (parse(text) as { customRules: Record<string, string> }).customRules['folded.yaml']);
    assert.equal(region!.map.mapChange({ start: 0, end: 0 }, 'x'), null);
  });

  test('ConfigMaps: data entries named *.yaml that hold rules; other entries and other files are left alone', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  rules.yaml: |\n    - list: a\n      items: [x]\n  notes.txt: |\n    - rule: not a rules file\n  other.yaml: |\n    key: value\n';
    assert.deepEqual(findEmbeddedRules(configMap).regions.map((region) => region.name), ['rules.yaml']);
    assert.deepEqual(findEmbeddedRules('replicaCount: 2\nimage:\n  tag: latest\n').regions, []);
    assert.deepEqual(findEmbeddedRules('customRules: {}\n').regions, []);
    assert.deepEqual(findEmbeddedRules('customRules:\n  - a.yaml\n').regions, []);
  });

  test('falco.rules_files of a values file', () => {
    const text = 'falco:\n  rules_files:\n    - /etc/falco/falco_rules.yaml\n    - /etc/falco/rules.d\ncustomRules:\n  a.yaml: |-\n    - list: a\n      items: [x]\n';
    const facts = findEmbeddedRules(text);
    assert.deepEqual(facts.rulesFiles?.map((entry) => [entry.path, text.slice(entry.span.start, entry.span.end)]), [
      ['/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.yaml'],
      ['/etc/falco/rules.d', '/etc/falco/rules.d'],
    ]);
  });

  test('never throws on truncated or odd text', () => {
    const texts = [fixture('values-allowlist.yaml'), fixture('operator-rulesfile.yaml'), fixture('values-pitfall.yaml')];
    for (const text of texts) {
      for (let end = 0; end <= text.length; end += 7) {
        const { regions } = findEmbeddedRules(text.slice(0, end));
        for (const region of regions) if (region.map.mapChange({ start: 0, end: 0 }, '') !== null) assertExactMap(text.slice(0, end), region);
      }
    }
    for (const odd of ['customRules:\n  a.yaml: |-\n', 'customRules:\n  a.yaml: |-\n  - rule: x\n', 'customRules: [', '\t\tcustomRules:\n\t- x', 'customRules:\n  ? [a]\n  : |\n    - list: a\n']) {
      assert.doesNotThrow(() => findEmbeddedRules(odd));
    }
  });
});

describe('writing edits back into a block', () => {
  const text = 'customRules:\n  a.yaml: |-\n    - list: a\n      items: [x]\n\n    - macro: m\n      condition: proc.name in (a)\n  b.yaml: |-\n    - list: b\n';
  const region = findEmbeddedRules(text).regions[0]!;
  const embedded = region.map.text;

  function roundTrip(start: number, end: number, newText: string): void {
    const change = region.map.mapChange({ start, end }, newText);
    assert.ok(change);
    const host = applyChange(text, change);
    const expected = embedded.slice(0, start) + newText + embedded.slice(end);
    const after = findEmbeddedRules(host).regions.find((candidate) => candidate.name === 'a.yaml')!;
    assert.equal(after.map.text.replace(/\n+$/, ''), expected.replace(/\n+$/, ''), `host after the edit:\n${host}`);
    assert.equal((parse(host) as { customRules: Record<string, string> }).customRules['b.yaml'], '- list: b');
  }

  test('inserting items at the start of a line, before an item', () => roundTrip(embedded.indexOf('- macro'), embedded.indexOf('- macro'), '- list: c\n  items: [y]\n\n'));
  test('inserting on the blank line between items', () => {
    const blank = embedded.indexOf('\n\n') + 1;
    roundTrip(blank, blank, '- list: c\n  items: [y]\n');
  });
  test('replacing across lines', () => roundTrip(embedded.indexOf('[x]'), embedded.indexOf('(a)') + 3, '[x, y]\n- macro: n\n  condition: proc.name = z'));
  test('appending at the end of the block', () => roundTrip(embedded.length, embedded.length, '\n- list: c\n  items: [y]'));
  test('deleting whole lines', () => roundTrip(embedded.indexOf('- macro'), embedded.length, ''));
});
