// Reads a file as text for scanning, or says why it will not be scanned. Never throws.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { yieldTurn } from './yieldTurn';

export type SkipReason = 'too-large' | 'binary' | 'unreadable';
export type ReadResult = { text: string } | { skip: SkipReason; error?: string };

/** Bytes sniffed for NUL: the same window git and most editors use. */
const SNIFF_BYTES = 8192;
/** Share of undecodable characters above which a non-UTF-8 file is treated as binary. */
const MAX_INVALID_RATIO = 0.1;

/** Async for its callers; the reads themselves are synchronous (see yieldTurn.ts for why). */
export async function readTextFile(abs: string, maxBytes: number): Promise<ReadResult> {
  await yieldTurn();
  return readTextFileSync(abs, maxBytes);
}

export function readTextFileSync(abs: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch (err) {
    return { skip: 'unreadable', error: errorText(err) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { skip: 'unreadable', error: 'not a regular file' };
    if (stat.size > maxBytes) return { skip: 'too-large' };
    // Read one byte past the limit so a file that grew since stat is still caught.
    const cap = Math.min(stat.size, maxBytes) + 1;
    const buf = Buffer.allocUnsafe(cap);
    let filled = 0;
    while (filled < cap) {
      const n = readSync(fd, buf, filled, cap - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    if (filled > maxBytes) return { skip: 'too-large' };
    return decode(buf.subarray(0, filled));
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

/** Bytes to text: UTF-8 (BOM stripped), UTF-16 with a BOM, or a skip when the content is binary. */
export function decode(buf: Buffer): ReadResult {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8(buf.subarray(3));
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le') };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    return { text: swapped.swap16().toString('utf16le') };
  }
  if (buf.subarray(0, SNIFF_BYTES).includes(0)) return { skip: 'binary' };
  return utf8(buf);
}

function utf8(buf: Buffer): ReadResult {
  if (isUtf8(buf)) return { text: buf.toString('utf8') };
  // Not valid UTF-8: a Latin-1 text with a few accents is still worth scanning (keys are ASCII);
  // content dominated by invalid sequences is binary.
  const text = buf.toString('utf8');
  let invalid = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) invalid++;
  return invalid > MAX_INVALID_RATIO * text.length ? { skip: 'binary' } : { text };
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String((e as Error)?.message ?? err);
}
