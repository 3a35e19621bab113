/**
 * Runs the built command line (server/out/cli/main.js) on temporary workspaces. The tests exercise the bundle
 * that ships, so it must be built first (`node esbuild.mjs`, which `npm test` does); without it every test fails
 * with that instruction.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { repoRoot } from '../../helpers/shared';

export const cliPath = join(repoRoot, 'server', 'out', 'cli', 'main.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function newestSource(directory: string): number {
  let newest = 0;
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

let staleNoted = false;

/** Fails the test, with the command to run, when the CLI bundle is missing; notes a bundle older than the sources. */
export function requireBuiltCli(): void {
  if (!existsSync(cliPath)) {
    assert.fail(`The CLI bundle ${cliPath} is missing. Build it with \`node esbuild.mjs\` (or \`npm run build\`) before running the CLI tests.`);
  }
  if (!staleNoted && newestSource(join(repoRoot, 'server', 'src')) > statSync(cliPath).mtimeMs) {
    staleNoted = true;
    process.stderr.write(`note: ${cliPath} is older than server/src; the CLI tests run that older bundle (rebuild with \`node esbuild.mjs\`).\n`);
  }
}

/** Runs `node server/out/cli/main.js …args` in a directory. */
export function runCli(args: readonly string[], cwd: string): CliRun {
  requireBuiltCli();
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Describes a run for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.status}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`;
}

const created: string[] = [];
after(() => {
  for (const directory of created) rmSync(directory, { recursive: true, force: true });
});

/** A temporary directory holding the given files (paths relative to it, `/`-separated); removed after the tests. */
export function makeWorkspace(files: Record<string, string>, prefix = 'falco-rules-cli-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  created.push(root);
  for (const [path, text] of Object.entries(files)) {
    const target = join(root, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return root;
}

/** A syscall rule with the given condition (and extra keys, already indented). */
export function rule(name: string, condition: string, extra = ''): string {
  return `- rule: ${name}\n  desc: d\n  condition: ${condition}\n  output: "%proc.name"\n  priority: WARNING\n${extra}`;
}
