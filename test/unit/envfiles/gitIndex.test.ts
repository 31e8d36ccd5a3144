// The in-process index reader against indexes written by real git, and against broken ones.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { IndexFormatError, parseIndexPaths } from '../../../server/src/envfiles/gitIndex';
import { git, makeSandbox, writeFiles, type Sandbox } from './gitSandbox';

const NAMES = ['.env', 'a/.env.local', 'a/b/c/d/e/f/.env', 'a/b/c/d/e/g.txt', 'ünï/日本.txt', 'sp ace/x y', 'we\nird', 'z'];
// Longer than the 12-bit name length field (and than PATH_MAX, so it exists only in the index).
const LONG = `${'long/'.repeat(900)}f`;

function indexOf(repo: string): Buffer {
  return fs.readFileSync(path.join(repo, '.git/index'));
}

function withChecksum(buf: Buffer): Buffer {
  const body = buf.subarray(0, buf.length - 20);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

describe('envfiles: git index reader', () => {
  let sb: Sandbox;
  let repo: string;
  before(() => {
    sb = makeSandbox();
    repo = path.join(sb.dir, 'r');
    fs.mkdirSync(repo);
    git(repo, ['init', '-q']);
    writeFiles(repo, Object.fromEntries(NAMES.map((n) => [n, n])));
    git(repo, ['add', '-f', '--', ...NAMES]);
    const blob = git(repo, ['hash-object', '-w', '--', '.env']).trim();
    git(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${LONG}`]);
  });
  after(() => sb.restoreEnv());

  for (const version of [2, 3, 4]) {
    it(`reads every path of a version ${version} index (incl. a path longer than 4095 bytes)`, () => {
      git(repo, ['update-index', '--index-version', String(version)]);
      // git writes version 3 only when an entry needs extended flags, e.g. intent-to-add.
      if (version === 3) writeFiles(repo, { 'ita.txt': 'x' });
      if (version === 3) git(repo, ['add', '-N', 'ita.txt']);
      const buf = indexOf(repo);
      assert.equal(buf.readUInt32BE(4), version);
      const truth = git(repo, ['ls-files', '-z', '--cached']).split('\0').filter(Boolean);
      assert.deepEqual([...parseIndexPaths(buf).paths].sort(), truth.sort());
      assert.ok(truth.includes(LONG) && NAMES.every((n) => truth.includes(n)));
      if (version === 3) git(repo, ['rm', '-q', '--cached', 'ita.txt']);
    });
  }

  it('rejects a bad signature, truncation and a checksum mismatch with IndexFormatError', () => {
    git(repo, ['update-index', '--index-version', '2']);
    const good = indexOf(repo);
    const badSig = Buffer.from(good);
    badSig.write('DIRX', 0, 'latin1');
    assert.throws(() => parseIndexPaths(withChecksum(badSig)), /bad signature/);
    assert.throws(() => parseIndexPaths(good.subarray(0, 10)), IndexFormatError);
    const flipped = Buffer.from(good);
    flipped[40] ^= 0xff;
    assert.throws(() => parseIndexPaths(flipped), /checksum/);
    const badVersion = Buffer.from(good);
    badVersion.writeUInt32BE(9, 4);
    assert.throws(() => parseIndexPaths(withChecksum(badVersion)), /unsupported version 9/);
  });

  it('never fails other than with IndexFormatError on corrupted bytes (checksum fixed up)', () => {
    for (const version of [2, 4]) {
      git(repo, ['update-index', '--index-version', String(version)]);
      const good = indexOf(repo);
      fc.assert(fc.property(
        fc.array(fc.tuple(fc.nat({ max: good.length - 21 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat({ max: good.length }),
        (edits, cut) => {
          const buf = Buffer.from(good);
          for (const [pos, byte] of edits) buf[pos] = byte;
          const mutated = withChecksum(cut > 40 ? Buffer.concat([buf.subarray(0, cut), Buffer.alloc(20)]) : buf);
          try {
            const r = parseIndexPaths(mutated);
            assert.ok(r.paths instanceof Set);
          } catch (e) {
            if (!(e instanceof IndexFormatError)) throw e;
          }
        },
      ), { numRuns: 400 });
    }
  });
});
