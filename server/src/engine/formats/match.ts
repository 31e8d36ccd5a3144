// Runs one format over a piece of text: regex, then entropy, placeholder and the format's validator.
// The engine may use this directly; the tests use it to hold each format to its own examples.
import type { KeyFormat } from '../types';
import { entropy, isPlaceholder } from './shape';

export interface FormatMatch {
  format: KeyFormat;
  secret: string;
  /** Offset of the secret in the text passed in. */
  offset: number;
}

const compiled = new WeakMap<KeyFormat, RegExp>();

/** The format's regex with `g` and `d` (indices) added; compiled once per format. */
export function formatRegExp(format: KeyFormat): RegExp {
  let re = compiled.get(format);
  if (!re) {
    const flags = new Set(`${format.flags ?? ''}gd`);
    re = new RegExp(format.pattern, [...flags].join(''));
    compiled.set(format, re);
  }
  return re;
}

/** True when one of the format's keywords occurs in the (lower-cased) text. */
export function keywordHit(format: KeyFormat, lowerText: string): boolean {
  return format.keywords.some((k) => lowerText.includes(k));
}

/** Whether a candidate value passes the format's non-regex checks. */
export function acceptSecret(format: KeyFormat, secret: string, lineText: string): boolean {
  if (isPlaceholder(secret)) return false;
  if (format.minEntropy !== undefined && entropy(secret) < format.minEntropy) return false;
  return format.validate ? format.validate(secret, lineText) : true;
}

// Validators look at the line for context words; on a huge (minified) line only the neighbourhood
// of the match is that context, and scanning all of it per match would be quadratic.
const CONTEXT_RADIUS = 256;
function contextAround(line: string, start: number, end: number): string {
  if (line.length <= 4 * CONTEXT_RADIUS) return line;
  return line.slice(Math.max(0, start - CONTEXT_RADIUS), Math.min(line.length, end + CONTEXT_RADIUS));
}

/**
 * All accepted matches of `format` in `line` (one line, or a bounded window of a long line).
 * requiresContext formats check their provider context in `validate`, so the result is final here;
 * the engine may still demand more (a key-like name) before it reports them.
 */
export function matchFormat(format: KeyFormat, line: string): FormatMatch[] {
  const re = formatRegExp(format);
  re.lastIndex = 0;
  const out: FormatMatch[] = [];
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0].length === 0) re.lastIndex++;
    const named = m.groups?.secret !== undefined;
    const secret = named ? m.groups!.secret : m[1] ?? m[0];
    const span = named ? m.indices?.groups?.secret : m.indices?.[m[1] !== undefined ? 1 : 0];
    const offset = span ? span[0] : m.index;
    if (acceptSecret(format, secret, contextAround(line, offset, offset + secret.length))) out.push({ format, secret, offset });
  }
  return out;
}
