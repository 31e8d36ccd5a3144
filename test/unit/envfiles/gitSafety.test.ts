// Running git on a repository someone else prepared: no code of theirs may run, errors are clear,
// and untracking never touches the working file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateEnvFiles, gitRmCached, GitError } from '../../../server/src/envfiles';
import { git, gitTruthTracked, makeSandbox, writeFiles, type Sandbox } from './gitSandbox';

const S = 'SECRET=sk_live_abcdefghijklmnop\n';

describe('envfiles: git safety and gitRmCached', function () {
  this.timeout(30000);
  let sb: Sandbox;
  let repo: string;
  let marker: string;
  beforeEach(() => {
    sb = makeSandbox();
    repo = path.join(sb.dir, 'repo');
    marker = path.join(sb.dir, 'PWNED');
    makeRepo(repo);
  });

  function makeRepo(r: string): void {
    fs.mkdirSync(r);
    git(r, ['init', '-q']);
    writeFiles(r, { '.env': S, 'dir with space/.env.ünï': S, 'app.txt': 'x' });
    git(r, ['add', '-f', '.']);
    git(r, ['commit', '-q', '-m', 'leak']);
  }
  afterEach(() => sb.restoreEnv());

  const evilScript = (): string => {
    const script = path.join(sb.dir, 'evil.sh');
    fs.writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`, { mode: 0o755 });
    return script;
  };

  it('a core.fsmonitor command in the repository config does not run', async () => {
    git(repo, ['config', 'core.fsmonitor', evilScript()]);
    // The trap is live: plain git runs it.
    git(repo, ['ls-files']);
    assert.ok(fs.existsSync(marker), 'sanity: plain git ran the fsmonitor hook');
    fs.rmSync(marker);
    const st = await evaluateEnvFiles(repo, [path.join(repo, '.env')], { useGit: true });
    assert.equal(st[0].method, 'git');
    assert.equal(st[0].tracked, true);
    assert.ok(!fs.existsSync(marker), 'fsmonitor hook ran');
  });

  it('gitRmCached runs no hook and no filter driver, keeps the file, untracks it', async () => {
    const script = evilScript();
    // Entries whose mtime is not older than the index are "racily clean": every index write then
    // re-reads them through their clean filter. Stage both files with a future mtime to set that up.
    const stageRacy = (r: string): void => {
      const future = new Date(Date.now() + 3600_000);
      for (const f of ['.env', 'dir with space/.env.ünï']) fs.utimesSync(path.join(r, f), future, future);
      git(r, ['add', '-f', '.env', 'dir with space/.env.ünï']);
    };
    const arm = (r: string): void => {
      const hook = path.join(r, '.git/hooks/post-index-change');
      fs.mkdirSync(path.dirname(hook), { recursive: true });
      fs.copyFileSync(script, hook);
      fs.chmodSync(hook, 0o755);
      fs.writeFileSync(path.join(r, '.gitattributes'), '.env* filter=evil\n');
      git(r, ['config', 'filter.evil.clean', script]);
      git(r, ['config', 'core.fsmonitor', script]);
    };
    // Prove the traps are live: plain git on an identical copy runs both.
    const twin = path.join(sb.dir, 'twin');
    makeRepo(twin);
    stageRacy(twin);
    arm(twin);
    git(twin, ['-c', 'core.fsmonitor=false', 'update-index', '--force-remove', '.env']);
    const sanity = fs.readFileSync(marker, 'utf8');
    assert.match(sanity, /evil\.sh\s*$/m, 'sanity: plain git ran the clean filter');
    assert.match(sanity, /post-index-change/, 'sanity: plain git ran the hook');
    fs.rmSync(marker);

    stageRacy(repo);
    arm(repo);
    await gitRmCached(repo, '.env');
    await gitRmCached(repo, 'dir with space/.env.ünï');
    assert.ok(!fs.existsSync(marker), `repository code ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
    assert.equal(fs.readFileSync(path.join(repo, '.env'), 'utf8'), S);
    assert.equal(fs.readFileSync(path.join(repo, 'dir with space/.env.ünï'), 'utf8'), S);
    fs.rmSync(path.join(repo, '.git/hooks/post-index-change'));
    git(repo, ['config', '--unset', 'core.fsmonitor']);
    const tracked = gitTruthTracked(repo);
    assert.ok(!tracked.has(path.join(repo, '.env')));
    assert.ok(!tracked.has(path.join(repo, 'dir with space/.env.ünï')));
    assert.ok(tracked.has(path.join(repo, 'app.txt')));
    const st = await evaluateEnvFiles(repo, [path.join(repo, '.env')], { useGit: false });
    assert.equal(st[0].tracked, false);
  });

  it('gitRmCached refuses paths that leave the repository', async () => {
    await assert.rejects(gitRmCached(repo, '../outside/.env'), /outside the repository/);
    await assert.rejects(gitRmCached(repo, '/etc/.env'), /outside the repository/);
  });

  it('gitRmCached reports git failures clearly', async () => {
    fs.writeFileSync(path.join(repo, '.git/index.lock'), '');
    await assert.rejects(gitRmCached(repo, '.env'), (e: Error) => e instanceof GitError && /update-index failed \(exit 128\): .*index\.lock/.test(e.message));
    assert.ok(fs.existsSync(path.join(repo, '.env')));
  });

  it('GIT_DIR / GIT_INDEX_FILE in the environment do not redirect the check', async () => {
    const other = path.join(sb.dir, 'other');
    fs.mkdirSync(other);
    git(other, ['init', '-q']);
    process.env.GIT_DIR = path.join(other, '.git');
    process.env.GIT_INDEX_FILE = path.join(other, '.git/index');
    const st = await evaluateEnvFiles(repo, [path.join(repo, '.env')], { useGit: true });
    assert.equal(st[0].tracked, true);
    assert.equal(st[0].repoRoot, repo);
  });

  it('a corrupt index: git errors clearly, auto mode falls back, in-process says "unknown"', async () => {
    fs.writeFileSync(path.join(repo, '.git/index'), Buffer.from('DIRC\0\0\0\x02garbage-garbage-garbage-garbage'));
    const file = path.join(repo, '.env');
    await assert.rejects(evaluateEnvFiles(repo, [file], { useGit: true }), (e: Error) => e instanceof GitError && /ls-files failed/.test(e.message));
    const auto = await evaluateEnvFiles(repo, [file]);
    assert.match(auto[0].gitError ?? '', /ls-files failed/);
    for (const st of [auto, await evaluateEnvFiles(repo, [file], { useGit: false })]) {
      assert.equal(st[0].method, 'in-process');
      assert.equal(st[0].tracked, false);
      assert.match(st[0].trackedError ?? '', /git index: /);
      assert.equal(st[0].ignored, false);
    }
  });

  it('a split index is reported as unknown in-process, while git answers', async () => {
    git(repo, ['update-index', '--split-index']);
    const file = path.join(repo, '.env');
    const inProc = await evaluateEnvFiles(repo, [file], { useGit: false });
    assert.match(inProc[0].trackedError ?? '', /split index/);
    const auto = await evaluateEnvFiles(repo, [file]);
    assert.equal(auto[0].method, 'git');
    assert.equal(auto[0].tracked, true);
  });

  it('files outside the workspace and outside any repository are judged from their own folder', async () => {
    const loose = path.join(sb.dir, 'loose');
    writeFiles(loose, { '.gitignore': '.env\n', '.env': S, '.env.local': S });
    const st = await evaluateEnvFiles(repo, [path.join(loose, '.env'), path.join(loose, '.env.local')], { useGit: false });
    assert.deepEqual(st.map((s) => [s.relPath, s.ignored, s.repoRoot, s.gitignoreToEdit]), [
      ['../loose/.env', true, undefined, path.join(loose, '.gitignore')],
      ['../loose/.env.local', false, undefined, path.join(loose, '.gitignore')],
    ]);
  });

  it('a sparse index: paths under a collapsed directory are "unknown" in-process, git answers', async () => {
    writeFiles(repo, { 'a/x.txt': 'x', 'b/.env': S });
    git(repo, ['add', '-f', 'a/x.txt', 'b/.env']);
    git(repo, ['commit', '-q', '-m', 'more']);
    git(repo, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'a']);
    writeFiles(repo, { 'b/.env': S, 'b/.env.local': S });
    const files = [path.join(repo, '.env'), path.join(repo, 'b/.env'), path.join(repo, 'b/.env.local')];
    const inProc = await evaluateEnvFiles(repo, files, { useGit: false });
    assert.deepEqual(inProc.map((s) => [s.tracked, /sparse-index/.test(s.trackedError ?? '')]), [[true, false], [false, true], [false, true]]);
    const viaGit = await evaluateEnvFiles(repo, files, { useGit: true });
    assert.deepEqual(viaGit.map((s) => s.tracked), [true, true, false]);
  });

  it('a git call that blocks (core.excludesFile is a FIFO) times out with a clear error; auto mode falls back', async () => {
    const fifo = path.join(sb.dir, 'fifo-timeout');
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    git(repo, ['config', 'core.excludesFile', fifo]);
    const file = path.join(repo, '.env');
    await assert.rejects(evaluateEnvFiles(repo, [file], { useGit: true, timeoutMs: 700 }), (e: Error) => e instanceof GitError && /check-ignore timed out after 1 s/.test(e.message));
    const [st] = await evaluateEnvFiles(repo, [file], { timeoutMs: 700 });
    assert.equal(st.method, 'in-process');
    assert.match(st.gitError ?? '', /timed out/);
    assert.equal(st.tracked, true);
  });

  it('without a git binary: in-process in auto mode, a clear error when git is demanded', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(sb.dir, 'no-bin');
    try {
      const file = path.join(repo, '.env');
      await assert.rejects(evaluateEnvFiles(repo, [file], { useGit: true }), /git is not installed/);
      const [st] = await evaluateEnvFiles(repo, [file]);
      assert.equal(st.method, 'in-process');
      assert.equal(st.tracked, true);
      const [off] = await evaluateEnvFiles(repo, [file], { useGit: false });
      assert.equal(off.gitError, undefined);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('a .env that does not exist yet (about to be created by a quick fix) is judged like git would', async () => {
    fs.writeFileSync(path.join(repo, '.gitignore'), 'new/\n');
    const files = ['new/deeper/.env', 'other/.env.local'];
    const viaGit = await evaluateEnvFiles(repo, files, { useGit: true });
    const inProc = await evaluateEnvFiles(repo, files, { useGit: false });
    assert.deepEqual(viaGit.map((s) => [s.relPath, s.ignored, s.tracked, s.gitignoreToEdit]), [
      ['new/deeper/.env', true, false, path.join(repo, '.gitignore')],
      ['other/.env.local', false, false, path.join(repo, '.gitignore')],
    ]);
    assert.deepEqual(inProc.map((s) => ({ ...s, method: 'x' })), viaGit.map((s) => ({ ...s, method: 'x' })));
  });

  it('a fresh repository without an index: nothing tracked, no error', async () => {
    const fresh = path.join(sb.dir, 'fresh');
    fs.mkdirSync(fresh);
    git(fresh, ['init', '-q']);
    writeFiles(fresh, { '.env': S });
    const st = await evaluateEnvFiles(fresh, ['.env'], { useGit: false });
    assert.deepEqual([st[0].tracked, st[0].trackedError, st[0].ignored], [false, undefined, false]);
  });

  it('a core.excludesFile that is a FIFO does not hang the in-process reader', async () => {
    const fifo = path.join(sb.dir, 'fifo');
    git(sb.dir, ['init', '-q', path.join(sb.dir, 'unused')]);
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    git(repo, ['config', 'core.excludesFile', fifo]);
    const st = await evaluateEnvFiles(repo, ['.env'], { useGit: false });
    assert.equal(st[0].ignored, false);
  });
});
