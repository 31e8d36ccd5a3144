// The one git runner: the git it runs is never the repository's own (an empty or relative PATH
// entry, or a PATH folder inside the repository), diff-like commands run no external diff or
// textconv program, and git gets a clean environment. Each trap is first shown to be live.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateEnvFiles } from '../../../server/src/envfiles';
import { findGit, gitPath } from '../../../server/src/git/gitPath';
import { gitEnv, runGit, safeArgs } from '../../../server/src/git/runGit';
import { gitCanList, gitListFiles } from '../../../server/src/workspace/gitList';
import { walkFiles } from '../../../server/src/workspace';
import { git, makeSandbox, writeFiles, type Sandbox } from './gitSandbox';

describe('git runner: which git runs, and what it may run', function () {
  this.timeout(30000);
  let sb: Sandbox;
  let repo: string;
  let marker: string;
  let savedPath: string | undefined;
  const realGit = findGit();
  beforeEach(() => {
    sb = makeSandbox();
    savedPath = process.env.PATH;
    repo = path.join(sb.dir, 'repo');
    marker = path.join(sb.dir, 'CALLED');
    fs.mkdirSync(repo);
    git(repo, ['init', '-q']);
    writeFiles(repo, { '.env': 'A=1\n', 'a.txt': 'x\n', '.gitignore': '*.log\n' });
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'init']);
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    sb.restoreEnv();
  });

  /** An executable that records being called, then behaves like a failing git. */
  const plant = (file: string): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\necho "$0 $*" >> '${marker}'\nexit 3\n`, { mode: 0o755 });
  };
  const called = (): string => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');

  it('finds a real git on this machine (the tests below need one)', () => {
    assert.ok(realGit && path.isAbsolute(realGit), String(realGit));
  });

  it('a ./git in the repository never runs through an empty or `.` PATH entry (walk, .env checks, runner)', async () => {
    plant(path.join(repo, 'git'));
    for (const entry of ['', '.']) {
      process.env.PATH = `${entry}${path.delimiter}${savedPath}`;
      // The trap is live: a bare spawn('git', { cwd: repo }) runs the planted script.
      spawnSync('git', ['--version'], { cwd: repo });
      assert.match(called(), /git --version/, `sanity: PATH entry ${JSON.stringify(entry)} runs ./git`);
      fs.rmSync(marker);

      assert.match((await runGit(['--version'], { cwd: repo })).toString(), /^git version/);
      assert.equal(await gitCanList(repo), true);
      const listed: string[] = [];
      for await (const rel of gitListFiles(repo)) listed.push(rel);
      assert.ok(listed.includes('a.txt') && listed.includes('git'), listed.join(','));
      const walked: string[] = [];
      for await (const e of walkFiles(repo)) walked.push(e.rel);
      assert.ok(walked.includes('a.txt'));
      const [st] = await evaluateEnvFiles(repo, ['.env'], { useGit: true });
      assert.equal(st.method, 'git');
      assert.equal(st.tracked, true);
      assert.equal(called(), '', `the repository's git ran with PATH entry ${JSON.stringify(entry)}`);
    }
  });

  it('PATH lookup skips empty and relative entries, whatever the working directory holds', () => {
    plant(path.join(repo, 'git'));
    plant(path.join(repo, 'bin', 'git'));
    const cwd = process.cwd();
    process.chdir(repo);
    try {
      assert.equal(findGit({ PATH: `:.:bin:./bin` }), undefined);
      assert.equal(findGit({ PATH: `:.:bin:${path.dirname(realGit!)}` }), realGit);
    } finally {
      process.chdir(cwd);
    }
    assert.equal(called(), '');
  });

  it('a git inside the repository on an absolute PATH entry (node_modules/.bin, as npm exec adds) is refused', async () => {
    plant(path.join(repo, 'node_modules', '.bin', 'git'));
    process.env.PATH = `${path.join(repo, 'node_modules', '.bin')}${path.delimiter}${savedPath}`;
    assert.equal(gitPath(), path.join(repo, 'node_modules', '.bin', 'git'));
    await assert.rejects(runGit(['--version'], { cwd: path.join(repo) }), /refusing to run .*inside the repository/);
    // The checks still answer, in-process.
    const [st] = await evaluateEnvFiles(repo, ['.env']);
    assert.equal(st.method, 'in-process');
    assert.equal(st.tracked, true);
    assert.equal(called(), '');
  });

  it('diff.external and a textconv driver from the repository config do not run', async () => {
    const script = path.join(sb.dir, 'evil.sh');
    plant(script);
    git(repo, ['config', 'diff.external', script]);
    git(repo, ['config', 'diff.evil.textconv', script]);
    fs.writeFileSync(path.join(repo, '.gitattributes'), 'a.txt diff=evil\n');
    git(repo, ['add', '.gitattributes']);
    git(repo, ['commit', '-q', '-m', 'attrs']);
    fs.writeFileSync(path.join(repo, 'a.txt'), 'y\n');
    // Live traps: plain git runs both.
    spawnSync('git', ['diff'], { cwd: repo });
    assert.match(called(), /evil\.sh/, 'sanity: plain git diff ran diff.external');
    fs.rmSync(marker);
    spawnSync('git', ['diff', '--no-ext-diff'], { cwd: repo });
    assert.match(called(), /evil\.sh/, 'sanity: plain git ran the textconv driver');
    fs.rmSync(marker);

    const diff = (await runGit(['diff'], { cwd: repo })).toString();
    assert.match(diff, /^\+y$/m);
    // The first commit's diff of a.txt would go through the textconv driver.
    assert.match((await runGit(['log', '-p', '-2'], { cwd: repo })).toString(), /^\+x$/m);
    await runGit(['show', 'HEAD'], { cwd: repo });
    assert.equal(called(), '');
    await assert.rejects(runGit(['cat-file', '--textconv', 'HEAD:a.txt'], { cwd: repo }), /refusing to run git cat-file --textconv/);
  });

  it('builds the argument list from data: safe flags first, per-command flags after the command', () => {
    const args = safeArgs(['--literal-pathspecs', 'diff', '--stat']);
    assert.deepEqual(args.slice(-4), ['diff', '--no-ext-diff', '--no-textconv', '--stat']);
    for (const pinned of ['core.fsmonitor=false', 'core.hooksPath=/dev/null', 'protocol.allow=never']) assert.ok(args.includes(pinned), pinned);
    assert.equal(args[0], '--no-pager');
  });

  it('gives git a clean environment: no GIT_* redirection or injected config, PATH without empty or relative entries', () => {
    const env = gitEnv({
      PATH: `:.:bin:/usr/bin::/bin`, GIT_DIR: '/x', GIT_EXTERNAL_DIFF: '/x/evil', GIT_CONFIG_PARAMETERS: "'core.pager'='evil'",
      GIT_CONFIG_COUNT: '1', GIT_SSH_COMMAND: 'evil', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/home/u',
    });
    assert.equal(env.PATH, '/usr/bin:/bin');
    for (const k of ['GIT_DIR', 'GIT_EXTERNAL_DIFF', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_SSH_COMMAND']) assert.equal(env[k], undefined, k);
    assert.equal(env.GIT_CONFIG_GLOBAL, '/dev/null');
    assert.equal(env.HOME, '/home/u');
    assert.equal(env.GIT_TERMINAL_PROMPT, '0');
  });
});
