// The `npm test` preflight: on a machine that lacks a tool it names the apt command and stops
// before the first step; the tool list is the one in scripts/test-deps.mjs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
type Dep = { bin?: string; python?: string; file?: string; pkg: string; steps: string[] };
type DepsModule = { TEST_DEPS: Dep[]; missingDeps(steps: string[], env: NodeJS.ProcessEnv): Dep[] };
const load = () => import(path.join(root, 'scripts/test-deps.mjs')) as Promise<DepsModule>;

/** A folder of stand-in executables (each exits 0), one per name: a PATH that has exactly these. */
function fakeBin(names: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-path-'));
  for (const n of names) {
    writeFileSync(path.join(dir, n), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(dir, n), 0o755);
  }
  return dir;
}

function testAll(args: string[], PATH: string) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/test-all.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { HOME: process.env.HOME, PATH, CI: 'true' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('npm test preflight (scripts/test-deps.mjs)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('on a PATH with none of the tools: prints the one apt command for all of them and runs no step', async () => {
    const { TEST_DEPS } = await load();
    const empty = fakeBin([]);
    dirs.push(empty);
    const r = testAll([], empty);
    assert.equal(r.code, 2, r.out);
    // Files a package installs are found by their path, not on PATH: an empty PATH cannot hide them.
    const pkgs = [...new Set(TEST_DEPS.filter((d) => !d.file).map((d) => d.pkg))];
    assert.ok(r.out.includes(`apt-get install -y ${pkgs.join(' ')}\n`), r.out);
    assert.doesNotMatch(r.out, /=== (build|unit)/);
  });

  it('a PATH that lacks only nvim: the lsp step stops with `apt-get install -y neovim` before it starts', async () => {
    const { TEST_DEPS } = await load();
    const dir = fakeBin(TEST_DEPS.flatMap((d) => (d.bin && d.bin !== 'nvim' ? [d.bin] : [])));
    dirs.push(dir);
    const r = testAll(['lsp'], dir);
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /nvim \(neovim\)/);
    assert.match(r.out, /^ {2}(sudo )?apt-get install -y neovim$/m);
    assert.doesNotMatch(r.out, /=== lsp/);
  });

  it('asks only for what the chosen steps use', async () => {
    const { TEST_DEPS, missingDeps } = await load();
    const dir = fakeBin(TEST_DEPS.flatMap((d) => (d.bin && d.bin !== 'nvim' && d.bin !== 'chromium' ? [d.bin] : [])));
    dirs.push(dir);
    const env = { PATH: dir };
    assert.deepEqual(missingDeps(['unit'], env), []);
    assert.deepEqual(missingDeps(['lsp'], env).map((d) => d.pkg), ['neovim']);
    assert.deepEqual(missingDeps([], env).map((d) => d.pkg), ['neovim', 'chromium']);
    assert.deepEqual(missingDeps(['e2e'], { ...env, KEYWARD_CHROMIUM: '/opt/chrome' }), []);
  });

  it('every suite step has its tools listed, and each tool names a Debian package', async () => {
    const { TEST_DEPS } = await load();
    for (const d of TEST_DEPS) {
      assert.ok(d.bin || d.python || d.file, JSON.stringify(d));
      assert.match(d.pkg, /^[a-z0-9][a-z0-9.+-]+$/);
      assert.ok(d.steps.length && d.steps.every((s) => ['unit', 'cli', 'lsp', 'e2e'].includes(s)), JSON.stringify(d));
    }
  });
});
