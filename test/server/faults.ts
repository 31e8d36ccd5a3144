// Fault switches of the loopback provider server. Counted faults fire that many times, then stop.

export interface Faults {
  /** Delay before every answer, in ms. */
  latencyMs: number;
  /** Destroy the socket before handling (the request has no effect). */
  dropBefore: number;
  /** Handle the request (side effects happen), then destroy the socket instead of answering. */
  dropAfter: number;
  /** Handle the request, then answer 200 with a truncated JSON body. */
  malformedJson: number;
  /** Answer `serverErrorStatus` without handling. */
  serverErrors: number;
  serverErrorStatus: number;
  /** Answer 502 with an HTML page, as a broken gateway does. */
  htmlErrors: number;
  /** Answer 429 without handling. */
  throttle: number;
  /** Retry-After on a throttled answer: seconds, an HTTP date, or left out. */
  throttleRetryAfter: number | 'date' | 'none';
  /** X-RateLimit-Reset of a throttled answer, seconds from now. */
  throttleResetSec: number;
  /** 401 for every request (a revoked management key). */
  unauthorizedAll: boolean;
  /** 403 "only allowed from the web dashboard" on create. */
  dashboardOnlyCreate: boolean;
  /** Answers sent verbatim instead of handling, one per request, first in first out. */
  scripted: Array<{ status: number; body: string; contentType?: string; headers?: Record<string, string> }>;
  /** When set, counted faults only fire on these paths. */
  paths?: string[];
}

export function defaultFaults(): Faults {
  return {
    latencyMs: 0,
    dropBefore: 0,
    dropAfter: 0,
    malformedJson: 0,
    serverErrors: 0,
    serverErrorStatus: 503,
    htmlErrors: 0,
    throttle: 0,
    throttleRetryAfter: 1,
    throttleResetSec: 1,
    unauthorizedAll: false,
    dashboardOnlyCreate: false,
    scripted: [],
  };
}

type Counted = 'dropBefore' | 'dropAfter' | 'malformedJson' | 'serverErrors' | 'htmlErrors' | 'throttle';

/** Consumes one shot of a counted fault if it applies to this path. */
export function take(f: Faults, name: Counted, path: string): boolean {
  if (f[name] <= 0) return false;
  if (f.paths && !f.paths.includes(path)) return false;
  f[name] -= 1;
  return true;
}
