/**
 * Incremental parsing: a parse that reuses the previous version's chunks (shifted in place) must be identical to
 * a fresh parse of the same text, whatever the edit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createParseCache, parseRulesFile } from '../../../server/src/syntax/rulesFile';
import { corpusFiles, readText, sharedMissing } from '../../helpers/shared';

const serialize = (value: unknown): string => JSON.stringify(value, (_key, item) => (item instanceof Int32Array ? Array.from(item) : item));

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const edits = ['x', '', '\n', '- rule: dup\n', '  ', ':', '"', 'and not proc.name in (a, b)\n', '---\n'];

test('reusing chunks gives the same result as a fresh parse, over a chain of random edits', { skip: sharedMissing }, () => {
  const random = prng(7);
  const files = corpusFiles().filter((path) => path.endsWith('falco_rules.yaml') || path.endsWith('k8s_audit_rules.yaml'));
  for (const path of files.slice(0, 2)) {
    let text = readText(path);
    const cache = createParseCache();
    parseRulesFile(text, cache);
    for (let step = 0; step < 12; step++) {
      const at = Math.floor(random() * text.length);
      const removed = Math.floor(random() * 30);
      text = text.slice(0, at) + edits[Math.floor(random() * edits.length)] + text.slice(at + (random() < 0.5 ? removed : 0));
      const incremental = parseRulesFile(text, cache);
      const fresh = parseRulesFile(text);
      if (serialize(incremental) !== serialize(fresh)) assert.fail(`${path}: step ${step} differs from a fresh parse`);
    }
  }
});

test('two identical items in one file do not share objects after an edit above them', () => {
  const item = '- list: same\n  items: [a, b]\n';
  let text = `- macro: m\n  condition: evt.type = open\n${item}${item}`;
  const cache = createParseCache();
  parseRulesFile(text, cache);
  text = `# edit\n${text}`;
  const result = parseRulesFile(text, cache);
  assert.notEqual(result.items[1].node, result.items[2].node);
  assert.equal(serialize(result), serialize(parseRulesFile(text)));
});
