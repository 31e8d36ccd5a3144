// PEM / PGP private key blocks. Multi-line: the finding covers BEGIN..END. Public keys and
// certificates have different labels and never match; a header without a real body is documentation.
import { shannonEntropy } from '../value';

/** A block longer than this (chars from BEGIN to END) is not matched; scanLines uses the same bound. */
export const PEM_MAX_CHARS = 40_000;

const BEGIN = /-----BEGIN ((?:[A-Z0-9]{1,16} ){0,3})PRIVATE KEY( BLOCK)?-----/y;
const END_MARK = '-----END ';

export interface PemBlock {
  start: number;
  end: number;
  /** "RSA", "EC", "OPENSSH", "PGP", "ENCRYPTED", "" ... */
  label: string;
}

/**
 * Finds blocks at BEGIN markers visited in increasing order. Remembers where the next END / BEGIN
 * marker is, so a file of many BEGIN lines and no END costs one pass, not one pass per marker.
 */
export function pemFinder(text: string): (pos: number) => PemBlock | undefined {
  const next = (marker: string) => {
    let from = -1;
    let at = -1;
    return (p: number): number => {
      if (from >= 0 && p >= from && (at < 0 || at >= p)) return at;
      from = p;
      at = text.indexOf(marker, p);
      return at;
    };
  };
  const nextEnd = next(END_MARK);
  const nextBegin = next('-----BEGIN ');
  return (pos) => pemBlockAt(text, pos, nextEnd, nextBegin);
}

/** The private key block whose BEGIN marker starts at `pos`, if it has an END and a key-like body. */
export function pemBlockAt(
  text: string,
  pos: number,
  nextEnd = (p: number) => text.indexOf(END_MARK, p),
  nextBeginAt = (p: number) => text.indexOf('-----BEGIN ', p),
): PemBlock | undefined {
  BEGIN.lastIndex = pos;
  const m = BEGIN.exec(text);
  if (!m) return undefined;
  const label = m[1].trim();
  const bodyStart = pos + m[0].length;
  const limit = Math.min(text.length, pos + PEM_MAX_CHARS);
  const endAt = nextEnd(bodyStart);
  if (endAt < 0 || endAt >= limit) return undefined;
  // Another BEGIN before our END: this one is truncated (or a doc listing headers); skip it.
  const nextBegin = nextBeginAt(bodyStart);
  if (nextBegin >= 0 && nextBegin < endAt) return undefined;
  const close = text.indexOf('-----', endAt + END_MARK.length);
  if (close < 0 || close - endAt > 80) return undefined;
  const endLabel = text.slice(endAt + END_MARK.length, close);
  if (!/PRIVATE KEY/.test(endLabel)) return undefined;
  const body = text.slice(bodyStart, endAt);
  if (!isKeyBody(body)) return undefined;
  return { start: pos, end: close + 5, label };
}

/** Base64 payload of real key material: long enough, random, and without doc ellipses. */
function isKeyBody(raw: string): boolean {
  if (/\.\.\.|…|<[^>]*>|your|example|redacted|x{8}/i.test(raw)) return false;
  const cleaned = raw
    .replace(/^[ \t"'`+,]*[A-Za-z-]+:[^\n]*$/gm, '') // Proc-Type:, DEK-Info:, Version:, Comment:
    .replace(/\\[nr]/g, '')
    .replace(/[^A-Za-z0-9+/=]/g, '');
  return cleaned.length >= 64 && shannonEntropy(cleaned) >= 4.5;
}

/** Offsets of BEGIN markers in [from, to) that may start a block: the prefilter keyword is case-insensitive. */
export function beginMarkersBefore(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let i = text.indexOf('-----BEGIN ', from);
  while (i >= 0 && i < to) {
    out.push(i);
    i = text.indexOf('-----BEGIN ', i + 1);
  }
  return out;
}
