// The write guard on real files and real links: no write through a link, a hard link, a folder link out, or a path outside the workspace (issue 14 item 2).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertWritableInWorkspace, UnsafeWriteError, writeRefusal } from '../../../shared/writableInWorkspace';

describe('writeRefusal / assertWritableInWorkspace', () => {
  let tmp: string;
  let ws: string;
  let home: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-guard-'));
    ws = path.join(tmp, 'ws');
    home = path.join(tmp, 'home');
    fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, '.bashrc'), 'alias ll="ls -l"\n');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('allows a regular file, a missing file and a missing folder inside the workspace', async () => {
    fs.writeFileSync(path.join(ws, '.env'), 'A=1\n');
    assert.equal(await writeRefusal(path.join(ws, '.env'), ws), undefined);
    assert.equal(await writeRefusal(path.join(ws, 'sub', '.env'), ws), undefined);
    assert.equal(await writeRefusal(path.join(ws, 'new', 'deeper', '.env'), ws), undefined);
    await assertWritableInWorkspace(path.join(ws, '.env'), ws);
  });

  it('allows a workspace reached through a linked folder (the root itself resolved)', async () => {
    const alias = path.join(tmp, 'alias');
    fs.symlinkSync(ws, alias);
    assert.equal(await writeRefusal(path.join(alias, '.env'), alias), undefined);
  });

  it('refuses a symbolic link, outside or inside, and a dangling one', async () => {
    fs.symlinkSync('../home/.bashrc', path.join(ws, '.env'));
    assert.match((await writeRefusal(path.join(ws, '.env'), ws))!, /^keyward did not write \.env: it is a symbolic link \(to \.\.\/home\/\.bashrc\).*Replace the link/);
    fs.writeFileSync(path.join(ws, 'real.example'), 'A=\n');
    fs.symlinkSync('real.example', path.join(ws, '.env.example'));
    assert.match((await writeRefusal(path.join(ws, '.env.example'), ws))!, /symbolic link/);
    fs.symlinkSync('nowhere', path.join(ws, 'sub', '.env'));
    assert.match((await writeRefusal(path.join(ws, 'sub', '.env'), ws))!, /sub.\.env: it is a symbolic link/);
    await assert.rejects(assertWritableInWorkspace(path.join(ws, '.env'), ws), (e: unknown) => e instanceof UnsafeWriteError);
    assert.equal(fs.readFileSync(path.join(home, '.bashrc'), 'utf8'), 'alias ll="ls -l"\n');
  });

  it('refuses a file whose folder is a link leading outside the workspace', async () => {
    fs.symlinkSync(home, path.join(ws, 'cfg'));
    assert.match((await writeRefusal(path.join(ws, 'cfg', '.env'), ws))!, /a folder link takes it to .*outside the workspace folder/);
    assert.match((await writeRefusal(path.join(ws, 'cfg', '.bashrc'), ws))!, /outside the workspace folder/);
  });

  it('allows a folder link that stays inside the workspace', async () => {
    fs.symlinkSync('sub', path.join(ws, 'alias'));
    assert.equal(await writeRefusal(path.join(ws, 'alias', '.env'), ws), undefined);
  });

  it('refuses a hard link, a directory and a path outside the workspace', async () => {
    fs.linkSync(path.join(home, '.bashrc'), path.join(ws, '.env'));
    assert.match((await writeRefusal(path.join(ws, '.env'), ws))!, /other hard links/);
    fs.mkdirSync(path.join(ws, 'sub', '.env'));
    assert.match((await writeRefusal(path.join(ws, 'sub', '.env'), ws))!, /not a regular file/);
    assert.match((await writeRefusal(path.join(home, '.bashrc'), ws))!, /outside the workspace folder/);
    assert.match((await writeRefusal(path.join(ws, '..', 'home', '.bashrc'), ws))!, /outside the workspace folder/);
  });
});
