// The provider API client: everything it knows about a provider comes from its ProviderEntry
// (base URL, auth header, error style, rate-limit headers, management endpoints and fields).
// The requests themselves (auth, retries, rate limits, error decoding) go through transport.ts.
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { ProviderEntry } from '../../../shared/providers/types';
import { createDispatcherPool, DEFAULT_TIMEOUTS, type Timeouts } from './dispatcher';
import { malformedResponse, type ApiError } from './errors';
import { FieldError, readCreated, readList } from './fields';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { ProviderTransport, requestError, type Answer } from './transport';
import type { CreatedKey, KeyList, RateLimitState } from './types';

export interface ProviderClientOptions {
  /** Overrides provider.baseUrl (the application-scoped keyward.providers.<id>.baseUrl). */
  baseUrl?: string;
  /** The key requests authenticate with; read on every request so a re-sign-in takes effect at once. */
  getKey: () => Promise<string | undefined> | string | undefined;
  /** A dispatcher of the caller's own (tests); otherwise one is built from proxy and timeouts. */
  dispatcher?: Dispatcher;
  /** An explicit proxy URL (VS Code's http.proxy); without it HTTP(S)_PROXY apply. NO_PROXY applies to both; loopback always goes direct. */
  proxy?: string;
  /** http.noProxy: hosts the explicit proxy does not carry. */
  noProxy?: readonly string[];
  /** http.proxyStrictSSL (default true): false skips certificate checks on proxied connections only. */
  proxyStrictSSL?: boolean;
  /** Warnings about the connection set-up (an unverified proxy), once per client. Never a key. */
  warn?: (message: string) => void;
  /** `total` bounds one attempt end to end (default connect + headers + body): a proxy that keeps failing cannot hang a call. */
  timeouts?: { connect?: number; headers?: number; body?: number; total?: number };
  /** Further attempts after the first for retryable failures (default 3). */
  retries?: number;
  /** Upper bound of the total time spent waiting between attempts, ms (default 30 s). */
  maxTotalWaitMs?: number;
  /** First backoff step, ms (default 300). */
  retryBaseMs?: number;
  /** One line per attempt: method, URL, status, time, request id. Never a key. */
  log?: (line: string) => void;
  onRateLimit?: (s: RateLimitState) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Largest response body read, bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface CreateKeyOptions {
  /** Reuse across resumed attempts of one logical create (the rotation journal keeps it). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ProviderClient {
  readonly provider: ProviderEntry;
  listKeys(): Promise<KeyList>;
  createKey(name: string, opts?: CreateKeyOptions): Promise<CreatedKey>;
  revokeKey(id: string): Promise<void>;
  /** Resolves when `key` (default: the stored key) authenticates; throws ApiError otherwise. */
  validate(key?: string): Promise<void>;
  rateLimit(): RateLimitState;
  /** Releases the connections the client opened. */
  close(): Promise<void>;
}

export function createProviderClient(provider: ProviderEntry, opts: ProviderClientOptions): ProviderClient {
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...stripUndefined(opts.timeouts ?? {}) };
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    retries: opts.retries ?? DEFAULT_RETRY.retries,
    maxTotalWaitMs: opts.maxTotalWaitMs ?? DEFAULT_RETRY.maxTotalWaitMs,
    baseMs: opts.retryBaseMs ?? DEFAULT_RETRY.baseMs,
  };
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const attemptMs = opts.timeouts?.total ?? timeouts.connect + timeouts.headers + timeouts.body;
  const pool = createDispatcherPool({ dispatcher: opts.dispatcher, proxy: opts.proxy, noProxy: opts.noProxy, proxyStrictSSL: opts.proxyStrictSSL, warn: opts.warn, timeouts });
  const requestIdHeader = provider.requestIdHeader ?? 'x-request-id';
  const transport = new ProviderTransport(provider, opts, pool, { timeouts, policy, maxBody, attemptMs, requestIdHeader });
  const send = transport.send.bind(transport);
  const fail = (code: string, message: string, nextStep: ApiError['nextStep']) => requestError(provider, code, message, nextStep);
  const unsupported = (what: string) => fail('unsupported', `${provider.name} has no ${what} endpoint in keyward's provider data`, 'fix-request');

  return {
    provider,
    async listKeys() {
      const spec = provider.management?.list;
      if (!spec) throw unsupported('list-keys');
      const a = await send({ endpoint: spec, path: spec.path, retry: 'safe' });
      const body = parseJson(provider, a, 'the key list');
      return fields(provider, a, () => readList(body, spec));
    },
    async createKey(name, o = {}) {
      const spec = provider.management?.create;
      if (!spec) throw unsupported('create-key');
      if (typeof name !== 'string' || !name.trim()) throw fail('invalid_name', 'a key name is required', 'fix-request');
      // One idempotency key per logical create, reused by every retry: a retry replays, never mints.
      const idempotencyKey = o.idempotencyKey ?? (spec.idempotent ? randomUUID() : undefined);
      const a = await send({
        endpoint: spec,
        path: spec.path,
        body: { [spec.nameField]: name.trim() },
        idempotencyKey,
        retry: spec.idempotent && idempotencyKey ? 'idempotent' : 'none',
        signal: o.signal,
      });
      const body = parseJson(provider, a, 'the create response');
      return fields(provider, a, () => readCreated(body, spec, provider.management?.list));
    },
    async revokeKey(id) {
      const spec = provider.management?.revoke;
      if (!spec) throw unsupported('revoke-key');
      if (typeof id !== 'string' || !id) throw fail('invalid_id', 'a key id is required', 'fix-request');
      const path = spec.path.includes('{id}') ? spec.path.replace('{id}', encodeURIComponent(id)) : spec.path;
      const body = spec.idField ? { [spec.idField]: id } : undefined;
      const a = await send({ endpoint: spec, path, body, retry: 'safe', notFoundMeansDone: true });
      checkRevokeAnswer(provider, a);
    },
    async validate(key) {
      const spec = provider.validate ?? provider.management?.list;
      if (!spec) throw unsupported('validation');
      await send({ endpoint: spec, path: spec.path, key, retry: spec.method === 'POST' ? 'none' : 'safe' });
    },
    rateLimit: () => transport.rateLimit(),
    close: () => pool.close(),
  };
}

function parseJson(provider: ProviderEntry, a: Answer, what: string): unknown {
  try {
    return JSON.parse(a.text);
  } catch {
    const kind = /html/i.test(a.contentType) || a.text.trim().startsWith('<') ? 'an HTML page' : a.text.trim() ? 'malformed JSON' : 'an empty body';
    throw malformedResponse(provider, `${what} was ${kind}, not the JSON expected (HTTP ${a.status})`, a.requestId, a.status);
  }
}

function fields<T>(provider: ProviderEntry, a: Answer, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof FieldError) throw malformedResponse(provider, e.message, a.requestId, a.status);
    throw e;
  }
}

/** 204, or 200 with {success, message}: either is done; a body saying success: false is not. */
function checkRevokeAnswer(provider: ProviderEntry, a: Answer): void {
  if (!a.text.trim()) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(a.text);
  } catch {
    return; // a 2xx with a non-JSON body still means the key is gone
  }
  if (parsed && typeof parsed === 'object' && (parsed as { success?: unknown }).success === false) {
    const m = (parsed as { message?: unknown }).message;
    throw malformedResponse(provider, `the revoke answer says it did not succeed${typeof m === 'string' ? `: ${m}` : ''}`, a.requestId, a.status);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
