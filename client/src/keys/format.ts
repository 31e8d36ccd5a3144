// How key facts read in the tree: relative dates, clock times, rate limits, masks, expiry.
// Pure (no vscode), so every wording is unit-tested.
import type { KeyInfo, RateLimitState } from '../api/types';

/** Keys expiring sooner than this get the warning icon. */
export const EXPIRY_WARNING_MS = 7 * 24 * 3600 * 1000;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  // Unix seconds/milliseconds arrive as numeric strings from some APIs.
  const d = /^\d{9,13}$/.test(value) ? new Date(value.length <= 10 ? Number(value) * 1000 : Number(value)) : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "3 days ago", "in 2 hours", "just now"; undefined for a missing or unparsable date. */
export function relativeTime(value: string | undefined, now: number): string | undefined {
  const d = parseDate(value);
  if (!d) return undefined;
  const seconds = Math.round((d.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(Math.trunc(seconds / 60) || (seconds < 0 ? -1 : 1), 'minute');
}

/** Local wall-clock "HH:MM" (same day) or "MMM D HH:MM" (another day). */
export function clockTime(epochMs: number, now: number): string {
  const d = new Date(epochMs);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (new Date(now).toDateString() === d.toDateString()) return hm;
  return `${d.toLocaleString('en', { month: 'short' })} ${d.getDate()} ${hm}`;
}

/** "42/60 requests left, resets 14:05". */
export function rateLimitText(rl: RateLimitState | undefined, now: number): string | undefined {
  if (!rl || rl.remaining === undefined) return undefined;
  const of = rl.limit !== undefined ? `${rl.remaining}/${rl.limit}` : `${rl.remaining}`;
  const reset = rl.resetAt !== undefined && rl.resetAt > now ? `, resets ${clockTime(rl.resetAt, now)}` : '';
  return `${of} requests left${reset}`;
}

/** What identifies a key without revealing it: last digits, the provider's preview, or a short id. */
export function maskedId(key: KeyInfo): string {
  if (key.lastDigits) return `…${key.lastDigits.slice(-8)}`;
  if (key.preview) return key.preview.length > 24 ? `${key.preview.slice(0, 12)}…${key.preview.slice(-6)}` : key.preview;
  if (key.id.length > 10) return `id ${key.id.slice(0, 8)}…`;
  return `id ${key.id}`;
}

export type ExpiryState = 'none' | 'ok' | 'expiring' | 'expired';

export function expiryState(key: KeyInfo, now: number): ExpiryState {
  const d = parseDate(key.expiresAt);
  if (!d) return 'none';
  const left = d.getTime() - now;
  if (left <= 0) return 'expired';
  return left < EXPIRY_WARNING_MS ? 'expiring' : 'ok';
}

export function absoluteDate(value: string | undefined): string | undefined {
  const d = parseDate(value);
  return d ? d.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : undefined;
}

/** Backslash-escapes Markdown syntax in provider-supplied text (names are user input). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

