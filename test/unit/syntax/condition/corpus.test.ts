// Every condition and output of the upstream Falco rules corpus parses without problems (appended fragments are
// parsed after a stand-in base condition, as the engine joins them), and every span respects its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCondition } from '../../../../server/src/syntax/condition/parser';
import { parseOutputFormat } from '../../../../server/src/syntax/output/outputFormat';
import { sharedMissing } from '../../../helpers/shared';
import { corpusEntries } from './corpusEntries';
import { assertOutputValid, assertSpansValid } from './dump';

const skip = sharedMissing ? `skipped: ${sharedMissing}` : false;
const entries = skip ? [] : corpusEntries();
const describe = (e: { file: string; item: string; key: string }) => `${e.file} › ${e.item} › ${e.key}`;

test('corpus: the corpus has conditions and outputs to check', { skip }, () => {
  assert.ok(entries.filter((e) => e.key === 'condition').length > 1000, 'expected more than 1000 conditions');
  assert.ok(entries.filter((e) => e.key === 'output').length > 300, 'expected more than 300 outputs');
});

test('corpus: every condition parses without problems', { skip }, () => {
  const failures: string[] = [];
  for (const entry of entries.filter((e) => e.key === 'condition' && !e.invalidFile)) {
    // An appended condition (`or …`, `and …`) continues the base one: the engine joins them with a space.
    const text = entry.append ? `base_condition ${entry.text}` : entry.text;
    const { problems } = parseCondition(text);
    if (problems.length > 0) failures.push(`${describe(entry)}: ${problems.map((p) => p.message).join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('corpus: every output parses without problems', { skip }, () => {
  const failures: string[] = [];
  for (const entry of entries.filter((e) => e.key === 'output' && !e.invalidFile)) {
    const { problems } = parseOutputFormat(entry.text);
    if (problems.length > 0) failures.push(`${describe(entry)}: ${problems.map((p) => p.message).join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('corpus: the invalid_* fixtures are still parsed, and the dangling append is a syntax problem alone', { skip }, () => {
  const invalid = entries.filter((e) => e.invalidFile);
  assert.ok(invalid.length >= 2, 'expected the two invalid_* fixtures');
  for (const entry of invalid) {
    const parsed = entry.key === 'condition' ? parseCondition(entry.text) : parseOutputFormat(entry.text);
    const dangling = entry.key === 'condition' && /^\s*(and|or)\s/.test(entry.text);
    assert.equal(parsed.problems.length > 0, dangling, describe(entry));
  }
});

test('corpus: spans stay inside the text and field names match their spans', { skip }, () => {
  for (const entry of entries) {
    if (entry.key === 'condition') {
      const { ast, problems } = parseCondition(entry.text);
      assertSpansValid(entry.text, ast, problems);
    } else {
      assertOutputValid(entry.text, parseOutputFormat(entry.text));
    }
  }
});
