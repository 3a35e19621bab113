// Drift check: regenerating server/src/data from ../shared/data (and the rules corpus beside it) must reproduce the
// committed files byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const inputDir = resolve(root, process.env.FALCO_SHARED_DATA ?? '../shared/data');
const corpusDir = resolve(root, process.env.FALCO_SHARED_CORPUS ?? join(inputDir, '..', 'corpus'));
const files = ['fields.generated.json', 'eventTypes.generated.json', 'attack.generated.json', 'upstreamNames.generated.json'];

test('generated data matches the generator output', (t) => {
  if (!existsSync(join(inputDir, 'fields.json'))) {
    t.skip(`input data not found at ${inputDir}; set FALCO_SHARED_DATA to run the drift check`);
    return;
  }
  if (!existsSync(join(corpusDir, 'MANIFEST.md'))) {
    t.skip(`rules corpus not found at ${corpusDir}; set FALCO_SHARED_CORPUS to run the drift check`);
    return;
  }
  const out = mkdtempSync(join(tmpdir(), 'falco-generate-data-'));
  try {
    const result = spawnSync(process.execPath, [join(root, 'scripts/generate-data.mjs'), out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FALCO_SHARED_DATA: inputDir, FALCO_SHARED_CORPUS: corpusDir },
    });
    assert.equal(result.status, 0, result.stderr);
    for (const name of files) {
      const committed = readFileSync(join(root, 'server/src/data', name));
      const fresh = readFileSync(join(out, name));
      assert.ok(committed.equals(fresh), `${name} differs from the generator output: run npm run generate-data`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('generated files stay small', () => {
  const total = files.reduce((sum, name) => sum + readFileSync(join(root, 'server/src/data', name)).length, 0);
  assert.ok(total < 400_000, `generated data is ${total} bytes`);
});

test('every built-in field has a one-line description of its own', () => {
  const data = JSON.parse(readFileSync(join(root, 'server/src/data/fields.generated.json'), 'utf8')) as { fields: { name: string; desc?: string }[] };
  for (const field of data.fields) {
    assert.ok(field.desc, `${field.name} has no description (data/field-descriptions)`);
    assert.ok(!field.desc.includes('\n') && field.desc.length >= 20 && field.desc.length <= 140, `${field.name}: description length ${field.desc.length}`);
    assert.notEqual(field.desc.toLowerCase(), field.name.toLowerCase());
  }
});
