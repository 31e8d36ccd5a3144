// The built CLI on `.env`-named files (issue 8): an OpenAI key in `.env.ts` is reported like the
// same line in `config.ts` (the old engine took `.env.ts` for a secret .env file and skipped it).
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Synth } from '../../server/src/engine/formats/synth';
import { removeTempDirs, tempDir, writeTree } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const synth = new Synth('keyward-cli-env-named-code');
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const KEY = `sk-proj-${synth.s(B64URL, 60)}T3BlbkFJ${synth.s(B64URL, 60)}`;

describe('keyward scan: .env-named code and templates (built CLI)', function () {
  this.timeout(60_000);
  before(function () {
    this.timeout(180_000);
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
  });
  after(removeTempDirs);

  it('reports the key in config.ts, .env.ts, .env.example.ts and .env.example, not in .env', () => {
    const root = tempDir();
    const code = `export const openai = "${KEY}";\n`;
    writeTree(root, {
      'config.ts': code,
      '.env.ts': code,
      '.env.example.ts': code,
      '.env.example': `OPENAI_API_KEY=${KEY}\n`,
      '.env': `OPENAI_API_KEY=${KEY}\n`,
      '.gitignore': '.env\n',
    });
    const r = spawnSync(process.execPath, [CLI, 'scan', root, '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY), 'a whole key reached the output');
    const report = JSON.parse(r.stdout) as { findings: { path: string; ruleId: string }[] };
    const keyed = report.findings.filter((f) => f.ruleId === 'hardcoded-key').map((f) => f.path).sort();
    assert.deepEqual(keyed, ['.env.example', '.env.example.ts', '.env.ts', 'config.ts']);
    assert.equal(r.status, 1);
  });
});
