import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allCodes } from '../../../server/src/features/diagnostics/codes';
import { allChecks } from '../../../server/src/features/diagnostics/checks';
import { renderDiagnosticsDoc } from '../../../scripts/diagnosticsDoc';
import { repoRoot } from '../../helpers/shared';

test('every code is kebab-case and every check reports only catalogued codes', () => {
  const known = new Set(allCodes().map((info) => info.code));
  for (const info of allCodes()) assert.match(info.code, /^[a-z]+(-[a-z0-9]+)*$/);
  for (const check of allChecks) for (const code of check.codes) assert.ok(known.has(code), `${check.name} reports uncatalogued ${code}`);
});

test('docs/diagnostics.md is current (regenerate with npx tsx scripts/generate-diagnostics-doc.ts)', () => {
  assert.equal(readFileSync(join(repoRoot, 'docs', 'diagnostics.md'), 'utf8'), renderDiagnosticsDoc());
});
