// The built CLI against hostile inputs (issue 14 items 10-13, 16): control characters in file
// names, files an unprivileged user cannot read, an engine exception, /dev/zero and FIFOs behind
// names keyward reads, and bad option values. Real files, a real `nobody` user, no mocks.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Synth } from '../../server/src/engine/formats/synth';
import { removeTempDirs, tempDir, writeTree } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const synth = new Synth('keyward-cli-hostile');
const KEY = synth.checksummed('ghp_');
const KEY2 = synth.checksummed('ghp_');
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, opts: { nodeArgs?: string[]; asNobody?: boolean; cli?: string } = {}): Run {
  const node = [...(opts.nodeArgs ?? []), opts.cli ?? CLI, ...args];
  const r = opts.asNobody
    ? spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, ...node], { cwd, env: ENV, encoding: 'utf8' })
    : spawnSync(process.execPath, node, { cwd, env: ENV, encoding: 'utf8' });
  for (const k of [KEY, KEY2]) assert.ok(!r.stdout.includes(k) && !r.stderr.includes(k), 'a whole key reached the output');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No raw control character or bidi override anywhere a terminal would interpret it. */
function assertTerminalSafe(text: string): void {
  const bad = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.exec(text);
  assert.equal(bad, null, `raw control character U+${bad?.[0].charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`);
}

describe('keyward scan on hostile input (built CLI)', function () {
  this.timeout(60_000);
  before(function () {
    this.timeout(180_000);
    const started = Date.now();
    try {
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
    } catch (err) {
      const fresh = existsSync(CLI) && statSync(CLI).mtimeMs >= started - 1000;
      if (!fresh) throw new Error(`build failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}`);
    }
  });
  after(removeTempDirs);

  describe('terminal injection (item 10)', () => {
    it('escapes escape sequences, newlines and bidi overrides in file names in the text report', () => {
      const root = tempDir();
      const hide = 'a\x1b[2K\x1b[1G\x1b[8m.py';
      const fake = 'b\n\nno findings; scanned 0 files (0 B) in 0.00 s\n.py';
      const bidi = 'c\u202eyp.txt';
      writeTree(root, { [hide]: `token = "${KEY}"\n`, [fake]: `token = "${KEY2}"\n`, [bidi]: `token = "${KEY}"\n`, 'clean.txt': 'hello\n' });
      const r = run(['scan', '.'], root);
      assert.equal(r.code, 1, r.stderr);
      assertTerminalSafe(r.stdout);
      assertTerminalSafe(r.stderr);
      assert.match(r.stdout, /^a\\x1b\[2K\\x1b\[1G\\x1b\[8m\.py:1:10 /m);
      assert.match(r.stdout, /^b\\n\\nno findings; scanned 0 files \(0 B\) in 0\.00 s\\n\.py:1:10 /m);
      assert.match(r.stdout, /^c\\u\{202e\}yp\.txt:1:10 /m);
      // The only summary line is the real one.
      const summaries = r.stdout.split('\n').filter((l) => /scanned \d+ files?/.test(l) && !/:\d+:\d+ /.test(l));
      assert.equal(summaries.length, 1, summaries.join(' | '));
      assert.match(summaries[0], /^3 findings \(3 warnings\) in 3 files; scanned 4 files /);
    });

    it('escapes them in error messages and the skipped-file list too', () => {
      const root = tempDir();
      const r = run(['scan', 'no\x1b[2Jsuch\u202e'], root);
      assert.equal(r.code, 2);
      assertTerminalSafe(r.stderr);
      assert.match(r.stderr, /cannot scan 'no\\x1b\[2Jsuch\\u\{202e\}': no such file or directory/);
      writeTree(root, { 'big\x1b]0;pwned\x07.txt': 'x'.repeat(3000) });
      const s = run(['scan', '--max-file-size', '1'], root);
      assert.equal(s.code, 0, s.stderr);
      assertTerminalSafe(s.stdout);
      assert.match(s.stdout, /big\\x1b\]0;pwned\\x07\.txt {2}larger than 1 KB/);
    });
  });

  describe('files that cannot be read (item 11)', () => {
    /** A folder `nobody` can traverse, with a copy of the CLI it can run. */
    function nobodyTree(files: Record<string, string | Buffer>): { root: string; cli: string } {
      const root = tempDir();
      chmodSync(root, 0o755);
      writeTree(root, files);
      for (const f of Object.keys(files)) chmodSync(path.join(root, f), 0o644);
      const cli = path.join(tempDir('keyward-bin-'), 'cli.js');
      chmodSync(path.dirname(cli), 0o755);
      copyFileSync(CLI, cli);
      chmodSync(cli, 0o755);
      return { root, cli };
    }

    it('an unreadable file (mode 000, run as nobody) exits 2 and is named, in every format', () => {
      const { root, cli } = nobodyTree({ 'locked.ts': `const token = "${KEY}";\n`, 'open.ts': 'export const a = 1;\n' });
      chmodSync(path.join(root, 'locked.ts'), 0o000);
      const text = run(['scan', root], root, { asNobody: true, cli });
      assert.equal(text.code, 2, text.stdout + text.stderr);
      assert.match(text.stderr, /1 file\(s\) could not be scanned/);
      assert.match(text.stderr, /locked\.ts: could not be read \(permission denied \(EACCES\)\)/);
      assert.ok(!/EACCES: EACCES/.test(text.stdout + text.stderr), 'the error code is said twice (item 16)');
      assert.match(text.stdout, /error: skipped 1 file \(1 could not be read\)/);
      const json = run(['scan', root, '--format', 'json'], root, { asNobody: true, cli });
      assert.equal(json.code, 2);
      const doc = JSON.parse(json.stdout);
      assert.deepEqual(doc.skipped.map((s: { path: string; reason: string }) => `${s.path}:${s.reason}`), ['locked.ts:unreadable']);
      assert.equal(doc.summary.failed, 1);
      const sarif = JSON.parse(run(['scan', root, '--format', 'sarif'], root, { asNobody: true, cli }).stdout);
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
      assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications[0].level, 'error');
    });

    it('an unreadable file still fails the run when other files have findings (exit 2, not 1)', () => {
      const { root, cli } = nobodyTree({ 'locked.ts': 'x\n', 'leak.ts': `const token = "${KEY}";\n` });
      chmodSync(path.join(root, 'locked.ts'), 0o000);
      const r = run(['scan', root, '-j', '1'], root, { asNobody: true, cli });
      assert.equal(r.code, 2);
      assert.match(r.stdout, /leak\.ts:1:16 /);
    });

    it('binary, size-capped and excluded files are listed as skipped and keep exit 0', () => {
      const root = tempDir();
      writeTree(root, { 'blob.bin': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]), 'big.txt': 'y'.repeat(5000), 'skip/x.ts': `t = "${KEY}"\n` });
      const r = run(['scan', '--max-file-size', '2', '--exclude', 'skip/**'], root);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /note: skipped 2 files \(1 larger than 2 KB, 1 binary\)/);
    });

    it('finds keys in UTF-16 files without a BOM (LE and BE) and in text with a NUL in its first 8 KiB', () => {
      const root = tempDir();
      const src = `# settings\nGITHUB_TOKEN = "${KEY}"\n`;
      writeTree(root, {
        'le.txt': Buffer.from(src, 'utf16le'),
        'be.txt': Buffer.from(src, 'utf16le').swap16(),
        'nul.py': `# generated\x00 header\n${'x = 1\n'.repeat(300)}token = "${KEY2}"\n`,
      });
      const r = run(['scan', '--format', 'json'], root);
      assert.equal(r.code, 1, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(doc.findings.map((f: { path: string; line: number }) => `${f.path}:${f.line}`).sort(), ['be.txt:2', 'le.txt:2', 'nul.py:302']);
      assert.deepEqual(doc.skipped, []);
    });
  });

  describe('engine errors fail closed (item 12)', () => {
    it('an exception while scanning a file exits 2 and names the file, with the other files still reported', () => {
      // The preload (test/cli/engineFault.cjs) makes the real engine throw on the marked file.
      const root = tempDir();
      writeTree(root, { 'fault.ts': `// KEYWARD-TEST-ENGINE-FAULT\nconst token = "${KEY}";\n`, 'ok.ts': `const token = "${KEY2}";\n` });
      const preload = ['-r', path.join(__dirname, 'engineFault.cjs')];
      const r = run(['scan', '-j', '1'], root, { nodeArgs: preload });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /fault\.ts: scanner error \(RangeError: engine fault injected by the test preload\)/);
      assert.match(r.stdout, /ok\.ts:1:16 /);
      assert.match(r.stdout, /error: skipped 1 file \(1 scanner error\)/);
      const json = JSON.parse(run(['scan', '--format', 'json'], root, { nodeArgs: preload }).stdout);
      assert.deepEqual(json.skipped.map((s: { reason: string }) => s.reason), ['scan-error']);
      // Without the preload the same tree scans cleanly: the failure came from the injected fault.
      assert.equal(run(['scan'], root).code, 1);
    });
  });

  describe('bounded reads (item 13)', () => {
    it('a baseline linked to /dev/zero or a FIFO is refused at once, not read', () => {
      const root = tempDir();
      writeTree(root, { 'a.ts': 'export const a = 1;\n' });
      symlinkSync('/dev/zero', path.join(root, 'zero.json'));
      execFileSync('mkfifo', [path.join(root, 'fifo.json')]);
      for (const f of ['zero.json', 'fifo.json']) {
        const r = run(['scan', '--baseline', f], root);
        assert.equal(r.code, 2, f);
        assert.match(r.stderr, /cannot read the baseline '.*': not a regular file \(a (device|named pipe)\)/);
      }
      // The editor's baseline name linked to /dev/zero (read for its salt) is ignored, the scan runs.
      symlinkSync('/dev/zero', path.join(root, '.keyward-baseline.json'));
      const j = run(['scan', '--format', 'json'], root);
      assert.equal(j.code, 0, j.stderr);
    });

    it('a FIFO or device link in the tree is never opened for reading', () => {
      const root = tempDir();
      writeTree(root, { 'a.ts': `t = "${KEY}"\n` });
      execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
      symlinkSync('/dev/zero', path.join(root, 'zero.ts'));
      const r = run(['scan', '--format', 'json'], root);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path), ['a.ts']);
    });
  });

  describe('option values (item 16)', () => {
    const cases: [string[], RegExp][] = [
      [['scan', '--max-file-size', '-5'], /--max-file-size must be a positive number of KB \(at most \d+\), got '-5'/],
      [['scan', '--max-file-size', '0'], /--max-file-size must be a positive number of KB/],
      [['scan', '--max-file-size', '1e12'], /--max-file-size must be a positive number of KB/],
      [['scan', '--jobs', '-2'], /--jobs must be a whole number from 1 to 64, got '-2'/],
      [['scan', '--output', '--format'], /--output needs a value/],
      [['scan', '--output'], /--output needs a value/],
    ];
    for (const [args, message] of cases) {
      it(`${args.slice(1).join(' ')} -> exit 2, ${message.source.slice(0, 40)}…`, () => {
        const r = run(args, tempDir());
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, message);
        assert.equal(r.stderr.split('\n').filter(Boolean).length, 2, r.stderr);
      });
    }
  });

  describe('fingerprints (item 7)', () => {
    it('are stable across two runs, keyed by the baseline salt, and a v1 baseline still suppresses', () => {
      const root = tempDir();
      writeTree(root, { 'src/a.ts': `const token = "${KEY}";\n` });
      const fp = (r: Run) => JSON.parse(r.stdout).findings.map((f: { fingerprint: string }) => f.fingerprint);
      // No baseline: the slow KDF, the same on every run.
      const first = fp(run(['scan', '--format', 'json'], root));
      assert.deepEqual(fp(run(['scan', '--format', 'json'], root)), first);
      const sarif = JSON.parse(run(['scan', '--format', 'sarif'], root).stdout);
      assert.deepEqual(sarif.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => Object.values(x.partialFingerprints)[0]), first);

      // A baseline brings a salt: reports are keyed with it, stable across runs, and differ from before.
      assert.equal(run(['scan', '--write-baseline', '.keyward-baseline.json'], root).code, 0);
      const base = JSON.parse(readFileSync(path.join(root, '.keyward-baseline.json'), 'utf8'));
      assert.equal(base.version, 2);
      assert.match(base.salt, /^[0-9a-f]{64}$/);
      const keyed = fp(run(['scan', '--format', 'json'], root));
      assert.deepEqual(fp(run(['scan', '--format', 'json'], root)), keyed);
      assert.notDeepEqual(keyed, first);
      assert.deepEqual(keyed, base.fingerprints.map((e: { fingerprint: string }) => e.fingerprint));
      // Rewriting keeps the salt, so the bytes do not change.
      const before = readFileSync(path.join(root, '.keyward-baseline.json'), 'utf8');
      run(['scan', '--write-baseline', '.keyward-baseline.json'], root);
      assert.equal(readFileSync(path.join(root, '.keyward-baseline.json'), 'utf8'), before);
      assert.equal(run(['scan', '--baseline', '.keyward-baseline.json'], root).code, 0);
    });

    it('a version-1 baseline (unsalted identities) still suppresses and is rewritten as version 2', () => {
      const root = tempDir();
      writeTree(root, { 'src/a.ts': `const token = "${KEY}";\n` });
      // The version-1 recipe: sha256(rule \0 path \0 sha256(secret)).
      const { createHash } = require('node:crypto') as typeof import('node:crypto');
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      const v1fp = sha(`hardcoded-key\0src/a.ts\0${sha(KEY)}`);
      writeFileSync(path.join(root, 'old.json'), JSON.stringify({ version: 1, fingerprints: [{ fingerprint: v1fp, ruleId: 'hardcoded-key', file: 'src/a.ts' }] }));
      const r = run(['scan', '--baseline', 'old.json'], root);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /no findings, 1 in baseline/);
      assert.equal(run(['scan', '--baseline', 'old.json', '--write-baseline', 'old.json'], root).code, 0);
      const v2 = JSON.parse(readFileSync(path.join(root, 'old.json'), 'utf8'));
      assert.equal(v2.version, 2);
      assert.notEqual(v2.fingerprints[0].fingerprint, v1fp);
      assert.equal(run(['scan', '--baseline', 'old.json'], root).code, 0);
      // No report carries the unsalted identity.
      const out = run(['scan', '--format', 'json'], root).stdout + run(['scan', '--format', 'sarif'], root).stdout;
      assert.ok(!out.includes(v1fp) && !out.includes(sha(KEY)));
    });
  });
});
