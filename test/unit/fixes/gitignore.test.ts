import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { applyEdits, gitignoreIgnores, planGitignoreEnsure } from '../../../server/src/fixes';

describe('planGitignoreEnsure', () => {
  it('creates .gitignore when missing', () => {
    assert.deepEqual(planGitignoreEnsure(undefined), { alreadyPresent: false, create: '.env\n' });
  });

  it('appends with care for the trailing newline and CRLF', () => {
    const a = 'node_modules';
    assert.equal(applyEdits(a, [planGitignoreEnsure(a).edit!]), 'node_modules\n.env\n');
    const b = 'node_modules\r\ndist\r\n';
    assert.equal(applyEdits(b, [planGitignoreEnsure(b).edit!]), 'node_modules\r\ndist\r\n.env\r\n');
  });

  it('does nothing when a line already ignores it', () => {
    for (const g of ['.env\n', '/.env\n', '*.env\n', '.env*\n', '**/.env\n', '# secrets\n.env   \n']) assert.equal(planGitignoreEnsure(g).alreadyPresent, true, g);
  });

  it('adds it when a later negation re-includes it or only a directory pattern matches', () => {
    for (const g of ['.env*\n!.env\n', '.env/\n', '.env.local\n', 'config/.env\n']) assert.equal(planGitignoreEnsure(g).alreadyPresent, false, g);
  });

  it('`needed` from the git check wins over the simple check', () => {
    assert.equal(planGitignoreEnsure('.env\n', '.env', true).alreadyPresent, false);
    assert.equal(planGitignoreEnsure('', '.env', false).alreadyPresent, true);
  });
});

describe('gitignoreIgnores agrees with git check-ignore', function () {
  const hasGit = spawnSync('git', ['--version']).status === 0;
  const cases: [string, string][] = [
    ['.env', '.env'],
    ['*.env', '.env'],
    ['.env*', '.env'],
    ['.env*\n!.env', '.env'],
    ['/.env', 'sub/.env'],
    ['.env', 'sub/.env'],
    ['sub/', 'sub/.env'],
    ['sub', 'sub/.env'],
    ['**/.env', 'a/b/.env'],
    ['a/**/.env', 'a/b/c/.env'],
    ['.env.local', '.env'],
    ['.e?v', '.env'],
    ['.[ef]nv', '.env'],
    ['# .env', '.env'],
    ['\\#.env', '#.env'],
    ['.env/', '.env'],
    ['secrets/*.env', 'secrets/.env'],
    ['*', '.env'],
    ['*\n!.env', '.env'],
  ];
  it('on real repositories made in temp dirs', function () {
    if (!hasGit) this.skip();
    for (const [rules, path] of cases) {
      const dir = mkdtempSync(join(tmpdir(), 'kw-gi-'));
      try {
        execFileSync('git', ['init', '-q', dir]);
        writeFileSync(join(dir, '.gitignore'), rules + '\n');
        mkdirSync(join(dir, dirname(path)), { recursive: true });
        writeFileSync(join(dir, path), 'A=1\n');
        const git = spawnSync('git', ['-C', dir, 'check-ignore', '-q', '--no-index', path]).status === 0;
        assert.equal(gitignoreIgnores(rules, path), git, `${JSON.stringify(rules)} vs ${path}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
