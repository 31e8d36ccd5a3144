// Real folders and real git repositories in temp dirs for the CLI and walker tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 'keyward-cli-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Writes files (posix relative paths -> content) under root, creating folders. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** git with an isolated config: no user/system excludes or hooks from this machine leak in. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=keyward-test', '-c', 'user.email=test@keyward.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

export function gitRepo(files: Record<string, string | Buffer>, commit = true): string {
  const root = tempDir();
  git(root, 'init', '-q');
  writeTree(root, files);
  if (commit) {
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'fixture');
  }
  return root;
}

/**
 * Builds every bundle (dist/cli.js among them) with esbuild.mjs; a failed build fails the caller,
 * even when an older dist/cli.js is still on disk (it would test yesterday's code).
 */
export function buildBundles(root: string): void {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status ?? r.signal}): ${`${r.stdout}${r.stderr}`.slice(-4000) || r.error}`);
}
