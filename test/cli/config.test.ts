// `keyward scan` with a repository config (.keyward.json / .keyward.jsonc) on real git repos: it
// changes levels, excludes and key names; flags win over it; --config / --no-config; a config
// that tries to say where keys are sent (or is broken, or is a link) fails the run with exit 2.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Synth } from '../../server/src/engine/formats/synth';
import { gitRepo, removeTempDirs, writeTree } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

const synth = new Synth('keyward-cli-config-tests');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const GITHUB_KEY = synth.checksummed('ghp_');
const FIXTURE_KEY = synth.checksummed('ghp_');
/** A value under a name only the repository's extraKeyNames makes a key name. */
const TEAM_VALUE = synth.s(ALNUM, 28);
/** A key of the repository's own format, with no credential word anywhere near it. */
const ACME_KEY = `acmelive${synth.s(ALNUM, 26)}`;

interface Finding {
  ruleId: string;
  severity: string;
  path: string;
  line: number;
  format: string | null;
  provider: string | null;
}
function scan(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string; findings: Finding[] } {
  const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', ...args], { cwd, encoding: 'utf8', env: ENV });
  let findings: Finding[] = [];
  if (r.stdout.trim()) findings = JSON.parse(r.stdout).findings;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, findings };
}
const brief = (fs: Finding[]) => fs.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.severity}`).sort();

export const TEAM_CONFIG = {
  rules: { 'hardcoded-key': 'error' },
  exclude: ['**/fixtures/**'],
  extraKeyNames: ['^team_thing$'],
  customKeyFormats: [{ id: 'acme', name: 'Acme', pattern: 'acmelive[A-Za-z0-9]{26}' }],
};

function repoFiles(): Record<string, string> {
  return {
    'src/app.js': `const token = "${GITHUB_KEY}";\nconst team_thing = "${TEAM_VALUE}";\nconst v = "${ACME_KEY}";\n`,
    'src/fixtures/sample.js': `const token = "${FIXTURE_KEY}";\n`,
  };
}

describe('cli: repository config', function () {
  this.timeout(30000);
  after(removeTempDirs);

  it('without a config: defaults (one warning per GitHub key, team names and formats unknown)', () => {
    const r = scan(gitRepo(repoFiles()));
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(r.findings), ['src/app.js:1 hardcoded-key warning', 'src/fixtures/sample.js:1 hardcoded-key warning']);
    assert.equal(r.stderr.includes('repository configuration'), false);
  });

  it('.keyward.json changes levels, excludes and extra names, and adds its key format', () => {
    const repo = gitRepo({ ...repoFiles(), '.keyward.json': JSON.stringify(TEAM_CONFIG, null, 2) });
    const r = scan(repo);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(r.findings), ['src/app.js:1 hardcoded-key error', 'src/app.js:2 hardcoded-key error', 'src/app.js:3 hardcoded-key error']);
    assert.equal(r.findings.find((f) => f.line === 3)?.provider, 'acme');
    assert.match(r.stderr, /using the repository configuration \.keyward\.json/);
    for (const secret of [GITHUB_KEY, TEAM_VALUE, ACME_KEY]) assert.equal(r.stdout.includes(secret), false, 'no whole key in the report');
  });

  it('.keyward.jsonc with comments works the same', () => {
    const text = `// team rules\n{\n  "rules": { "hardcoded-key": "error" }, // loud\n  "exclude": ["**/fixtures/**"],\n}\n`;
    const r = scan(gitRepo({ ...repoFiles(), '.keyward.jsonc': text }));
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(r.findings), ['src/app.js:1 hardcoded-key error']);
  });

  it('flags win over the config: --severity overrides a rule, --exclude adds', () => {
    const repo = gitRepo({ ...repoFiles(), '.keyward.json': JSON.stringify(TEAM_CONFIG) });
    const r = scan(repo, '--severity', 'hardcoded-key=hint', '--exclude', 'src/app.js');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.findings, []);
    const r2 = scan(repo, '--severity', 'hardcoded-key=information');
    assert.deepEqual(brief(r2.findings), ['src/app.js:1 hardcoded-key information', 'src/app.js:2 hardcoded-key information', 'src/app.js:3 hardcoded-key information']);
  });

  it('scanning a sub-folder uses the git root\'s config, its excludes rebased', () => {
    const repo = gitRepo({ ...repoFiles(), '.keyward.json': JSON.stringify({ ...TEAM_CONFIG, exclude: ['src/fixtures/**'] }) });
    const r = scan(repo, 'src');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(r.findings), ['app.js:1 hardcoded-key error', 'app.js:2 hardcoded-key error', 'app.js:3 hardcoded-key error']);
  });

  it('--no-config ignores it; --config FILE uses another file', () => {
    const repo = gitRepo({ ...repoFiles(), '.keyward.json': JSON.stringify(TEAM_CONFIG) });
    writeTree(repo, { 'ci/strict.json': JSON.stringify({ rules: { 'hardcoded-key': 'warning' }, exclude: ['src/fixtures/**'] }) });
    assert.deepEqual(brief(scan(repo, '--no-config').findings), ['src/app.js:1 hardcoded-key warning', 'src/fixtures/sample.js:1 hardcoded-key warning']);
    // Globs of a file named with --config are relative to the current folder.
    const r = scan(repo, '--config', 'ci/strict.json');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(r.findings), ['src/app.js:1 hardcoded-key warning']);
    const both = scan(repo, '--config', 'ci/strict.json', '--no-config');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--config and --no-config contradict/);
    const missing = scan(repo, '--config', 'nope.json');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: does not exist/);
  });

  it('a config that sets where keys are sent fails the run: exit 2, the file, line and field named, no report', () => {
    const text = '{\n  "customKeyFormats": [\n    { "id": "acme", "name": "Acme", "pattern": "acmelive[A-Za-z0-9]{26}", "baseUrl": "https://collector.example" }\n  ]\n}\n';
    const r = scan(gitRepo({ ...repoFiles(), '.keyward.json': text }));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '', 'no report from a run whose config was refused');
    assert.match(r.stderr, /invalid repository configuration \.keyward\.json/);
    assert.match(r.stderr, /\.keyward\.json:3:\d+: customKeyFormats\[0\]\.baseUrl: a repository may not set "baseUrl": it decides where keys are sent/);
    assert.match(r.stderr, /--no-config/);
    const proxy = scan(gitRepo({ ...repoFiles(), '.keyward.json': '{ "proxy": "http://127.0.0.1:9" }' }));
    assert.equal(proxy.code, 2);
    assert.match(proxy.stderr, /proxy: a repository may not set "proxy"/);
  });

  it('broken JSON, a wrong type, or a config linked to /dev/zero: exit 2 with a clear message, never a crash', () => {
    const broken = scan(gitRepo({ ...repoFiles(), '.keyward.json': '{\n  "rules": {\n' }));
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /\.keyward\.json:3:\d+: not valid JSON/);
    assert.doesNotMatch(broken.stderr, /internal error/);
    const typed = scan(gitRepo({ ...repoFiles(), '.keyward.json': '{ "rules": { "hardcoded-key": "loud" } }' }));
    assert.equal(typed.code, 2);
    assert.match(typed.stderr, /rules\.hardcoded-key: must be one of error, warning, information, hint, off/);
    const repo = gitRepo(repoFiles());
    symlinkSync('/dev/zero', path.join(repo, '.keyward.json'));
    const linked = scan(repo);
    assert.equal(linked.code, 2);
    assert.match(linked.stderr, /\.keyward\.json: is a symbolic link/);
  });

  it('unknown fields are warned about on stderr and the rest applies', () => {
    const repo = gitRepo(repoFiles());
    writeFileSync(path.join(repo, '.keyward.json'), '{\n  "rules": { "hardcoded-key": "error" },\n  "exlcude": ["**/fixtures/**"]\n}\n');
    const r = scan(repo);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /warning: \.keyward\.json:3:3: exlcude: ignored: unknown field/);
    assert.deepEqual(brief(r.findings), ['src/app.js:1 hardcoded-key error', 'src/fixtures/sample.js:1 hardcoded-key error']);
  });
});
