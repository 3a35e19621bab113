// Runs the test suites with Node's built-in test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [unit|lsp|all] [extra file filters…]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const suite = ['unit', 'lsp', 'all'].includes(args[0]) ? args.shift() : 'all';
const filters = args;

function findTests(dir) {
  const found = [];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const dirs = suite === 'all' ? ['test/unit', 'test/lsp'] : [`test/${suite}`];
let files = dirs.flatMap((dir) => findTests(join(root, dir))).sort();
if (filters.length > 0) files = files.filter((file) => filters.some((filter) => file.includes(filter)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files.map((file) => relative(root, file))],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
