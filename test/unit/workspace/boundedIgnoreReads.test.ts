// The in-process walk's ignore files are read bounded (issue 14 item 13): a repository whose
// .gitignore, info/exclude or commondir is a FIFO or a link to /dev/zero must not hang or balloon.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ancestorIgnores } from '../../../server/src/workspace/ignoreRules';
import { walkFiles } from '../../../server/src/workspace';

describe('workspace: ignore files are read bounded', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-bounded-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a FIFO info/exclude and commondir, and a .gitignore linked to /dev/zero above the root, are skipped', async () => {
    fs.mkdirSync(path.join(dir, '.git', 'info'), { recursive: true });
    // Opening a FIFO with no writer blocks a plain read forever; /dev/zero never ends.
    execFileSync('mkfifo', [path.join(dir, '.git', 'info', 'exclude')]);
    execFileSync('mkfifo', [path.join(dir, '.git', 'commondir')]);
    fs.symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'a.ts'), 'export const a = 1;\n');
    const ignores = await ancestorIgnores(path.join(dir, 'sub'));
    assert.equal(ignores.ignores('a.ts', false), false);
  });

  it('the walk reads a capped .gitignore and still applies a normal one', async () => {
    fs.writeFileSync(path.join(dir, '.gitignore'), 'skip.ts\n');
    fs.writeFileSync(path.join(dir, 'skip.ts'), 'x\n');
    fs.writeFileSync(path.join(dir, 'keep.ts'), 'x\n');
    fs.mkdirSync(path.join(dir, 'big'));
    // Over the 4 MB cap: read as nothing rather than loaded whole.
    fs.writeFileSync(path.join(dir, 'big', '.gitignore'), `${'#'.repeat(5 * 1024 * 1024)}\nkeep2.ts\n`);
    fs.writeFileSync(path.join(dir, 'big', 'keep2.ts'), 'x\n');
    const seen: string[] = [];
    for await (const e of walkFiles(dir, { useGit: false })) if ('rel' in e && e.rel && !('unreadableFolder' in e)) seen.push(e.rel);
    assert.ok(seen.includes('keep.ts'), seen.join());
    assert.ok(!seen.includes('skip.ts'), seen.join());
    assert.ok(seen.includes('big/keep2.ts'), 'an over-cap .gitignore ignores nothing');
  });
});
