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

/** The private key block whose BEGIN marker starts at `pos`, if it has an END and a key-like body. */
export function pemBlockAt(text: string, pos: number): PemBlock | undefined {
  BEGIN.lastIndex = pos;
  const m = BEGIN.exec(text);
  if (!m) return undefined;
  const label = m[1].trim();
  const bodyStart = pos + m[0].length;
  const limit = Math.min(text.length, pos + PEM_MAX_CHARS);
  const endAt = text.indexOf(END_MARK, bodyStart);
  if (endAt < 0 || endAt >= limit) return undefined;
  // Another BEGIN before our END: this one is truncated (or a doc listing headers); skip it.
  const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
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
