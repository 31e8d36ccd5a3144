import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  appendGitignoreEntry, envFindings, envFindingsForGitignore, evaluateEnvFiles, gitignoreEntryFor, type EnvFileStatus,
} from '../../../server/src/envfiles';
import { git, gitTruthIgnored, makeSandbox, writeFiles, type Sandbox } from './gitSandbox';

const SECRET = 'sk_live_51HxQzTHISMUSTNEVERAPPEAR0123456789';

describe('envfiles: appendGitignoreEntry', () => {
  it('creates the text for a missing or empty file', () => {
    assert.deepEqual(appendGitignoreEntry(undefined, '.env'), { text: '.env\n', changed: true });
    assert.deepEqual(appendGitignoreEntry('', '.env'), { text: '.env\n', changed: true });
  });
  it('keeps every existing byte and adds the missing final newline', () => {
    assert.deepEqual(appendGitignoreEntry('node_modules/\n# x', '.env'), { text: 'node_modules/\n# x\n.env\n', changed: true });
    assert.deepEqual(appendGitignoreEntry('\uFEFFdist\n', '.env'), { text: '\uFEFFdist\n.env\n', changed: true });
  });
  it('keeps CRLF files CRLF', () => {
    assert.deepEqual(appendGitignoreEntry('dist\r\nbuild', '.env.local'), { text: 'dist\r\nbuild\r\n.env.local\r\n', changed: true });
  });
  it('does not duplicate an entry (trailing spaces and CR are not a difference)', () => {
    for (const t of ['.env\n', 'a\n.env', '.env  \r\nb\r\n', '!x\n.env\n']) assert.deepEqual(appendGitignoreEntry(t, '.env'), { text: t, changed: false });
  });
  it('appends again after a later negation, where only a later line wins', () => {
    assert.deepEqual(appendGitignoreEntry('.env\n!.env\n', '.env'), { text: '.env\n!.env\n.env\n', changed: true });
  });
});

describe('envfiles: gitignoreEntryFor makes git ignore exactly that name', function () {
  this.timeout(20000);
  let sb: Sandbox;
  before(() => (sb = makeSandbox()));
  after(() => sb.restoreEnv());
  const names = ['.env', '.env.local', '.env[prod]', '.env.*x', '.env.a?b', '.env.back\\slash', '.env.trail ', '.env.new\nline', '.env.ünï'];
  for (const name of names) {
    it(JSON.stringify(name), async () => {
      const repo = fs.mkdtempSync(path.join(sb.dir, 'r'));
      git(repo, ['init', '-q']);
      // Decoys: names a sloppy pattern would also match.
      const decoys = ['.env.localx', '.envx', '.env.prod', '.env.p', '.env.Xx', '.env.aXb', '.env.back', '.env.trail'].filter((d) => d !== name);
      writeFiles(repo, Object.fromEntries([[`sub/${name}`, SECRET], ...decoys.map((d) => [d, 'x'])]));
      const [status] = await evaluateEnvFiles(repo, [path.join(repo, 'sub', name)], { useGit: true });
      fs.writeFileSync(status.gitignoreToEdit, appendGitignoreEntry(undefined, gitignoreEntryFor(status)).text);
      const ignored = gitTruthIgnored(repo);
      assert.ok(ignored.has(path.join(repo, 'sub', name)), `entry ${JSON.stringify(gitignoreEntryFor(status))} does not ignore it`);
      // `?` stands for a newline, so only that case may match a one-character variant.
      if (!name.includes('\n')) for (const d of decoys) assert.ok(!ignored.has(path.join(repo, d)), `also ignores ${d}`);
    });
  }
});

describe('envfiles: findings', () => {
  const base = (over: Partial<EnvFileStatus>): EnvFileStatus => ({
    file: '/w/app/.env.local', relPath: 'app/.env.local', ignored: false, tracked: false, repoRoot: '/w',
    gitignoreToEdit: '/w/.gitignore', gitignoreExists: true, root: '/w', method: 'git', ...over,
  });

  it('env-not-ignored names the .gitignore and the entry; env-tracked gives git rm --cached', () => {
    const f = envFindings([base({ tracked: true })]);
    assert.deepEqual(f.map((x) => [x.ruleId, x.severity]), [['env-not-ignored', 'warning'], ['env-tracked', 'error']]);
    assert.match(f[0].message, /app\/\.env\.local is not ignored by git.*add "\.env\.local" to \.gitignore\./);
    assert.match(f[1].message, /git rm --cached app\/\.env\.local/);
    assert.deepEqual(f[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(f[0].context?.kind, 'env-file');
  });

  it('an ignored but tracked file gets only env-tracked, and says ignoring is not enough', () => {
    const f = envFindings([base({ ignored: true, tracked: true, matchedBy: { source: '/w/.gitignore', line: 3, pattern: '.env*' } })]);
    assert.deepEqual(f.map((x) => x.ruleId), ['env-tracked']);
    assert.match(f[0].message, /does not remove it from the index/);
  });

  it('names a re-including negation, a .gitignore to be created, and a folder that is no repository yet', () => {
    const [a] = envFindings([base({ matchedBy: { source: '/w/.gitignore', line: 2, pattern: '!.env.local' } })]);
    assert.match(a.message, /re-included by "!\.env\.local" in \.gitignore:2/);
    const [b] = envFindings([base({ gitignoreExists: false, repoRoot: undefined })]);
    assert.match(b.message, /once this folder becomes a git repository.*\(to be created\)/);
  });

  it('severities: off drops a rule, others override', () => {
    const f = envFindings([base({ tracked: true })], { severities: { 'env-not-ignored': 'off', 'env-tracked': 'warning' } });
    assert.deepEqual(f.map((x) => [x.ruleId, x.severity]), [['env-tracked', 'warning']]);
    assert.deepEqual(envFindingsForGitignore([base({})], '/w/.gitignore', { severities: { 'env-not-ignored': 'off' } }), []);
  });

  it('fingerprints depend on rule and path only, and match between the .env and the .gitignore', () => {
    const [a] = envFindings([base({})]);
    const [b] = envFindings([base({ gitignoreToEdit: '/w/app/.gitignore', matchedBy: { source: '/x', line: 1, pattern: '!x' } })]);
    const [c] = envFindings([base({ relPath: 'other/.env.local' })]);
    const [g] = envFindingsForGitignore([base({})], '/w/.gitignore');
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, c.fingerprint);
    assert.equal(g.fingerprint, a.fingerprint);
    assert.match(a.fingerprint, /^[0-9a-f]{64}$/, 'the baseline file accepts sha256 fingerprints only');
  });

  it('.gitignore findings only on the existing .gitignore that should list the file', () => {
    const statuses = [base({}), base({ relPath: 'b/.env', file: '/w/b/.env', gitignoreToEdit: '/w/b/.gitignore' }), base({ relPath: 'c/.env', file: '/w/c/.env', ignored: true })];
    assert.deepEqual(envFindingsForGitignore(statuses, '/w/.gitignore').map((f) => f.message), ['app/.env.local is not listed here and would be committed: add ".env.local".']);
    assert.deepEqual(envFindingsForGitignore([base({ gitignoreExists: false })], '/w/.gitignore'), []);
  });

  it('never puts file contents in a message (real repo, secret inside the .env)', async () => {
    const sb = makeSandbox();
    try {
      git(sb.dir, ['init', '-q']);
      writeFiles(sb.dir, { '.env': `KEY=${SECRET}\n`, [`${SECRET.slice(0, 4)}/.env.local`]: `KEY=${SECRET}\n` });
      git(sb.dir, ['add', '-f', '.']);
      const statuses = await evaluateEnvFiles(sb.dir, ['.env', `${SECRET.slice(0, 4)}/.env.local`]);
      const all = [...envFindings(statuses), ...envFindingsForGitignore(statuses, path.join(sb.dir, '.gitignore'))];
      assert.equal(all.length, 4);
      for (const f of all) assert.ok(!f.message.includes(SECRET.slice(0, 12)) && !JSON.stringify(f).includes(SECRET.slice(8)), f.message);
    } finally {
      sb.restoreEnv();
    }
  });
});
