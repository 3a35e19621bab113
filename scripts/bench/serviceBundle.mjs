// Bundles the language service façade and the catalogs (TypeScript sources) into one CommonJS file with esbuild,
// so the benchmark can drive the service directly without a TypeScript loader. The bundle goes to
// node_modules/.cache/falco-rules-bench/ (not bench-results/), where neither git nor `eslint .` looks.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export async function loadService(repoRoot, outDir = join(repoRoot, 'node_modules', '.cache', 'falco-rules-bench')) {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'service-entry.ts');
  const outfile = join(outDir, 'service.cjs');
  const source = (path) => JSON.stringify(join(repoRoot, path));
  writeFileSync(
    entry,
    [
      `export { createLanguageService } from ${source('server/src/service/languageService.ts')};`,
      `export { createDefaultCatalogs } from ${source('server/src/semantic/catalogs/index.ts')};`,
      '',
    ].join('\n'),
  );
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
  const require = createRequire(import.meta.url);
  return require(outfile);
}
