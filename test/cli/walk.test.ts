// The shared walker on real folders and real git repositories: git listing and the in-process
// fallback must agree, and both must honour every ignore source, excludes and size limits.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Synth } from '../../server/src/engine/formats/synth';
import { walkFiles, type WalkEntry, type WalkOptions } from '../../server/src/workspace';
import { git, gitRepo, removeTempDirs, tempDir, writeTree } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

async function collect(root: string, opts: WalkOptions = {}): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walkFiles(root, opts)) out.push(e);
  return out;
}
const rels = (entries: WalkEntry[]) => entries.map((e) => e.rel).sort();

const IGNORE_FIXTURE = {
  '.gitignore': 'build/\n*.log\n!keep.log\n/top-only.txt\n',
  'src/app.ts': 'export {}\n',
  'src/.gitignore': 'generated/\n!important.gen\n*.gen\n',
  'src/a.gen': 'x\n',
  'src/important.gen': 'x\n',
  'src/generated/out.ts': 'x\n',
  'src/nested/top-only.txt': 'kept: the rule is anchored to the root\n',
  'top-only.txt': 'ignored\n',
  'build/bundle.js': 'x\n',
  'debug.log': 'x\n',
  'keep.log': 'x\n',
  'docs/readme.md': 'x\n',
  'private.txt': 'x\n',
};
const EXPECTED = ['.gitignore', 'docs/readme.md', 'keep.log', 'src/.gitignore', 'src/app.ts', 'src/nested/top-only.txt'];

describe('walkFiles', () => {
  // Keep this machine's global git config (excludesFile, fsmonitor) out of the verdicts.
  const saved = { ...process.env };
  before(() => {
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  after(() => {
    process.env = saved;
    removeTempDirs();
  });

  for (const useGit of [true, false]) {
    const how = useGit ? 'git ls-files' : 'in-process';
    it(`honours nested .gitignore, negation and .git/info/exclude (${how})`, async () => {
      const root = gitRepo(IGNORE_FIXTURE, false);
      writeFileSync(path.join(root, '.git', 'info', 'exclude'), 'private.txt\n');
      assert.deepEqual(rels(await collect(root, { useGit })), EXPECTED);
    });

    it(`lists tracked and untracked files, never .git (${how})`, async () => {
      const root = gitRepo({ 'a.txt': 'a\n', 'dir/b.txt': 'b\n' });
      writeTree(root, { 'new.txt': 'untracked\n' });
      const found = rels(await collect(root, { useGit }));
      assert.deepEqual(found, ['a.txt', 'dir/b.txt', 'new.txt']);
      assert.ok(!found.some((r) => r.startsWith('.git/')));
    });

    it(`applies exclude globs to files and whole folders (${how})`, async () => {
      const root = gitRepo({ 'src/a.ts': 'a', 'src/a.min.js': 'a', 'test/fixtures/k.txt': 'k', 'vendor/lib/x.js': 'x', 'keep.ts': 'k' });
      const found = rels(await collect(root, { useGit, exclude: ['*.min.js', '**/fixtures/**', 'vendor'] }));
      assert.deepEqual(found, ['keep.ts', 'src/a.ts']);
    });

    it(`marks files over the size limit and binary extensions as skipped (${how})`, async () => {
      const root = gitRepo({ 'small.txt': 'x'.repeat(100), 'big.txt': 'x'.repeat(5000), 'logo.png': 'not really a png' });
      const byRel = new Map((await collect(root, { useGit, maxFileSizeBytes: 1000 })).map((e) => [e.rel, e]));
      assert.equal(byRel.get('small.txt')?.skip, undefined);
      assert.equal(byRel.get('small.txt')?.size, 100);
      assert.equal(byRel.get('big.txt')?.skip, 'too-large');
      assert.equal(byRel.get('logo.png')?.skip, 'binary');
    });

    it(`never follows symlinks, inside or outside the root (${how})`, async () => {
      const outside = tempDir();
      writeTree(outside, { 'secret.txt': 'outside\n' });
      const root = gitRepo({ 'real.txt': 'x\n', 'sub/inner.txt': 'y\n' });
      symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link-out.txt'));
      symlinkSync(outside, path.join(root, 'dir-out'));
      symlinkSync(path.join(root, 'sub'), path.join(root, 'loop'));
      assert.deepEqual(rels(await collect(root, { useGit })), ['real.txt', 'sub/inner.txt']);
    });
  }

  it('git and in-process walks agree on a larger mixed tree', async () => {
    const files: Record<string, string> = { '.gitignore': 'out/\n*.tmp\n' };
    for (let i = 0; i < 200; i++) files[`pkg${i % 7}/m${i % 5}/f${i}.${i % 3 ? 'ts' : 'tmp'}`] = `// ${i}\n`;
    for (let i = 0; i < 20; i++) files[`out/o${i}.js`] = 'x';
    files['pkg1/.gitignore'] = '!*.tmp\nm2/\n';
    const root = gitRepo(files, false);
    const viaGit = rels(await collect(root, { useGit: true }));
    const inProcess = rels(await collect(root, { useGit: false }));
    assert.ok(viaGit.length > 100);
    assert.deepEqual(inProcess, viaGit);
  });

  it('honours .gitignore in a folder that is not a git repository', async () => {
    const root = tempDir();
    writeTree(root, { '.gitignore': 'dist/\n', 'dist/x.js': 'x', 'src/y.js': 'y' });
    assert.deepEqual(rels(await collect(root)), ['.gitignore', 'src/y.js']);
  });

  it('scans everything with respectGitignore: false', async () => {
    const root = gitRepo({ '.gitignore': 'dist/\n', 'dist/x.js': 'x', 'src/y.js': 'y' });
    assert.deepEqual(rels(await collect(root, { respectGitignore: false })), ['.gitignore', 'dist/x.js', 'src/y.js']);
  });

  it('scans a folder named explicitly even when its repository ignores it, keeping the other rules', async () => {
    const root = gitRepo({ '.gitignore': 'node_modules/\n*.log\n', 'index.js': 'x' });
    writeTree(root, { 'node_modules/pkg/index.js': 'x', 'node_modules/pkg/debug.log': 'x' });
    for (const useGit of [true, false]) {
      assert.deepEqual(rels(await collect(path.join(root, 'node_modules'), { useGit })), ['pkg/index.js']);
    }
  });

  it('walks a subfolder of a repository with paths relative to that subfolder', async () => {
    const root = gitRepo({ '.gitignore': '*.log\n', 'sub/a.ts': 'x', 'sub/b.log': 'x', 'other.ts': 'x' });
    for (const useGit of [true, false]) {
      assert.deepEqual(rels(await collect(path.join(root, 'sub'), { useGit })), ['a.ts']);
    }
  });

  it('walks a single file root', async () => {
    const root = tempDir();
    writeTree(root, { 'one.ts': 'x' });
    const entries = await collect(path.join(root, 'one.ts'));
    assert.deepEqual(entries.map((e) => [e.rel, e.abs]), [['one.ts', path.join(root, 'one.ts')]]);
  });

  it('uses git when it can: core.excludesFile from the repo config is honoured', async () => {
    const root = gitRepo({ 'a.txt': 'a' });
    writeTree(root, { 'secret.bak': 'x', 'my-excludes': '*.bak\nmy-excludes\n' });
    git(root, 'config', 'core.excludesFile', path.join(root, 'my-excludes'));
    assert.deepEqual(rels(await collect(root)), ['a.txt']);
    // The in-process fallback knows .gitignore and info/exclude only: it lists the file.
    assert.ok(rels(await collect(root, { useGit: false })).includes('secret.bak'));
  });

  it('stops when the signal aborts', async () => {
    const root = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`d${i % 10}/f${i}.txt`] = 'x';
    writeTree(root, files);
    for (const useGit of [true, false]) {
      const ac = new AbortController();
      let seen = 0;
      await assert.rejects(async () => {
        for await (const _ of walkFiles(root, { signal: ac.signal, useGit })) {
          if (++seen === 10) ac.abort();
        }
      });
      assert.ok(seen < 300, `walk went on after abort (${seen})`);
    }
  });

  it('lists a git repository with an unborn branch and files only staged', async () => {
    const root = gitRepo({ 'a.txt': 'a' }, false);
    git(root, 'add', 'a.txt');
    mkdirSync(path.join(root, 'empty-dir'));
    assert.deepEqual(rels(await collect(root)), ['a.txt']);
  });
});

describe('keyward scan never runs a git from the scanned repository', function () {
  this.timeout(180000);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
  before(() => {
    const built = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, `build failed: ${built.stderr}`);
  });
  after(() => removeTempDirs());

  for (const entry of ['', '.']) {
    it(`a ./git in the repository, reached through ${entry === '' ? 'an empty' : 'a `.`'} PATH entry, never runs; the real git lists the files`, () => {
      const key = new Synth('keyward-walk-git').checksummed('ghp_');
      const marker = path.join(tempDir(), 'CALLED');
      const root = gitRepo({ 'a.ts': `export const token = "${key}";\n`, 'my-excludes': '*.bak\n' });
      writeTree(root, { 'old.bak': `export const token = "${key}";\n` });
      writeFileSync(path.join(root, 'git'), `#!/bin/sh\necho "$*" >> '${marker}'\nexit 0\n`, { mode: 0o755 });
      git(root, 'config', 'core.excludesFile', path.join(root, 'my-excludes'));
      const PATH = `${entry}${path.delimiter}${process.env.PATH}`;
      // The trap is live: a bare spawn('git') from the repository runs the planted script.
      spawnSync('git', ['--version'], { cwd: root, env: { ...env, PATH } });
      assert.ok(existsSync(marker), 'sanity: the planted git ran');
      writeFileSync(marker, '');

      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'scan', '.', '--format', 'json'], { cwd: root, env: { ...env, PATH }, encoding: 'utf8' });
      assert.equal(readFileSync(marker, 'utf8'), '', 'keyward ran the repository\'s git');
      assert.equal(r.status, 1, r.stderr);
      const files = (JSON.parse(r.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
      // old.bak is excluded only by core.excludesFile, which only git itself reads: git did the listing.
      assert.deepEqual([...new Set(files)], ['a.ts']);
      assert.ok(!r.stdout.includes(key));
    });
  }
});
