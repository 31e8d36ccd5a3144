// Synthetic, shape-correct example keys for the formats' own examples. They are generated from a
// seeded PRNG at load time so that no key-shaped literal sits in the source (other scanners and push
// protection would flag it) and checksummed formats get a correct checksum. None of them was ever issued.
import { base62, crc32 } from './shape';

export const CS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  upperDigits: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  hex: '0123456789abcdef',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base58: '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz',
  lower: 'abcdefghijklmnopqrstuvwxyz0123456789',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  bech32: 'qpzry9x8gf2tvdw0s3jn54khce6mua7l',
} as const;

/** Deterministic generator: the same seed yields the same examples on every run. */
export class Synth {
  private state: number;
  constructor(seed: string) {
    this.state = crc32(seed) || 1;
  }
  private next(): number {
    // xorshift32: tiny, fast, good enough for test strings.
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  /** `n` characters drawn from `charset`. */
  s(charset: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += charset[this.next() % charset.length];
    return out;
  }
  uuid(): string {
    const h = CS.hex;
    return `${this.s(h, 8)}-${this.s(h, 4)}-4${this.s(h, 3)}-${'89ab'[this.next() % 4]}${this.s(h, 3)}-${this.s(h, 12)}`;
  }
  /** A JWT with the given payload and a random (never valid) signature. */
  jwt(payload: Record<string, unknown>): string {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(payload)}.${this.s(CS.b64url, 43)}`;
  }
  /** GitHub/npm style: prefix + 30 random base62 + CRC32 in 6 base62 digits. */
  checksummed(prefix: string): string {
    const body = this.s(CS.alnum, 30);
    return prefix + body + base62(crc32(body), 6);
  }
}
