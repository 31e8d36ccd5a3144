// Rate-limit headers of every response, read through the provider entry's header names.
import type { ProviderEntry } from '../../../shared/providers/types';
import type { RateLimitState } from './types';

type Headers = Record<string, string | string[] | undefined>;

const DEFAULT_NAMES = { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset', retryAfter: 'retry-after' };

export function header(h: Headers, name: string): string | undefined {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function int(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(v)) return undefined;
  return Math.floor(Number(v));
}

/**
 * Reset as epoch ms. The spec says unix seconds; some servers send seconds-until-reset or epoch
 * ms, so small numbers are read as a delta and huge ones as milliseconds.
 */
export function parseReset(v: string | undefined, now: number): number | undefined {
  const n = int(v);
  if (n === undefined) return undefined;
  if (n >= 1e12) return n;
  if (n >= 1e9) return n * 1000;
  return now + n * 1000;
}

/** Retry-After as epoch ms: delta seconds or an HTTP date. */
export function parseRetryAfter(v: string | undefined, now: number): number | undefined {
  if (!v) return undefined;
  const n = int(v);
  if (n !== undefined) return now + n * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export function headerNames(provider: ProviderEntry): typeof DEFAULT_NAMES {
  return { ...DEFAULT_NAMES, ...(provider.rateLimitHeaders ?? {}) };
}

/** undefined when the response carried none of the headers. */
export function parseRateLimit(provider: ProviderEntry, h: Headers, now: number): RateLimitState | undefined {
  const names = headerNames(provider);
  const s: RateLimitState = {
    limit: int(header(h, names.limit)),
    remaining: int(header(h, names.remaining)),
    resetAt: parseReset(header(h, names.reset), now),
  };
  return s.limit === undefined && s.remaining === undefined && s.resetAt === undefined ? undefined : s;
}

/**
 * When a failed request may be retried: Retry-After first; the window reset only for a 429 or an
 * exhausted window (on a 5xx the reset is just the normal window end, not a reason to wait).
 */
export function retryAtFrom(provider: ProviderEntry, h: Headers, now: number, status: number): number | undefined {
  const names = headerNames(provider);
  const ra = parseRetryAfter(header(h, names.retryAfter), now);
  if (ra !== undefined) return ra;
  const rl = parseRateLimit(provider, h, now);
  return status === 429 || rl?.remaining === 0 ? rl?.resetAt : undefined;
}
