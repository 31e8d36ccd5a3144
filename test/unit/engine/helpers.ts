// Shared fixtures for the engine tests: random-looking values that match no real key format.
import { scan } from '../../../server/src/engine';
import type { Finding, ScanOptions } from '../../../server/src/engine';

/** Random-looking, no known prefix: stands in for an unknown provider's key. */
export const K = 'Zx8Kq2Lm5Np9Rt3Vw7Yb1Cd4';
export const K2 = 'q7Rt2Lp9Xw4Mz8Nv3Bk6Hj1Gf5Ds';
export const HEX32 = '9f2c4e7a1b3d5f60a8c2e4b6d8f0a1c3';
export const UUID = '3f1c9a2e-7b4d-4e8a-9c21-5d6f7a8b9c0d';
/** Pioneer's documented shape: pio_sk_ + 23 alphanumerics + _ + uuid (67 chars). */
export const PIO = ['pio', 'sk', 'Q8m2ZrT5vX1bN7cL4kP9wHd'].join('_') + '_' + UUID;
/** Pi (Unkey) key: pi_live_ + base58. */
export const PI_LIVE = ['pi', 'live', '3Hq9TzK7mWbR2xVn8LcP5sJd'].join('_');
/** Pinecall pk_: only a key with Pinecall context. */
export const PK = ['pk', '8fJ2kLm9QpR4sT6vW1xY3zA5'].join('_');

export function secretsOf(text: string, path: string, options?: ScanOptions): string[] {
  return scan(text, path, options)
    .filter((f) => f.ruleId === 'hardcoded-key')
    .map((f) => text.slice(f.offset, f.offset + f.length));
}

export function findingsOf(text: string, path: string, options?: ScanOptions): Finding[] {
  return scan(text, path, options);
}

/** Deterministic pseudo-random string (xorshift32): shape-correct test values, never issued keys. */
export function randomString(charset: string, n: number, seed = 1): string {
  let x = seed | 0 || 1;
  let s = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += charset[(x >>> 0) % charset.length];
  }
  return s;
}
export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
