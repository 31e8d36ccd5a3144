// Building blocks shared by the format tables: token boundaries, charsets and the few checks
// (checksums, context, placeholders) that a regex alone cannot express.

/**
 * Left edge of a token: not inside a word, a base64 run or a dashed/dotted identifier. `/`, `=`, `:`
 * and `@` stay allowed: keys stand in URLs (https://ghp_…@github.com, /bot<token>/) and after `KEY=`.
 */
export const L = '(?<![A-Za-z0-9_+.-])';
/** Right edge of a token: its charset does not continue (a longer run is some other thing). */
export const R = '(?![A-Za-z0-9_+=-])';

export const BASE58 = '1-9A-HJ-NP-Za-km-z';
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `body` (a regex source, usually literal prefix + charset) as a standalone token, captured as `secret`. */
export function token(body: string, right: string = R): string {
  return `${L}(?<secret>${body})${right}`;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

// Words and shapes that mark documentation values, never issued keys. Runs of `A` are exempt:
// in base64 they are zero bytes, which structured tokens (Twitter, Vault batch, Fly) carry.
const PLACEHOLDER =
  /example|dummy|placeholder|redacted|your[_-]?(?:api|key|token|secret)|changeme|replace[_-]?me|insert[_-]?(?:your|key)|xxxxx|\*\*\*|\.\.\.|<[^>]{0,64}>|\$\{|\{\{|([^A])\1{7,}|123456789|abcdefghij/i;

/** True when the value is a documentation placeholder rather than an issued key. */
export function isPlaceholder(secret: string): boolean {
  return PLACEHOLDER.test(secret);
}

/** Both letter cases and a digit: random base62 of 20+ chars nearly always has all three, identifiers rarely. */
export function mixedAlnum(s: string): boolean {
  return /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);
}

/** Validator: the line must mention the provider (variable name, host, SDK) for an ambiguous shape. */
export function lineMentions(context: RegExp): (secret: string, line: string) => boolean {
  return (_secret, line) => context.test(line);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub (ghp_/gho_/ghu_/ghs_/ghr_) and npm (npm_) tokens: 30 random base62 chars, then the CRC32
 * of those 30 chars in 6 base62 digits. A wrong checksum means the string was never issued.
 */
export function crc32Base62Valid(secret: string, prefixLength: number): boolean {
  const body = secret.slice(prefixLength);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** The decoded payload of a JWT, or undefined when the middle part is not base64url JSON. */
export function jwtPayload(jwt: string): Record<string, unknown> | undefined {
  const part = jwt.split('.')[1];
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when `value` has the exact shape of a checksummed token (GitHub ghp_/gho_/ghu_/ghs_/ghr_, npm_)
 * but a wrong checksum: it was typed by hand (docs, tests), never issued, so it is no leak under any name.
 */
export function failsTokenChecksum(value: string): boolean {
  return /^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$/.test(value) && !crc32Base62Valid(value, 4);
}
