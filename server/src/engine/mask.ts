// The only way a secret reaches a message: a short prefix and the length, never the rest.

// A well-known prefix (pio_sk_, sk-, ghp_, xoxb-, sk_live_) is what a human recognises the key by.
const KNOWN_PREFIX = /^[A-Za-z]{1,8}[_-](?:[A-Za-z]{1,6}[_-])?/;

/** Number of leading characters safe to show: at most 8, and never more than a quarter of the value. */
export function maskedPrefixLength(secret: string): number {
  const cap = Math.min(8, Math.floor(secret.length / 4));
  const known = KNOWN_PREFIX.exec(secret);
  const want = known ? known[0].length : 4;
  return Math.max(0, Math.min(want, cap));
}

/** "pio_sk_… (67 chars)": safe to log, show and store. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, maskedPrefixLength(secret))}… (${secret.length} chars)`;
}
