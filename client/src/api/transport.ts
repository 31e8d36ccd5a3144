// One provider request on the wire: the URL under the base URL, the auth header, a bounded body,
// one log line per attempt (never a key), rate-limit headers, redirects refused, and retries with
// backoff for what may succeed later. createProviderClient (client.ts) builds the calls.
import { request, type Dispatcher } from 'undici';
import type { EndpointSpec, ProviderEntry } from '../../../shared/providers/types';
import { maskSecret } from '../redact';
import { joinUrl, validateBaseUrl } from './baseUrl';
import { checkProxyUrl, type DispatcherPool, type Timeouts } from './dispatcher';
import { ApiError, echoScrubber, errorFromResponse, malformedResponse, networkError } from './errors';
import { header, parseRateLimit, retryAtFrom } from './rateLimit';
import { abortableSleep, backoffDelay, type RetryPolicy } from './retry';
import type { RateLimitState } from './types';

export type RetryMode = 'safe' | 'idempotent' | 'none';

export interface Call {
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

export interface Answer {
  status: number;
  text: string;
  contentType: string;
  requestId?: string;
}

/** The caller's options the transport reads (ProviderClientOptions fits). */
export interface TransportOptions {
  baseUrl?: string;
  getKey: () => Promise<string | undefined> | string | undefined;
  dispatcher?: Dispatcher;
  proxy?: string;
  log?: (line: string) => void;
  onRateLimit?: (s: RateLimitState) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Limits resolved from the options once, by the client. */
export interface TransportLimits {
  timeouts: Timeouts;
  policy: RetryPolicy;
  maxBody: number;
  attemptMs: number;
  requestIdHeader: string;
}

/** A call made ready to send: the headers carry the key, so log lines go through scrub. */
interface Prepared {
  call: Call;
  url: URL;
  scrub: (s: string) => string;
  log: (line: string) => void;
  headers: Record<string, string>;
  payload?: string;
}

/** One attempt's end: an answer to return, or an error to throw or retry. */
type Attempt = { answer: Answer } | { err: ApiError; hint?: number; retryable: boolean };

// Header values may only carry visible ASCII; anything else is a paste accident, not a key.
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

/** An error keyward raises itself (no HTTP status). */
export function requestError(provider: ProviderEntry, code: string, message: string, nextStep: ApiError['nextStep']): ApiError {
  return new ApiError({ status: 0, code, message, nextStep, provider: provider.name });
}

export class ProviderTransport {
  private limits: RateLimitState = {};
  private readonly now: () => number;

  constructor(
    private readonly provider: ProviderEntry,
    private readonly opts: TransportOptions,
    private readonly pool: DispatcherPool,
    private readonly s: TransportLimits,
  ) {
    this.now = opts.now ?? Date.now;
  }

  rateLimit(): RateLimitState {
    return { ...this.limits };
  }

  private fail(code: string, message: string, nextStep: ApiError['nextStep']): ApiError {
    return requestError(this.provider, code, message, nextStep);
  }

  private base(): URL {
    const raw = this.opts.baseUrl ?? this.provider.baseUrl;
    if (!raw) throw this.fail('no_base_url', `no base URL is configured for ${this.provider.name}; set keyward.providers.${this.provider.id}.baseUrl`, 'fix-request');
    const check = validateBaseUrl(raw);
    if (!check.ok) throw this.fail('invalid_base_url', check.reason, 'fix-request');
    return check.url;
  }

  /** Endpoints are paths under the base URL, or absolute URLs (a management API on another host, like Pinecall's playground). */
  private endpointUrl(path: string): URL {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return joinUrl(this.base(), path);
    const check = validateBaseUrl(path);
    if (!check.ok) throw this.fail('invalid_endpoint_url', check.reason, 'fix-request');
    return check.url;
  }

  private async keyFor(override?: string): Promise<string> {
    const raw = override ?? (await this.opts.getKey());
    const key = raw?.trim();
    if (!key) throw this.fail('no_key', 'no key is stored', 'reenter-key');
    if (!SENDABLE_KEY.test(key)) throw this.fail('invalid_key_format', 'the key contains spaces or characters that cannot be sent in a header', 'reenter-key');
    return key;
  }

  private authHeaders(key: string): Record<string, string> {
    if (this.provider.auth.style === 'bearer') return { authorization: `Bearer ${key}` };
    return { [(this.provider.auth.header ?? 'X-API-Key').toLowerCase()]: key };
  }

  private async readBody(body: Dispatcher.ResponseData['body']): Promise<string> {
    const maxBody = this.s.maxBody;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        body.destroy();
        throw malformedResponse(this.provider, `the response is larger than ${Math.round(maxBody / 1024)} KiB`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async prepare(call: Call): Promise<Prepared> {
    const opts = this.opts;
    const url = this.endpointUrl(call.path);
    if (opts.proxy && !opts.dispatcher) {
      const bad = checkProxyUrl(opts.proxy);
      if (bad) throw this.fail('invalid_proxy', bad, 'fix-request');
    }
    const key = await this.keyFor(call.key);
    const scrub = echoScrubber(key, maskSecret(key));
    const log = (line: string) => opts.log?.(scrub(line));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'keyward', ...this.authHeaders(key) };
    let payload: string | undefined;
    if (call.body) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
    return { call, url, scrub, log, headers, payload };
  }

  /** Sends the call, retrying what may succeed later within the policy's attempts and total wait. */
  async send(call: Call): Promise<Answer> {
    const req = await this.prepare(call);
    const { policy } = this.s;
    const state = { outcomeUnknown: false };
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const out = await this.attempt(req, attempt, state);
      if ('answer' in out) return out.answer;
      const { err, hint, retryable } = out;
      if (!retryable || call.retry === 'none' || attempt > policy.retries) throw err;
      const delay = backoffDelay(attempt, policy, this.now(), hint);
      if (waited + delay > policy.maxTotalWaitMs) throw err;
      req.log(`retrying ${call.endpoint.method} ${req.url.pathname} in ${delay} ms (${err.status || err.code})`);
      try {
        await abortableSleep(delay, call.signal, this.opts.sleep);
      } catch {
        throw this.fail('aborted', 'the request was cancelled', 'fix-request');
      }
      waited += delay;
    }
  }

  /** One attempt under its own deadline; `state.outcomeUnknown` records that an earlier attempt may have done the work. */
  private async attempt(req: Prepared, attempt: number, state: { outcomeUnknown: boolean }): Promise<Attempt> {
    const { call, url, scrub, log } = req;
    const { attemptMs, timeouts } = this.s;
    const now = this.now;
    const started = now();
    const deadline = AbortSignal.timeout(attemptMs);
    const dispatcher = this.pool.forUrl(url);
    const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
    try {
      const pending = request(url, {
        method: call.endpoint.method,
        headers: req.headers,
        body: req.payload,
        dispatcher,
        signal,
        headersTimeout: timeouts.headers,
        bodyTimeout: timeouts.body,
      });
      // undici does not always honour the signal while a proxy connection keeps failing (it
      // reconnects forever), so the deadline also tears that dispatcher down.
      const res = await settleBefore(pending, signal, () => this.pool.discard(dispatcher));
      const text = await this.readBody(res.body);
      return this.judge(req, res, text, started, attempt, state);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (call.signal?.aborted) throw this.fail('aborted', 'the request was cancelled', 'fix-request');
      const err = deadline.aborted ? this.fail('ATTEMPT_TIMEOUT', `no complete answer within ${Math.round(attemptMs / 1000)} s`, 'retry-later') : networkError(this.provider, e, scrub);
      log(`${call.endpoint.method} ${url.href} -> failed in ${now() - started} ms: ${err.message}${attempt > 1 ? ` [attempt ${attempt}]` : ''}`);
      state.outcomeUnknown = true;
      return { err, retryable: true };
    }
  }

  /** What a complete response means: an answer, a refused redirect (thrown), or an error that may be retried. */
  private judge(req: Prepared, res: Dispatcher.ResponseData, text: string, started: number, attempt: number, state: { outcomeUnknown: boolean }): Attempt {
    const { call, url, scrub, log } = req;
    const provider = this.provider;
    const now = this.now;
    const h = res.headers as Record<string, string | string[] | undefined>;
    const rl = parseRateLimit(provider, h, now());
    if (rl) {
      this.limits = rl;
      this.opts.onRateLimit?.({ ...rl });
    }
    const requestId = header(h, this.s.requestIdHeader);
    log(`${call.endpoint.method} ${url.href} -> ${res.statusCode} in ${now() - started} ms${requestId ? ` (${requestId})` : ''}${attempt > 1 ? ` [attempt ${attempt}]` : ''}`);
    const answer: Answer = { status: res.statusCode, text, contentType: header(h, 'content-type') ?? '', requestId };
    if (res.statusCode < 300) return { answer };
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
    if (res.statusCode === 404 && call.notFoundMeansDone && state.outcomeUnknown) return { answer: { ...answer, status: 204, text: '' } };
    const retryable = res.statusCode === 429 || res.statusCode === 408 || res.statusCode >= 500;
    const hint = retryable ? retryAtFrom(provider, h, now(), res.statusCode) : undefined;
    // A 5xx may have been answered after the work was done.
    if (res.statusCode >= 500) state.outcomeUnknown = true;
    const err = errorFromResponse({ provider, status: res.statusCode, body: text, contentType: answer.contentType, headerRequestId: requestId, retryAt: hint, scrub });
    return { err, hint, retryable };
  }
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
