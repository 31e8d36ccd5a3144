// Reads the paths recorded in git's index file (versions 2, 3 and 4) without running git.
// Only the entry paths are decoded; stat data, object ids and most extensions are skipped.
import { createHash } from 'node:crypto';

export interface IndexPaths {
  /** Every path in the index (any stage), `/`-separated, relative to the work tree top. */
  paths: Set<string>;
  /** Sparse-index directory entries (`dir/`): a collapsed tree, its files are not listed. */
  sparseDirs: string[];
}

export class IndexFormatError extends Error {
  constructor(message: string) {
    super(`git index: ${message}`);
    this.name = 'IndexFormatError';
  }
}

const ENTRY_FIXED = 40; // ctime, mtime (8 each), dev, ino, mode, uid, gid, size (4 each)
const FLAG_EXTENDED = 0x4000;
const NAME_MASK = 0x0fff;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/**
 * Parses an index. hashLength is 20 for SHA-1 repositories and 32 for SHA-256 ones
 * (extensions.objectFormat). Throws IndexFormatError on anything it cannot vouch for, so callers
 * report tracked-ness as unknown instead of guessing.
 */
export function parseIndexPaths(buf: Buffer, hashLength = 20): IndexPaths {
  if (buf.length < 12 + hashLength) throw new IndexFormatError('file too short');
  if (buf.toString('latin1', 0, 4) !== 'DIRC') throw new IndexFormatError('bad signature (expected DIRC)');
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) throw new IndexFormatError(`unsupported version ${version}`);
  verifyChecksum(buf, hashLength);
  const count = buf.readUInt32BE(8);
  const end = buf.length - hashLength;
  const paths = new Set<string>();
  const sparseDirs: string[] = [];
  let pos = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let n = 0; n < count; n++) {
    const start = pos;
    if (pos + ENTRY_FIXED + hashLength + 2 > end) throw new IndexFormatError(`entry ${n} runs past the end`);
    const mode = buf.readUInt32BE(pos + 24);
    pos += ENTRY_FIXED + hashLength;
    const flags = buf.readUInt16BE(pos);
    pos += 2;
    if (flags & FLAG_EXTENDED) {
      if (version < 3) throw new IndexFormatError(`extended flags in a version ${version} index`);
      pos += 2;
    }
    let name: Buffer;
    if (version === 4) {
      // Prefix compression: drop `strip` bytes from the previous path, then append a NUL-ended suffix.
      const [strip, next] = readVarint(buf, pos, end);
      if (strip > previous.length) throw new IndexFormatError(`entry ${n} strips more than the previous path`);
      const nul = buf.indexOf(0, next);
      if (nul < 0 || nul >= end) throw new IndexFormatError(`entry ${n} path is not terminated`);
      name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(next, nul)]);
      pos = nul + 1;
    } else {
      const len = flags & NAME_MASK;
      const nul = len < NAME_MASK ? pos + len : buf.indexOf(0, pos);
      if (nul < 0 || nul >= end || buf[nul] !== 0) throw new IndexFormatError(`entry ${n} path is not terminated`);
      name = buf.subarray(pos, nul);
      // Entries are NUL-padded to a multiple of 8 bytes (at least one NUL).
      pos = start + ((nul - start + 8) & ~7);
    }
    if (pos > end) throw new IndexFormatError(`entry ${n} runs past the end`);
    const p = name.toString('utf8');
    if ((mode & S_IFMT) === S_IFDIR) sparseDirs.push(p.endsWith('/') ? p : `${p}/`);
    else paths.add(p);
    previous = name;
  }
  checkExtensions(buf, pos, end);
  return { paths, sparseDirs };
}

function readVarint(buf: Buffer, pos: number, end: number): [number, number] {
  // git's offset varint: each continuation adds one before shifting, so encodings are unique.
  if (pos >= end) throw new IndexFormatError('truncated varint');
  let c = buf[pos++];
  let value = c & 0x7f;
  while (c & 0x80) {
    if (pos >= end || value > 0xffffff) throw new IndexFormatError('bad varint');
    c = buf[pos++];
    value = ((value + 1) << 7) | (c & 0x7f);
  }
  return [value, pos];
}

function verifyChecksum(buf: Buffer, hashLength: number): void {
  const stored = buf.subarray(buf.length - hashLength);
  // index.skipHash writes zeros instead of a checksum.
  if (stored.every((b) => b === 0)) return;
  const algorithm = hashLength === 32 ? 'sha256' : 'sha1';
  const actual = createHash(algorithm).update(buf.subarray(0, buf.length - hashLength)).digest();
  if (!actual.equals(stored)) throw new IndexFormatError('checksum mismatch (corrupt or being written)');
}

function checkExtensions(buf: Buffer, pos: number, end: number): void {
  while (pos + 8 <= end) {
    const sig = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32BE(pos + 4);
    // A split index keeps most entries in a shared file; this one alone would under-report.
    if (sig === 'link') throw new IndexFormatError('split index is not supported');
    pos += 8 + size;
  }
}

/**
 * Whether relPath is recorded in the index: true, false, or undefined when it lies under a
 * sparse-index directory entry, whose files are only known by reading tree objects.
 */
export function indexHas(index: IndexPaths, relPath: string): boolean | undefined {
  if (index.paths.has(relPath)) return true;
  return index.sparseDirs.some((d) => relPath.startsWith(d)) ? undefined : false;
}
