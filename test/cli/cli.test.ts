// The built `keyward` binary (dist/cli.js) on real folders and git repositories: exit codes,
// every output format (SARIF checked against the official 2.1.0 schema), baselines, excludes,
// skipped files, size limits, progress output, and that no secret ever reaches the output.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { Synth } from '../../server/src/engine/formats/synth';
import { buildBundles, git, gitRepo, removeTempDirs, tempDir, writeTree } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const SARIF_SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

// Keys are generated (shape-correct, checksummed, never issued) so no key-shaped literal sits here.
const synth = new Synth('keyward-cli-tests');
const GITHUB_KEY = synth.checksummed('ghp_');
const PIONEER_KEY = `pio_sk_${synth.s('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 23)}_${synth.uuid()}`;
const SECOND_KEY = synth.checksummed('ghp_');
const ALL_KEYS = [GITHUB_KEY, PIONEER_KEY, SECOND_KEY];

/** Git sees only this test's config: nothing from the machine's global excludes. */
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
/**
 * The official schema (draft-04). Its `language` pattern is not valid as a unicode regex, hence
 * unicodeRegExp: false; everything else is checked as published.
 */
function sarifValidator(): ((data: unknown) => boolean) & { errors?: unknown } {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const compiled = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
  const validate = (data: unknown): boolean => {
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  };
  validate.errors = undefined as unknown;
  return validate;
}

function run(args: string[], cwd: string = ROOT): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  // The one rule every run must keep, whatever it tested.
  for (const key of ALL_KEYS) {
    assert.ok(!out.stdout.includes(key) && !out.stderr.includes(key), `a whole key reached the output of keyward ${args.join(' ')}`);
  }
  return out;
}

/** 1-based line/column (UTF-16) of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `fixture lacks ${needle.slice(0, 8)}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const CONFIG_TS = `// service setup\nimport { Pioneer } from '@pioneer/sdk';\n\nconst emoji = '😀'; export const client = new Pioneer({ apiKey: "${PIONEER_KEY}" });\n`;
const DEPLOY_SH = `#!/bin/sh\nexport GITHUB_TOKEN=${GITHUB_KEY}\ncurl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/user\n`;
const QUERY_PY = `import requests\n\ndef items(key):\n    return requests.get("https://api.example.com/v1/items?api_key=" + key)\n`;

function leakyRepo(extra: Record<string, string | Buffer> = {}): string {
  return gitRepo({
    '.gitignore': 'node_modules/\n.env\n',
    'src/config.ts': CONFIG_TS,
    'scripts/deploy v2.sh': DEPLOY_SH,
    'app/query.py': QUERY_PY,
    'README.md': '# demo\nSet PIONEER_API_KEY in your environment.\n',
    ...extra,
  });
}

describe('keyward scan (built CLI)', function () {
  this.timeout(60_000);

  before(function () {
    this.timeout(180_000);
    buildBundles(ROOT);
  });
  after(removeTempDirs);

  describe('usage', () => {
    it('prints help and version with exit 0', () => {
      const help = run(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Usage: keyward scan/);
      assert.match(help.stdout, /--write-baseline/);
      const version = run(['--version']);
      assert.equal(version.code, 0);
      assert.equal(version.stdout.trim(), VERSION);
    });

    const bad: [string, string[], RegExp][] = [
      ['an unknown option', ['scan', '--frobnicate'], /Unknown option '--frobnicate'/],
      ['an unknown format', ['scan', '--format', 'xml'], /unknown format 'xml'/],
      ['a missing path', ['scan', 'does/not/exist'], /cannot scan 'does\/not\/exist': no such file or directory/],
      ['no command', [], /no command given/],
      ['an unknown command', ['check', '.'], /unknown command 'check'/],
      ['a bad size', ['scan', '--max-file-size', 'big'], /--max-file-size must be a positive number/],
      ['a bad severity', ['scan', '--severity', 'hardcoded-key=loud'], /bad --severity/],
      ['a bad job count', ['scan', '--jobs', '0'], /--jobs must be a whole number/],
    ];
    for (const [what, args, message] of bad) {
      it(`exits 2 with a message on stderr for ${what}`, () => {
        const r = run(args, tempDir());
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, message);
        assert.match(r.stderr, /^keyward: /);
        assert.ok(r.stderr.trim().split('\n').length >= 1 && r.stderr.length < 500);
      });
    }
  });

  describe('findings and exit codes', () => {
    it('exits 0 with "no findings" on a clean repository', () => {
      const root = gitRepo({ 'src/index.ts': 'export const apiKey = process.env.PIONEER_API_KEY;\n', 'README.md': 'hello\n' });
      const r = run(['scan', root]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^no findings; scanned 2 files/m);
    });

    it('exits 1 and lists each finding as path:line:col  severity  rule  message (text)', () => {
      const root = leakyRepo();
      const r = run(['scan', '.'], root);
      assert.equal(r.code, 1, r.stderr);
      const pio = positionOf(CONFIG_TS, PIONEER_KEY);
      const gh = positionOf(DEPLOY_SH, GITHUB_KEY);
      assert.match(r.stdout, new RegExp(`^src/config\\.ts:${pio.line}:${pio.column}\\s+warning\\s+hardcoded-key\\s+\\S`, 'm'));
      assert.match(r.stdout, new RegExp(`^scripts/deploy v2\\.sh:${gh.line}:${gh.column}\\s+warning\\s+hardcoded-key\\s+\\S`, 'm'));
      assert.match(r.stdout, /^app\/query\.py:4:\d+\s+warning\s+query-string-auth\s+\S/m);
      assert.match(r.stdout, /^\d+ findings \(\d+ warnings?\) in 3 files; scanned 5 files/m);
      // Grouped: a blank line between files, none inside a file's group.
      const blocks = r.stdout.split('\n\n').filter((b) => /:\d+:\d+ /.test(b));
      assert.equal(blocks.length, 3);
    });

    it('reports the .env rules: not ignored, and tracked', () => {
      const root = gitRepo({ 'app.js': 'console.log(1)\n', 'config/.env': 'DEBUG=1\n', '.env.production': 'MODE=prod\n' });
      // .env.production is committed (tracked); config/.env exists but is neither ignored nor tracked.
      git(root, 'rm', '-q', '--cached', 'config/.env');
      const r = run(['scan', '--format', 'json'], root);
      assert.equal(r.code, 1, r.stderr);
      const doc = JSON.parse(r.stdout);
      const got = doc.findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`).sort();
      assert.deepEqual(got, ['env-not-ignored .env.production', 'env-not-ignored config/.env', 'env-tracked .env.production']);
      // Named directly (as a pre-commit hook passes staged files), a .env file gets the same verdicts.
      const direct = JSON.parse(run(['scan', '--format', 'json', '.env.production', 'app.js'], root).stdout);
      const sameFingerprints = doc.findings.filter((f: { path: string }) => f.path === '.env.production').map((f: { fingerprint: string }) => f.fingerprint).sort();
      assert.deepEqual(direct.findings.map((f: { fingerprint: string }) => f.fingerprint).sort(), sameFingerprints);
    });

    it('honours --severity: off drops a rule, a level changes it', () => {
      const root = leakyRepo();
      const off = JSON.parse(run(['scan', '--format', 'json', '--severity', 'hardcoded-key=off'], root).stdout);
      assert.ok(off.findings.length > 0);
      assert.ok(off.findings.every((f: { ruleId: string }) => f.ruleId !== 'hardcoded-key'));
      const allOff = run(['scan', '--severity', 'hardcoded-key=off', '--severity', 'query-string-auth=off'], root);
      assert.equal(allOff.code, 0, allOff.stdout);
      const err = JSON.parse(run(['scan', '--format', 'json', '--severity', 'hardcoded-key=error'], root).stdout);
      assert.ok(err.findings.some((f: { ruleId: string; severity: string }) => f.ruleId === 'hardcoded-key' && f.severity === 'error'));
    });

    it('does not scan git-ignored files unless --no-gitignore', () => {
      const root = gitRepo({ '.gitignore': 'generated/\n', 'ok.ts': 'export {}\n' });
      writeTree(root, { 'generated/keys.ts': `export const token = "${GITHUB_KEY}";\n` });
      assert.equal(run(['scan'], root).code, 0);
      const all = run(['scan', '--no-gitignore', '--format', 'json'], root);
      assert.equal(all.code, 1);
      assert.deepEqual(JSON.parse(all.stdout).findings.map((f: { path: string }) => f.path), ['generated/keys.ts']);
    });

    it('applies --exclude globs (repeatable)', () => {
      const root = leakyRepo();
      const r = JSON.parse(run(['scan', '--format', 'json', '--exclude', 'src/**', '--exclude', '*.sh'], root).stdout);
      assert.deepEqual([...new Set(r.findings.map((f: { path: string }) => f.path))], ['app/query.py']);
    });

    it('scans several paths and single files, relative to their common folder', () => {
      const root = leakyRepo();
      const r = run(['scan', '--format', 'json', 'src/config.ts', 'app'], root);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.root, root);
      assert.deepEqual([...new Set(doc.findings.map((f: { path: string }) => f.path))].sort(), ['app/query.py', 'src/config.ts']);
    });
  });

  describe('formats', () => {
    it('json: a versioned document with 1-based positions and relative posix paths', () => {
      const root = leakyRepo();
      const r = run(['scan', root, '--format', 'json']);
      assert.equal(r.code, 1);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.version, 1);
      assert.deepEqual(doc.tool, { name: 'keyward', version: VERSION });
      assert.equal(doc.root, root);
      const pio = doc.findings.find((f: { path: string }) => f.path === 'src/config.ts');
      const at = positionOf(CONFIG_TS, PIONEER_KEY);
      assert.equal(pio.ruleId, 'hardcoded-key');
      assert.equal(pio.line, at.line);
      assert.equal(pio.column, at.column); // UTF-16 columns: the emoji before the key counts 2
      assert.equal(pio.endLine, at.line);
      assert.equal(pio.endColumn, at.column + PIONEER_KEY.length);
      assert.equal(pio.provider, 'pioneer');
      assert.equal(pio.envVar, 'PIONEER_API_KEY');
      assert.match(pio.fingerprint, /^[0-9a-f]{32,64}$/);
      for (const f of doc.findings) {
        for (const k of ['ruleId', 'severity', 'path', 'line', 'column', 'endLine', 'endColumn', 'message', 'fingerprint', 'provider', 'envVar']) {
          assert.ok(k in f, `finding lacks ${k}`);
        }
      }
      assert.equal(doc.summary.findings, doc.findings.length);
      assert.equal(doc.summary.files, 5);
    });

    it('sarif: valid against the official SARIF 2.1.0 schema, with relative URIs and 1-based regions', () => {
      const root = leakyRepo();
      const r = run(['scan', root, '--format', 'sarif']);
      assert.equal(r.code, 1);
      const log = JSON.parse(r.stdout);
      const validate = sarifValidator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      // The validator is not a rubber stamp: a 0-based line or a missing message fails it.
      const broken = JSON.parse(r.stdout);
      broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
      delete broken.runs[0].results[0].message;
      assert.equal(validate(broken), false);

      assert.equal(log.version, '2.1.0');
      const runObj = log.runs[0];
      const driver = runObj.tool.driver;
      assert.equal(driver.name, 'keyward');
      assert.equal(driver.version, VERSION);
      assert.match(driver.informationUri, /^https:\/\//);
      assert.deepEqual(driver.rules.map((x: { id: string }) => x.id), ['hardcoded-key', 'query-string-auth', 'env-not-ignored', 'env-tracked']);
      for (const rule of driver.rules) {
        assert.equal(rule.helpUri, `https://github.com/keyward/keyward#rule-${rule.id}`);
        assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown && rule.name);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
      assert.equal(runObj.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(root).href + '/');

      const byUri = new Map(runObj.results.map((res: any) => [res.locations[0].physicalLocation.artifactLocation.uri, res]));
      assert.ok(byUri.has('scripts/deploy%20v2.sh'), [...byUri.keys()].join(', '));
      const sh: any = byUri.get('scripts/deploy%20v2.sh');
      const at = positionOf(DEPLOY_SH, GITHUB_KEY);
      assert.deepEqual(sh.locations[0].physicalLocation.region, { startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column + GITHUB_KEY.length });
      for (const res of runObj.results) {
        const loc = res.locations[0].physicalLocation.artifactLocation;
        assert.equal(loc.uriBaseId, '%SRCROOT%');
        assert.ok(!loc.uri.startsWith('/') && !loc.uri.includes('://'), loc.uri);
        assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
        assert.match(Object.values(res.partialFingerprints)[0] as string, /^[0-9a-f]{32,64}$/);
        // The file the URI names exists under the root.
        assert.ok(existsSync(path.join(root, decodeURIComponent(loc.uri))));
      }
    });

    it('sarif: a clean scan is still a valid log with no results', () => {
      const root = gitRepo({ 'a.txt': 'nothing here\n' });
      const r = run(['scan', root, '--format', 'sarif']);
      assert.equal(r.code, 0);
      const validate = sarifValidator();
      const log = JSON.parse(r.stdout);
      assert.ok(validate(log), JSON.stringify(validate.errors));
      assert.deepEqual(log.runs[0].results, []);
    });

    it('--output writes the report to a file and nothing to stdout; an unwritable one exits 2', () => {
      const root = leakyRepo();
      const out = path.join(tempDir(), 'report.sarif');
      const r = run(['scan', root, '--format', 'sarif', '--output', out]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
      const bad = run(['scan', root, '--output', path.join(root, 'no', 'such', 'dir', 'r.txt')]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /cannot write the report/);
    });
  });

  describe('parallel scan', () => {
    it('gives the same report on worker threads (-j 3) as on one thread (-j 1)', () => {
      // Past the inline threshold (1000 files), so the pool really starts; keys in every 50th file.
      const files: Record<string, string> = {};
      const keys = new Synth('keyward-cli-parallel');
      for (let i = 0; i < 1500; i++) {
        files[`pkg${i % 9}/src/file${i}.ts`] = i % 50 === 7 ? `export const token = "${keys.checksummed('ghp_')}";\n` : `export const n${i} = ${i};\n`.repeat(20);
      }
      files['pkg0/blob.bin'] = 'x';
      const root = gitRepo(files);
      const one = run(['scan', '--format', 'json', '-j', '1'], root);
      const three = run(['scan', '--format', 'json', '-j', '3'], root);
      assert.equal(one.code, 1);
      assert.equal(three.code, 1);
      const strip = (out: string) => {
        const doc = JSON.parse(out);
        delete doc.summary.durationMs;
        return doc;
      };
      const a = strip(one.stdout);
      assert.equal(a.findings.length, 30);
      assert.equal(a.summary.files, 1500);
      assert.deepEqual(strip(three.stdout), a);
    });
  });

  describe('baselines', () => {
    it('write a baseline, re-scan with it (exit 0), then only a new leak fails', () => {
      // .env.local is not matched by the fixture's ".env" rule: an env-not-ignored finding joins the baseline too.
      const root = leakyRepo({ '.env.local': 'DEBUG=1\n' });
      const baseline = path.join(root, '.keyward-baseline.json');
      const w = run(['scan', '--write-baseline', baseline], root);
      assert.equal(w.code, 0, w.stderr);
      assert.match(w.stderr, /wrote \d+ finding\(s\) to the baseline/);
      const text = readFileSync(baseline, 'utf8');
      assert.ok(JSON.parse(text).fingerprints.some((e: { ruleId: string }) => e.ruleId === 'env-not-ignored'));
      for (const key of ALL_KEYS) assert.ok(!text.includes(key), 'baseline holds a secret');

      const again = run(['scan', '--baseline', baseline], root);
      assert.equal(again.code, 0, again.stdout);
      assert.match(again.stdout, /no findings, \d+ in baseline; scanned 6 files/); // the baseline itself is not one of them
      // The baseline and a report written into the tree are never scanned themselves.
      for (let i = 0; i < 2; i++) assert.equal(run(['scan', '--baseline', baseline, '--format', 'sarif', '--output', 'keyward.sarif'], root).code, 0);
      assert.deepEqual(JSON.parse(readFileSync(path.join(root, 'keyward.sarif'), 'utf8')).runs[0].results, []);

      writeTree(root, { 'src/new.ts': `export const t = "${SECOND_KEY}";\n` });
      const after = run(['scan', '--baseline', baseline, '--format', 'json'], root);
      assert.equal(after.code, 1);
      assert.deepEqual(JSON.parse(after.stdout).findings.map((f: { path: string }) => f.path), ['src/new.ts']);
    });

    it('a broken or missing baseline exits 2 and says how to fix it', () => {
      const root = leakyRepo();
      const broken = path.join(root, 'broken.json');
      writeFileSync(broken, '{"version": 1, "fingerprints": [');
      const r = run(['scan', '--baseline', broken], root);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /baseline .* is not usable/);
      assert.match(r.stderr, /--write-baseline/);
      const missing = run(['scan', '--baseline', 'nope.json'], root);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read the baseline/);
    });
  });

  describe('bad input', () => {
    it('skips binary and oversized files with a note, and still scans the rest', () => {
      const bin = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), Buffer.from(`token=${GITHUB_KEY}`)]);
      const root = leakyRepo({ 'blob.dat': bin, 'logo.png': Buffer.from('fake png'), 'data/huge.json': `{"token": "${SECOND_KEY}", "pad": "${'x'.repeat(40_000)}"}` });
      const r = run(['scan', '--max-file-size', '16'], root);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /note: skipped 3 files \(1 larger than 16 KB, 2 binary\)/);
      assert.match(r.stdout, /data\/huge\.json {2}larger than 16 KB/);
      assert.match(r.stdout, /blob\.dat {2}binary/);
      assert.match(r.stdout, /raise --max-file-size/);
      const json = JSON.parse(run(['scan', '--max-file-size', '16', '--format', 'json'], root).stdout);
      assert.deepEqual(json.skipped.map((s: { path: string; reason: string }) => `${s.path}:${s.reason}`).sort(), ['blob.dat:binary', 'data/huge.json:too-large', 'logo.png:binary']);
      assert.ok(!json.findings.some((f: { path: string }) => f.path === 'data/huge.json' || f.path === 'blob.dat'));
    });

    // Its speed is the bench's business (bench/hostile.bench.ts); the engine's linear work is a unit test.
    it('scans a 5 MB single-line minified file and finds the key in it', () => {
      const chunk = 'function a(b){return b&&b.c?b.c.map(function(d){return d*2}):[]}var e={f:1,g:"h"};';
      const half = chunk.repeat(Math.ceil(2.5e6 / chunk.length));
      const min = `${half}var cfg={token:"${GITHUB_KEY}"};${half}`;
      const root = gitRepo({ 'dist/app.min.js': min });
      const r = run(['scan', '--format', 'json', '--max-file-size', '8192'], root);
      assert.equal(r.code, 1, r.stderr);
      const f = JSON.parse(r.stdout).findings.find((x: { ruleId: string }) => x.ruleId === 'hardcoded-key');
      assert.ok(f, 'key in the minified line not found');
      assert.equal(f.line, 1);
      assert.equal(f.column, min.indexOf(GITHUB_KEY) + 1);
    });
  });

  describe('terminal behaviour', () => {
    it('writes no progress line when stderr is not a terminal', () => {
      const root = leakyRepo();
      const r = run(['scan'], root);
      assert.ok(!r.stderr.includes('\r'), JSON.stringify(r.stderr));
      assert.equal(r.stderr, '');
    });

    it('draws a progress line on a terminal and erases it before the report', () => {
      const files: Record<string, string> = {};
      // Enough files to take longer than one redraw interval.
      for (let i = 0; i < 3000; i++) files[`src/m${i % 30}/f${i}.ts`] = `export const v${i} = ${i};\n`.repeat(40);
      const root = gitRepo(files);
      // `script` gives the CLI a real pseudo-terminal on stdin/stdout/stderr.
      const cmd = `${process.execPath} ${CLI} scan ${root} --format json --output ${path.join(root, 'r.json')}`;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { env: ENV, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /\rkeyward: \d+ files, [\d.]+ [KM]?B, \d+ files\/s/);
      assert.ok(r.stdout.trimEnd().endsWith('\r\x1b[K'), JSON.stringify(r.stdout.slice(-40)));
    });
  });

  describe('installed as a package', () => {
    it('`npx keyward scan DIR --format sarif` works from the repository root', function () {
      this.timeout(120_000);
      const root = leakyRepo();
      const r = spawnSync('npx', ['--no-install', 'keyward', 'scan', root, '--format', 'sarif'], { cwd: ROOT, env: ENV, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(JSON.parse(r.stdout).runs[0].tool.driver.name, 'keyward');
    });

    it('`npm exec keyward -- scan DIR` works in a project that installed keyward', function () {
      this.timeout(300_000);
      const project = tempDir('keyward-consumer-');
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ROOT], { cwd: project, env: ENV, stdio: 'pipe' });
      assert.ok(existsSync(path.join(project, 'node_modules', '.bin', 'keyward')));
      const target = leakyRepo();
      const r = spawnSync('npm', ['exec', '--no', 'keyward', '--', 'scan', target, '--format', 'json'], { cwd: project, env: ENV, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.ok(JSON.parse(r.stdout).findings.length >= 3);
    });
  });
});
