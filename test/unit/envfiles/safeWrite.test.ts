// The write check for .gitignore edits, on real symbolic links (issue 14 item 2): a link is refused
// whatever it points at, and so is a real location outside the workspace folder.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeRefusal } from '../../../shared/writableInWorkspace';

/** The one write check, in the { ok, reason } shape these cases were written against. */
async function checkWritableInFolder(file: string, folder: string, repoRoot?: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const reason = await writeRefusal(file, folder, repoRoot);
  return reason ? { ok: false, reason } : { ok: true };
}

describe('writeRefusal for .gitignore', () => {
  let dir: string;
  let ws: string;
  let outside: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-safew-')));
    ws = path.join(dir, 'ws');
    outside = path.join(dir, 'home');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, '.profile'), 'export A=1\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('allows a regular .gitignore in the folder, and one not created yet', async () => {
    fs.writeFileSync(path.join(ws, '.gitignore'), 'dist/\n');
    assert.deepEqual(await checkWritableInFolder(path.join(ws, '.gitignore'), ws), { ok: true });
    fs.mkdirSync(path.join(ws, 'sub'));
    assert.deepEqual(await checkWritableInFolder(path.join(ws, 'sub', '.gitignore'), ws), { ok: true });
  });

  it('refuses a .gitignore that is a link, in or out of the folder, naming the link', async () => {
    fs.writeFileSync(path.join(ws, '.profile'), 'x\n');
    fs.symlinkSync('.profile', path.join(ws, '.gitignore'));
    const inside = await checkWritableInFolder(path.join(ws, '.gitignore'), ws);
    assert.equal(inside.ok, false);
    assert.match(!inside.ok ? inside.reason : '', /\.gitignore: it is a symbolic link \(to \.profile\)/);
    fs.rmSync(path.join(ws, '.gitignore'));
    fs.symlinkSync(path.join(outside, '.profile'), path.join(ws, '.gitignore'));
    const out = await checkWritableInFolder(path.join(ws, '.gitignore'), ws);
    assert.match(!out.ok ? out.reason : '', /symbolic link/);
    assert.equal(fs.readFileSync(path.join(outside, '.profile'), 'utf8'), 'export A=1\n');
  });

  it('refuses a file whose folder is a link leading outside, and a path outside the folder', async () => {
    fs.symlinkSync(outside, path.join(ws, 'linked'));
    const viaDir = await checkWritableInFolder(path.join(ws, 'linked', '.profile'), ws);
    assert.match(!viaDir.ok ? viaDir.reason : '', /a folder link takes it to .* outside the workspace folder/);
    const created = await checkWritableInFolder(path.join(ws, 'linked', '.gitignore'), ws);
    assert.match(!created.ok ? created.reason : '', /outside the workspace folder/);
    const far = await checkWritableInFolder(path.join(outside, '.gitignore'), ws);
    assert.match(!far.ok ? far.reason : '', /outside the workspace folder/);
  });

  it("a folder inside a repository may edit the repository's top .gitignore, not one beside it", async () => {
    const sub = path.join(ws, 'pkg');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(ws, '.gitignore'), '');
    assert.deepEqual(await checkWritableInFolder(path.join(ws, '.gitignore'), sub, ws), { ok: true });
    assert.equal((await checkWritableInFolder(path.join(ws, '.gitignore'), sub)).ok, false);
    // A "repository" that does not hold the folder widens nothing.
    assert.equal((await checkWritableInFolder(path.join(outside, '.gitignore'), sub, outside)).ok, false);
  });
});
