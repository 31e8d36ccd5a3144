// Backoff between attempts: exponential with full jitter, but never earlier than the server asked.

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** First backoff step, ms. */
  baseMs: number;
  /** Largest single backoff without a server hint, ms. */
  maxDelayMs: number;
  /** Total time spent waiting across retries, ms; a wait beyond it ends the retries. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseMs: 300, maxDelayMs: 8_000, maxTotalWaitMs: 30_000 };

/**
 * Delay before attempt `attempt` (1 = first retry). `notBefore` is the server's hint (Retry-After
 * or X-RateLimit-Reset) as epoch ms; it wins over the backoff when later.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, now: number, notBefore?: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (attempt - 1));
  // Half fixed, half random: spreads clients without ever retrying at once.
  const jittered = exp / 2 + random() * (exp / 2);
  const hinted = notBefore !== undefined ? Math.max(0, notBefore - now) : 0;
  return Math.ceil(Math.max(jittered, hinted));
}

/** Sleeps `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal, sleep?: (ms: number) => Promise<void>): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
  if (!signal) return sleep ? sleep(ms) : new Promise((r) => setTimeout(r, ms));
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (timer) clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    if (sleep) sleep(ms).then(done, reject);
    else timer = setTimeout(done, ms);
  });
}
