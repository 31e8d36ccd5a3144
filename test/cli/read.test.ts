// readTextFile on real files: encodings, binary sniffing, limits, special files and errors.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readTextFile } from '../../server/src/workspace';
import { readConfigText } from '../../server/src/workspace/read';
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

  // Issue 14 item 11: binary means "no text after decoding", no longer "a NUL in the first 8 KB".
  it('treats content dominated by control bytes as binary, but not text with a stray NUL', async () => {
    assert.deepEqual(await readTextFile(file('bin.dat', Buffer.from([0x41, 0x00, 0x42])), 1000), { skip: 'binary' });
    const elf = Buffer.alloc(4096);
    for (let i = 0; i < elf.length; i++) elf[i] = (i * 7919) % 256;
    assert.deepEqual(await readTextFile(file('elf.bin', elf), 10_000), { skip: 'binary' });
    const text = `#!/bin/sh\n# a generator left a NUL here:\x00\n${'echo hi\n'.repeat(100)}`;
    assert.deepEqual(await readTextFile(file('nul.sh', text), 10_000), { text });
  });

  it('decodes UTF-16 LE and BE without a BOM by their zero bytes', async () => {
    const src = 'token = "abc"\nname = "ü"\n';
    assert.deepEqual(await readTextFile(file('le-nobom.txt', Buffer.from(src, 'utf16le')), 1000), { text: src });
    assert.deepEqual(await readTextFile(file('be-nobom.txt', Buffer.from(src, 'utf16le').swap16()), 1000), { text: src });
  });

  it('refuses FIFOs and devices at once (opened non-blocking, checked on the descriptor)', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(await readTextFile(fifo, 1000), { skip: 'not-a-file', error: 'a named pipe' });
    const zero = path.join(dir, 'zero.json');
    symlinkSync('/dev/zero', zero);
    assert.deepEqual(await readTextFile(zero, 1 << 30), { skip: 'not-a-file', error: 'a device' });
    assert.deepEqual(await readConfigText(zero), { skip: 'not-a-file', error: 'a device' });
    // A link the caller must not follow is refused as a link.
    symlinkSync(file('real.txt', 'x'), path.join(dir, 'link.txt'));
    assert.deepEqual(await readConfigText(path.join(dir, 'link.txt'), { followSymlink: false }), { skip: 'not-a-file', error: 'a symbolic link' });
    assert.deepEqual(await readConfigText(path.join(dir, 'link.txt')), { text: 'x' });
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
    // Issue 14 item 11: a folder is not an I/O error ("unreadable" now means one), but not a file.
    const folder = await readTextFile(dir, 1000);
    assert.equal('skip' in folder && folder.skip, 'not-a-file');
  });

  it('reads an empty file as empty text', async () => {
    assert.deepEqual(await readTextFile(file('empty.txt', ''), 1000), { text: '' });
  });
});
