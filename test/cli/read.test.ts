// readTextFile on real files: encodings, binary sniffing, limits and errors.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readTextFile } from '../../server/src/workspace';
import { removeTempDirs, tempDir } from './helpers';

describe('readTextFile', () => {
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const abs = path.join(dir, name);
    writeFileSync(abs, content);
    return abs;
  };
  before(() => {
    dir = tempDir();
  });
  after(removeTempDirs);

  it('reads UTF-8 and strips a BOM', async () => {
    assert.deepEqual(await readTextFile(file('a.ts', 'const a = "é";\n'), 1000), { text: 'const a = "é";\n' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('key = 1\n')]);
    assert.deepEqual(await readTextFile(file('bom.ts', bom), 1000), { text: 'key = 1\n' });
  });

  it('decodes UTF-16 files that carry a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('token = "abc"\n', 'utf16le')]);
    assert.deepEqual(await readTextFile(file('le.txt', le), 1000), { text: 'token = "abc"\n' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('token = "abc"\n', 'utf16le').swap16()]);
    assert.deepEqual(await readTextFile(file('be.txt', be), 1000), { text: 'token = "abc"\n' });
  });

  it('treats a NUL byte in the first 8 KB as binary', async () => {
    assert.deepEqual(await readTextFile(file('bin.dat', Buffer.from([0x41, 0x00, 0x42])), 1000), { skip: 'binary' });
  });

  it('keeps Latin-1 text with a few invalid bytes, skips content dominated by them', async () => {
    const latin1 = Buffer.from('caf\xe9 = "ok"; // r\xe9sum\xe9 of the api_key setting\n', 'latin1');
    const r = await readTextFile(file('latin1.txt', latin1), 1000);
    assert.ok('text' in r && r.text.includes('api_key'));
    const noise = Buffer.alloc(4000);
    for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((i * 37) % 0x7f); // high bytes, no NUL
    assert.deepEqual(await readTextFile(file('noise.bin', noise), 10_000), { skip: 'binary' });
  });

  it('skips files over the limit without reading them whole', async () => {
    assert.deepEqual(await readTextFile(file('big.txt', 'x'.repeat(2001)), 2000), { skip: 'too-large' });
    assert.ok('text' in (await readTextFile(file('edge.txt', 'x'.repeat(2000)), 2000)));
  });

  it('returns unreadable with a reason for missing paths and folders', async () => {
    const missing = await readTextFile(path.join(dir, 'nope.txt'), 1000);
    assert.equal('skip' in missing && missing.skip, 'unreadable');
    assert.match(('error' in missing && missing.error) || '', /ENOENT/);
    const folder = await readTextFile(dir, 1000);
    assert.equal('skip' in folder && folder.skip, 'unreadable');
  });

  it('reads an empty file as empty text', async () => {
    assert.deepEqual(await readTextFile(file('empty.txt', ''), 1000), { text: '' });
  });
});
