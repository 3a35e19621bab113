/**
 * Access to ../shared (upstream corpus, parity sample, data). Tests that need it skip with a clear message
 * when the folder is absent, so a fresh clone still passes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const sharedRoot = process.env.FALCO_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
export const corpusRoot = join(sharedRoot, 'corpus');
export const paritySampleRoot = join(sharedRoot, 'parity-sample');

export const sharedMissing: string | false = existsSync(corpusRoot)
  ? false
  : `../shared is not present (looked for ${corpusRoot}); set FALCO_SHARED_DIR to run the corpus tests`;

function walk(directory: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) files.push(path);
  }
  return files;
}

/** Every .yaml file of the upstream corpus, sorted. Empty when ../shared is absent. */
export function corpusFiles(): string[] {
  return sharedMissing ? [] : walk(corpusRoot);
}

export function readText(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
