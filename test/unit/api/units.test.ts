// Pure pieces of the client: base URL rules, error body decoding, backoff, rate-limit headers.
import * as assert from 'node:assert/strict';
import { validateBaseUrl, joinUrl } from '../../../client/src/api/baseUrl';
import { ApiError, decodeErrorBody, errorFromResponse, nextStepFor, userMessage } from '../../../client/src/api/errors';
import { parseRateLimit, parseReset, parseRetryAfter } from '../../../client/src/api/rateLimit';
import { backoffDelay, DEFAULT_RETRY } from '../../../client/src/api/retry';
import { PGAI, PIONEER } from '../../../shared/providers/builtin';

describe('validateBaseUrl', () => {
  const ok = ['https://api.pioneer.ai', 'https://example.com/v1/', 'http://127.0.0.1:8787', 'http://localhost:3000/v1', 'http://[::1]:9000'];
  const bad: Array<[string, RegExp]> = [
    ['http://api.pioneer.ai', /only allowed for 127\.0\.0\.1/],
    ['http://10.0.0.5:8787', /only allowed/],
    ['http://127.0.0.1.evil.com', /only allowed/],
    ['https://user:pass@api.pioneer.ai', /user name or password/],
    ['https://api.pioneer.ai?api_key=x', /query string/],
    ['ftp://api.pioneer.ai', /Unsupported scheme ftp/],
    ['file:///etc/passwd', /Unsupported scheme file/],
    ['api.pioneer.ai', /not a valid absolute URL/],
    ['', /empty/],
  ];
  for (const u of ok) it(`accepts ${u}`, () => assert.equal(validateBaseUrl(u).ok, true));
  for (const [u, re] of bad) {
    it(`rejects ${u || '(empty)'}`, () => {
      const r = validateBaseUrl(u);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, re);
    });
  }
  it('keeps a base path prefix when joining', () => {
    assert.equal(joinUrl(new URL('https://api.pinecall.io/v1/'), '/agents').href, 'https://api.pinecall.io/v1/agents');
    assert.equal(joinUrl(new URL('https://api.pioneer.ai'), 'list-api-keys').href, 'https://api.pioneer.ai/list-api-keys');
  });
});

describe('decodeErrorBody', () => {
  it('Pi envelope', () => {
    assert.deepEqual(decodeErrorBody('{"error":{"type":"invalid_request_error","code":"invalid_api_key","message":"Bad key","request_id":"req_pi_1"}}'), {
      code: 'invalid_api_key',
      message: 'Bad key',
      requestId: 'req_pi_1',
      link: undefined,
    });
  });
  it('{"error": "..."} and {statusCode, error, message}', () => {
    assert.equal(decodeErrorBody('{"error":"Human-readable error message"}').message, 'Human-readable error message');
    assert.equal(decodeErrorBody('{"statusCode":401,"error":"Unauthorized","message":"Invalid API key"}').message, 'Invalid API key');
  });
  it('{"detail": "..."} and FastAPI list detail', () => {
    assert.equal(decodeErrorBody('{"detail":"API key creation is only allowed from the web dashboard"}').message, 'API key creation is only allowed from the web dashboard');
    assert.equal(
      decodeErrorBody('{"detail":[{"loc":["body","name"],"msg":"Field required","type":"missing"},{"loc":["body","x"],"msg":"bad"}]}').message,
      'name: Field required; x: bad',
    );
  });
  it('{code, message, resolution_url}', () => {
    assert.deepEqual(decodeErrorBody('{"code":"out_of_credits","message":"No credits","resolution_url":"https://pioneer.ai/settings/billing"}'), {
      code: 'out_of_credits',
      message: 'No credits',
      requestId: undefined,
      link: 'https://pioneer.ai/settings/billing',
    });
  });
  it('empty, HTML, plain text, binary and JSON non-objects', () => {
    assert.deepEqual(decodeErrorBody(''), {});
    assert.match(decodeErrorBody('<!doctype html><h1>502</h1>', 'text/html').message!, /HTML page/);
    assert.equal(decodeErrorBody('upstream connect error').message, 'upstream connect error');
    assert.deepEqual(decodeErrorBody('\u0000\u0001\u0002garbage'), {});
    assert.deepEqual(decodeErrorBody('[1,2]'), {});
    assert.deepEqual(decodeErrorBody('null'), {});
  });
  it('next steps by status and message', () => {
    assert.equal(nextStepFor(401, ''), 'reenter-key');
    assert.equal(nextStepFor(402, ''), 'billing');
    assert.equal(nextStepFor(403, 'API key creation is only allowed from the web dashboard'), 'use-dashboard');
    assert.equal(nextStepFor(403, 'insufficient permissions'), 'missing-scope');
    assert.equal(nextStepFor(404, ''), 'not-found');
    assert.equal(nextStepFor(409, ''), 'conflict');
    assert.equal(nextStepFor(422, ''), 'fix-request');
    assert.equal(nextStepFor(429, ''), 'wait');
    assert.equal(nextStepFor(500, ''), 'retry-later');
    assert.equal(nextStepFor(0, ''), 'retry-later');
  });
  it('402 without resolution_url falls back to the provider billing page; long messages are clipped', () => {
    const e = errorFromResponse({ provider: PIONEER, status: 402, body: '{"detail":"Payment required"}' });
    assert.equal(e.link, PIONEER.billingUrl);
    const long = errorFromResponse({ provider: PGAI, status: 500, body: JSON.stringify({ error: 'x'.repeat(5000) }) });
    assert.ok(long.message.length <= 300);
    assert.match(userMessage(long), /^PG:AI had a server error \(500\)/);
  });
  it('userMessage of non-ApiErrors', () => {
    assert.equal(userMessage(new Error('boom')), 'boom');
    assert.equal(userMessage('plain'), 'plain');
    assert.ok(new ApiError({ status: 0, message: 'm', nextStep: 'report' }) instanceof Error);
  });
});

describe('backoff and rate-limit headers', () => {
  it('grows exponentially with jitter, capped, and never earlier than the server asked', () => {
    const p = { ...DEFAULT_RETRY, baseMs: 100, maxDelayMs: 1000 };
    assert.equal(backoffDelay(1, p, 0, undefined, () => 0), 50);
    assert.equal(backoffDelay(1, p, 0, undefined, () => 1), 100);
    assert.equal(backoffDelay(3, p, 0, undefined, () => 1), 400);
    assert.equal(backoffDelay(10, p, 0, undefined, () => 1), 1000);
    assert.equal(backoffDelay(1, p, 1000, 6000, () => 0.5), 5000);
  });
  it('Retry-After seconds or HTTP date; reset as unix seconds, ms or delta', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    assert.equal(parseRetryAfter('7', now), now + 7000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now), now + 30_000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseReset(String(now / 1000 + 60), now), now + 60_000);
    assert.equal(parseReset(String(now + 5000), now), now + 5000);
    assert.equal(parseReset('30', now), now + 30_000);
    assert.equal(parseReset('-1', now), undefined);
    assert.deepEqual(parseRateLimit(PIONEER, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': String(now / 1000 + 1) }, now), {
      limit: 100,
      remaining: 7,
      resetAt: now + 1000,
    });
    assert.equal(parseRateLimit(PIONEER, {}, now), undefined);
  });
});
