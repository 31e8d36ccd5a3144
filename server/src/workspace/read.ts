// Reads files by path, bounded: regular files only (checked on the open descriptor, so a link
// swapped to /dev/zero or a FIFO is caught), never more than a cap. Text for scanning, or why not.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { yieldTurn } from './yieldTurn';

/**
 * 'unreadable' is an I/O error (permission, EIO, a file that vanished): the scan meant to read it
 * and could not. The others are decisions about the content, not failures.
 */
export type SkipReason = 'too-large' | 'binary' | 'not-a-file' | 'unreadable';
export type ReadResult = { text: string } | { skip: SkipReason; error?: string };
export type BytesResult = { bytes: Buffer } | { skip: Exclude<SkipReason, 'binary'>; error?: string };

/** Bytes sniffed for a BOM-less UTF-16 pattern: the same window git uses for its NUL check. */
const SNIFF_BYTES = 8192;
/** Share of undecodable characters above which a non-UTF-8 file is treated as binary. */
const MAX_INVALID_RATIO = 0.1;
/** Share of control characters (not tab, newline, CR, FF, VT, ESC) above which decoded text is binary. */
const MAX_CONTROL_RATIO = 0.01;
const CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/g;
/** Cap for config-like files read whole (baselines, .gitignore, .env, settings). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

// O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not a file).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Async for its callers; the reads themselves are synchronous (see yieldTurn.ts for why). */
export async function readTextFile(abs: string, maxBytes: number): Promise<ReadResult> {
  await yieldTurn();
  return readTextFileSync(abs, maxBytes);
}

export function readTextFileSync(abs: string, maxBytes: number): ReadResult {
  const r = readBytesSync(abs, maxBytes);
  return 'bytes' in r ? decode(r.bytes) : r;
}

/**
 * A regular file's bytes, at most maxBytes, or why not. `followSymlink: false` refuses a link
 * itself (for files whose link target must not be trusted). Never throws.
 */
export function readBytesSync(abs: string, maxBytes: number, opts: { followSymlink?: boolean } = {}): BytesResult {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS | (opts.followSymlink === false ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    // ELOOP under O_NOFOLLOW: the path is a link we were told not to follow.
    if (code === 'ELOOP' && opts.followSymlink === false) return { skip: 'not-a-file', error: 'a symbolic link' };
    if (code === 'EISDIR') return { skip: 'not-a-file', error: 'a folder' };
    return { skip: 'unreadable', error: errorText(err) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { skip: 'not-a-file', error: kindOf(stat) };
    if (stat.size > maxBytes) return { skip: 'too-large' };
    // Read one byte past the limit so a file that grew since fstat is still caught.
    const cap = Math.min(stat.size, maxBytes) + 1;
    const buf = Buffer.allocUnsafe(cap);
    let filled = 0;
    while (filled < cap) {
      const n = readSync(fd, buf, filled, cap - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    if (filled > maxBytes) return { skip: 'too-large' };
    return { bytes: buf.subarray(0, filled) };
  } catch (err) {
    return { skip: 'unreadable', error: errorText(err) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do: the descriptor is gone either way
    }
  }
}

/** readBytesSync for config-like files: UTF-8 text (BOM kept for the caller's parser), or why not. */
export async function readConfigText(abs: string, opts: { maxBytes?: number; followSymlink?: boolean } = {}): Promise<{ text: string } | { skip: Exclude<SkipReason, 'binary'>; error?: string }> {
  await yieldTurn();
  const r = readBytesSync(abs, opts.maxBytes ?? MAX_CONFIG_BYTES, opts);
  return 'bytes' in r ? { text: r.bytes.toString('utf8') } : r;
}

/**
 * Bytes to text: UTF-8 (BOM stripped), UTF-16 LE/BE (by BOM or, without one, by the zero bytes
 * of its ASCII characters), else a skip when no text is found after decoding. A stray NUL in a
 * text file does not make it binary; control characters or undecodable bytes dominating do.
 */
export function decode(buf: Buffer): ReadResult {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8(buf.subarray(3));
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return textOrBinary(utf16(buf.subarray(2), 'le'));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return textOrBinary(utf16(buf.subarray(2), 'be'));
  const order = utf16ByContent(buf);
  if (order) {
    const r = textOrBinary(utf16(buf, order));
    if ('text' in r) return r;
  }
  return utf8(buf);
}

/** 'le' / 'be' when the zero bytes of the sniff window sit almost all on one parity, as ASCII in UTF-16 does. */
function utf16ByContent(buf: Buffer): 'le' | 'be' | undefined {
  const n = Math.min(buf.length, SNIFF_BYTES) & ~1;
  // UTF-16 text has an even length; an odd one is something else.
  if (n < 2 || buf.length % 2 !== 0 || buf.subarray(0, n).indexOf(0) < 0) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  // ASCII 'a' is 61 00 in LE, 00 61 in BE; a binary file has zeros on both sides.
  if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.02) return 'le';
  if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.02) return 'be';
  return undefined;
}

function utf16(buf: Buffer, order: 'le' | 'be'): string {
  const even = buf.subarray(0, buf.length & ~1);
  return order === 'le' ? even.toString('utf16le') : Buffer.from(even).swap16().toString('utf16le');
}

function utf8(buf: Buffer): ReadResult {
  const text = buf.toString('utf8');
  if (!isUtf8(buf)) {
    // Not valid UTF-8: a Latin-1 text with a few accents is still worth scanning (keys are ASCII);
    // content dominated by invalid sequences is binary.
    let invalid = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) invalid++;
    if (invalid > MAX_INVALID_RATIO * text.length) return { skip: 'binary' };
  }
  return textOrBinary(text);
}

function textOrBinary(text: string): ReadResult {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return { text };
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls > MAX_CONTROL_RATIO * text.length ? { skip: 'binary' } : { text };
}

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** "permission denied (EACCES)": the phrase, and the code once for searching. */
function errorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const phrase = describeIoError(err);
  return code && !phrase.includes(code) ? `${phrase} (${code})` : phrase;
}

/** Node's errno errors as one short phrase ("permission denied"), the code said once. */
export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EIO: 'input/output error',
    ELOOP: 'too many levels of symbolic links',
    EMFILE: 'too many open files',
  };
  if (e?.code && known[e.code]) return known[e.code];
  const msg = String(e?.message ?? err);
  // Node's messages already start with "CODE: "; do not say it twice.
  return e?.code && !msg.startsWith(`${e.code}:`) ? `${e.code}: ${msg}` : msg;
}
