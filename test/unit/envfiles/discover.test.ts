import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findEnvFiles } from '../../../server/src/envfiles';
import { writeFiles } from './gitSandbox';

describe('envfiles: findEnvFiles', () => {
  let dir: string;
  let outside: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-find-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-out-')));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });
  const rel = (files: string[]) => files.map((f) => path.relative(dir, f));

  it('finds .env files at every depth, ignored or not, and skips vendor dirs and non-env names', async () => {
    writeFiles(dir, {
      '.gitignore': '.env\n', '.env': 'A=1', 'a/b/c/.env.local': 'A=1', 'pkg/.env.production': 'A=1',
      '.env.example': '', '.env.ts': '', 'node_modules/x/.env': '', '.git/.env': '', 'vendor/y/.env': '',
      '.venv/lib/.env': '', 'src/.env/inner.txt': '', 'sp ace/ünï/.env': '',
    });
    assert.deepEqual(rel(await findEnvFiles(dir)), ['.env', 'a/b/c/.env.local', 'pkg/.env.production', 'sp ace/ünï/.env']);
  });

  it('does not follow symbolic links (in or out of the root)', async () => {
    writeFiles(outside, { '.env': 'A=1', 'deep/.env.local': 'A=1' });
    writeFiles(dir, { 'real/.env': 'A=1' });
    fs.symlinkSync(outside, path.join(dir, 'linked-out'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked-in'));
    fs.symlinkSync(path.join(outside, '.env'), path.join(dir, '.env'));
    fs.symlinkSync(dir, path.join(dir, 'real', 'loop'));
    assert.deepEqual(rel(await findEnvFiles(dir)), ['real/.env']);
  });

  it('honours exclude globs (keyward.exclude) for files and whole folders', async () => {
    writeFiles(dir, { '.env': '', 'test/fixtures/.env': '', 'a/fixtures/b/.env.local': '', 'keep/.env.prod': '' });
    assert.deepEqual(rel(await findEnvFiles(dir, { exclude: ['**/fixtures/**', '.env.prod', '**/.env.prod'] })), ['.env']);
  });

  it('stops when aborted', async () => {
    for (let i = 0; i < 50; i++) writeFiles(dir, { [`d${i}/e/.env`]: '' });
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(findEnvFiles(dir, { signal: ac.signal }), (e: Error) => e.name === 'AbortError');
  });

  it('returns nothing for a missing root instead of throwing', async () => {
    assert.deepEqual(await findEnvFiles(path.join(dir, 'nope')), []);
  });
});
