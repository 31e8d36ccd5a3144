// The provider API client: everything it knows about a provider comes from its ProviderEntry
// (base URL, auth header, error style, rate-limit headers, management endpoints and fields).
import { randomUUID } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import type { EndpointSpec, ProviderEntry } from '../../../shared/providers/types';
import { maskSecret } from '../redact';
import { joinUrl, validateBaseUrl } from './baseUrl';
import { checkProxyUrl, createDispatcherPool, DEFAULT_TIMEOUTS, type Timeouts } from './dispatcher';
import { ApiError, echoScrubber, errorFromResponse, malformedResponse, networkError } from './errors';
import { FieldError, readCreated, readList } from './fields';
import { header, parseRateLimit, retryAtFrom } from './rateLimit';
import { abortableSleep, backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry';
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

type RetryMode = 'safe' | 'idempotent' | 'none';

interface Call {
  endpoint: EndpointSpec;
  path: string;
  body?: Record<string, unknown>;
  key?: string;
  idempotencyKey?: string;
  retry: RetryMode;
  signal?: AbortSignal;
  /** A 404 after an attempt whose outcome is unknown means that attempt succeeded (revoke). */
  notFoundMeansDone?: boolean;
}

interface Answer {
  status: number;
  text: string;
  contentType: string;
  requestId?: string;
}

// Header values may only carry visible ASCII; anything else is a paste accident, not a key.
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

export function createProviderClient(provider: ProviderEntry, opts: ProviderClientOptions): ProviderClient {
  const now = opts.now ?? Date.now;
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
  let limits: RateLimitState = {};

  function fail(code: string, message: string, nextStep: ApiError['nextStep']): ApiError {
    return new ApiError({ status: 0, code, message, nextStep, provider: provider.name });
  }

  function base(): URL {
    const raw = opts.baseUrl ?? provider.baseUrl;
    if (!raw) throw fail('no_base_url', `no base URL is configured for ${provider.name}; set keyward.providers.${provider.id}.baseUrl`, 'fix-request');
    const check = validateBaseUrl(raw);
    if (!check.ok) throw fail('invalid_base_url', check.reason, 'fix-request');
    return check.url;
  }

  /** Endpoints are paths under the base URL, or absolute URLs (a management API on another host, like Pinecall's playground). */
  function endpointUrl(path: string): URL {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return joinUrl(base(), path);
    const check = validateBaseUrl(path);
    if (!check.ok) throw fail('invalid_endpoint_url', check.reason, 'fix-request');
    return check.url;
  }

  async function keyFor(override?: string): Promise<string> {
    const raw = override ?? (await opts.getKey());
    const key = raw?.trim();
    if (!key) throw fail('no_key', 'no key is stored', 'reenter-key');
    if (!SENDABLE_KEY.test(key)) throw fail('invalid_key_format', 'the key contains spaces or characters that cannot be sent in a header', 'reenter-key');
    return key;
  }

  function authHeaders(key: string): Record<string, string> {
    if (provider.auth.style === 'bearer') return { authorization: `Bearer ${key}` };
    return { [(provider.auth.header ?? 'X-API-Key').toLowerCase()]: key };
  }

  async function readBody(body: Dispatcher.ResponseData['body']): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        body.destroy();
        throw malformedResponse(provider, `the response is larger than ${Math.round(maxBody / 1024)} KiB`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function send(call: Call): Promise<Answer> {
    const url = endpointUrl(call.path);
    if (opts.proxy && !opts.dispatcher) {
      const bad = checkProxyUrl(opts.proxy);
      if (bad) throw fail('invalid_proxy', bad, 'fix-request');
    }
    const key = await keyFor(call.key);
    const scrub = echoScrubber(key, maskSecret(key));
    const log = (line: string) => opts.log?.(scrub(line));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'keyward', ...authHeaders(key) };
    let payload: string | undefined;
    if (call.body) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;

    let waited = 0;
    let outcomeUnknown = false;
    for (let attempt = 1; ; attempt++) {
      const started = now();
      let err: ApiError;
      let hint: number | undefined;
      let retryable: boolean;
      const deadline = AbortSignal.timeout(attemptMs);
      const dispatcher = pool.forUrl(url);
      const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
      try {
        const pending = request(url, {
          method: call.endpoint.method,
          headers,
          body: payload,
          dispatcher,
          signal,
          headersTimeout: timeouts.headers,
          bodyTimeout: timeouts.body,
        });
        // undici does not always honour the signal while a proxy connection keeps failing (it
        // reconnects forever), so the deadline also tears that dispatcher down.
        const res = await settleBefore(pending, signal, () => pool.discard(dispatcher));
        const text = await readBody(res.body);
        const h = res.headers as Record<string, string | string[] | undefined>;
        const rl = parseRateLimit(provider, h, now());
        if (rl) {
          limits = rl;
          opts.onRateLimit?.({ ...rl });
        }
        const requestId = header(h, requestIdHeader);
        log(`${call.endpoint.method} ${url.href} -> ${res.statusCode} in ${now() - started} ms${requestId ? ` (${requestId})` : ''}${attempt > 1 ? ` [attempt ${attempt}]` : ''}`);
        const answer: Answer = { status: res.statusCode, text, contentType: header(h, 'content-type') ?? '', requestId };
        if (res.statusCode < 300) return answer;
        if (res.statusCode < 400) {
          // Never follow a redirect with a key attached: the target is not a host the user chose.
          throw new ApiError({
            status: res.statusCode,
            code: 'redirect',
            message: `the server redirected to ${header(h, 'location') ?? 'another address'}; keyward does not send keys through redirects, so check the base URL`,
            requestId,
            nextStep: 'fix-request',
            provider: provider.name,
          });
        }
        if (res.statusCode === 404 && call.notFoundMeansDone && outcomeUnknown) return { ...answer, status: 204, text: '' };
        retryable = res.statusCode === 429 || res.statusCode === 408 || res.statusCode >= 500;
        if (retryable) hint = retryAtFrom(provider, h, now(), res.statusCode);
        // A 5xx may have been answered after the work was done.
        if (res.statusCode >= 500) outcomeUnknown = true;
        err = errorFromResponse({ provider, status: res.statusCode, body: text, contentType: answer.contentType, headerRequestId: requestId, retryAt: hint, scrub });
      } catch (e) {
        if (e instanceof ApiError) throw e;
        if (call.signal?.aborted) throw fail('aborted', 'the request was cancelled', 'fix-request');
        err = deadline.aborted ? fail('ATTEMPT_TIMEOUT', `no complete answer within ${Math.round(attemptMs / 1000)} s`, 'retry-later') : networkError(provider, e, scrub);
        log(`${call.endpoint.method} ${url.href} -> failed in ${now() - started} ms: ${err.message}${attempt > 1 ? ` [attempt ${attempt}]` : ''}`);
        retryable = true;
        outcomeUnknown = true;
      }
      if (!retryable || call.retry === 'none' || attempt > policy.retries) throw err;
      const delay = backoffDelay(attempt, policy, now(), hint);
      if (waited + delay > policy.maxTotalWaitMs) throw err;
      log(`retrying ${call.endpoint.method} ${url.pathname} in ${delay} ms (${err.status || err.code})`);
      try {
        await abortableSleep(delay, call.signal, opts.sleep);
      } catch {
        throw fail('aborted', 'the request was cancelled', 'fix-request');
      }
      waited += delay;
    }
  }

  function parseJson(a: Answer, what: string): unknown {
    try {
      return JSON.parse(a.text);
    } catch {
      const kind = /html/i.test(a.contentType) || a.text.trim().startsWith('<') ? 'an HTML page' : a.text.trim() ? 'malformed JSON' : 'an empty body';
      throw malformedResponse(provider, `${what} was ${kind}, not the JSON expected (HTTP ${a.status})`, a.requestId, a.status);
    }
  }

  function fields<T>(a: Answer, read: () => T): T {
    try {
      return read();
    } catch (e) {
      if (e instanceof FieldError) throw malformedResponse(provider, e.message, a.requestId, a.status);
      throw e;
    }
  }

  function unsupported(what: string): ApiError {
    return fail('unsupported', `${provider.name} has no ${what} endpoint in keyward's provider data`, 'fix-request');
  }

  return {
    provider,
    async listKeys() {
      const spec = provider.management?.list;
      if (!spec) throw unsupported('list-keys');
      const a = await send({ endpoint: spec, path: spec.path, retry: 'safe' });
      const body = parseJson(a, 'the key list');
      return fields(a, () => readList(body, spec));
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
      const body = parseJson(a, 'the create response');
      return fields(a, () => readCreated(body, spec, provider.management?.list));
    },
    async revokeKey(id) {
      const spec = provider.management?.revoke;
      if (!spec) throw unsupported('revoke-key');
      if (typeof id !== 'string' || !id) throw fail('invalid_id', 'a key id is required', 'fix-request');
      const path = spec.path.includes('{id}') ? spec.path.replace('{id}', encodeURIComponent(id)) : spec.path;
      const body = spec.idField ? { [spec.idField]: id } : undefined;
      // 204, or 200 with {success, message}: either is done; a body saying success: false is not.
      const a = await send({ endpoint: spec, path, body, retry: 'safe', notFoundMeansDone: true });
      if (a.text.trim()) {
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
    },
    async validate(key) {
      const spec = provider.validate ?? provider.management?.list;
      if (!spec) throw unsupported('validation');
      await send({ endpoint: spec, path: spec.path, key, retry: spec.method === 'POST' ? 'none' : 'safe' });
    },
    rateLimit: () => ({ ...limits }),
    close: () => pool.close(),
  };
}

/** Resolves or rejects with `p`, or rejects as soon as `signal` aborts (then calls onAbort). */
function settleBefore<T>(p: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  p.catch(() => undefined); // a late rejection after the deadline is expected, not unhandled
  if (signal.aborted) {
    onAbort();
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', abort), resolve(v)),
      (e) => (signal.removeEventListener('abort', abort), reject(e)),
    );
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
