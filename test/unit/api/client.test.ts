// The API client against the real loopback provider server: every status and fault of the spec.
import * as assert from 'node:assert/strict';
import { ApiError, userMessage } from '../../../client/src/api/errors';
import { PGAI, PI, PINECALL, PIONEER } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import { assertNoSecrets, setup, type Harness } from './harness';

describe('api client: statuses and faults against the loopback server', () => {
  let h: Harness;
  const messages: string[] = [];
  beforeEach(async () => {
    h = await setup('seed');
  });
  afterEach(async () => {
    assertNoSecrets([...h.captured, ...messages], h.allSecrets());
    await h.close();
  });
  const fail = async (p: Promise<unknown>): Promise<ApiError> => {
    const e = await h.rejects<ApiError>(p);
    assert.ok(e instanceof ApiError, `expected ApiError, got ${String(e)}`);
    messages.push(userMessage(e));
    return e;
  };

  it('sends X-API-Key, never the key in the URL, and reads the seed list', async () => {
    const c = h.client();
    const list = await c.listKeys();
    assert.equal(list.keys.length, 1);
    assert.equal(list.keys[0].name, 'management');
    assert.match(list.keys[0].id, /^key_/);
    assert.ok(h.captured.some((l) => l.startsWith('GET /list-api-keys -> 200')), 'server saw the request');
    assert.ok(h.captured.some((l) => /GET http:\/\/127\.0\.0\.1:\d+\/list-api-keys -> 200 in \d+ ms \(req_pi_/.test(l)), 'client logged the request id');
  });

  it('401 for a revoked key, at once, with the request id from the header', async () => {
    const c = h.client();
    const created = await c.createKey('short-lived');
    const ids = (await c.listKeys()).keys.filter((k) => k.name === 'short-lived').map((k) => k.id);
    assert.equal(ids.length, 1);
    await c.revokeKey(ids[0]);
    const e = await fail(c.validate(created.secret));
    assert.equal(e.status, 401);
    assert.equal(e.nextStep, 'reenter-key');
    assert.match(e.requestId ?? '', /^req_pi_[0-9a-f-]{36}$/);
    assert.match(userMessage(e), /Pioneer rejected the key \(401\).*Sign in again.*Request id req_pi_/);
    await c.validate(); // the management key still works
  });

  it('401 for everything when the management key is revoked, without retrying', async () => {
    h.server.faults.unauthorizedAll = true;
    const e = await fail(h.client().listKeys());
    assert.equal(e.status, 401);
    assert.equal(h.server.stats.requests, 1);
  });

  it('no stored key: a clear error and no request at all', async () => {
    const e = await fail(h.client(PIONEER, { getKey: async () => undefined }).listKeys());
    assert.equal(e.code, 'no_key');
    assert.equal(e.nextStep, 'reenter-key');
    assert.equal(h.server.stats.requests, 0);
    const bad = await fail(h.client(PIONEER, { getKey: () => 'pio_sk_abc\r\nX-Evil: 1' }).listKeys());
    assert.equal(bad.code, 'invalid_key_format');
    assert.ok(!bad.message.includes('pio_sk_abc'));
  });

  it('402 out of credits -> billing with the resolution_url', async () => {
    h.server.state.accounts.get(h.accountId)!.credits = 0;
    const e = await fail(h.client().createKey('x'));
    assert.equal(e.status, 402);
    assert.equal(e.code, 'out_of_credits');
    assert.equal(e.nextStep, 'billing');
    assert.equal(e.link, `${h.server.url}/billing`);
    assert.match(userMessage(e), /no credits left \(402\).*\/billing/);
  });

  it('403 creation only from the dashboard -> use-dashboard with the dashboard link', async () => {
    h.server.faults.dashboardOnlyCreate = true;
    const e = await fail(h.client().createKey('x'));
    assert.equal(e.status, 403);
    assert.equal(e.nextStep, 'use-dashboard');
    assert.equal(e.link, PIONEER.dashboardUrl);
    assert.equal(e.message, 'API key creation is only allowed from the web dashboard');
    assert.equal(h.server.state.activeKeys(h.accountId).length, 1);
  });

  it('403 missing scope on a PG:AI-style x-api-key route with {"error": "..."} bodies', async () => {
    const narrow = h.server.state.addKey(h.accountId, { name: 'narrow', scopes: ['insights:*'] });
    const wide = h.server.state.addKey(h.accountId, { name: 'wide', scopes: ['accounts:read'] });
    const pgai: ProviderEntry = { ...PGAI, baseUrl: `${h.server.url}/v1` };
    const c = h.client(pgai, { baseUrl: undefined, getKey: () => narrow.secret });
    const e = await fail(c.validate());
    assert.equal(e.status, 403);
    assert.equal(e.nextStep, 'missing-scope');
    assert.match(e.message, /accounts:read/);
    await c.validate(wide.secret);
    const anon = await fail(h.client(pgai, { baseUrl: undefined, getKey: () => 'not-a-real-key-000000' }).validate());
    assert.equal(anon.message, 'Invalid API key.');
  });

  it('Bearer routes: Pinecall-style and Pi-style with the error envelope', async () => {
    const pinecall = h.client({ ...PINECALL, baseUrl: `${h.server.url}/v1` }, { baseUrl: undefined });
    await pinecall.validate();
    const pinecallBad = await fail(pinecall.validate('pk_wrong_0000000000000000'));
    assert.equal(pinecallBad.message, 'Invalid API key.');
    const pi: ProviderEntry = { ...PI, baseUrl: `${h.server.url}/pi/v1`, validate: { method: 'GET', path: '/whoami' } };
    await h.client(pi, { baseUrl: undefined }).validate();
    const e = await fail(h.client(pi, { baseUrl: undefined }).validate('pi_live_wrongwrongwrongwrong'));
    assert.equal(e.status, 401);
    assert.equal(e.code, 'invalid_api_key');
    assert.match(e.requestId ?? '', /^req_pi_/);
    // The key went in the header the entry names: the same key sent as x-api-key would be missing.
    const wrongStyle = await fail(h.client({ ...pi, auth: { style: 'header', header: 'x-api-key' } }, { baseUrl: undefined }).validate());
    assert.equal(wrongStyle.code, 'missing_authorization_header');
  });

  it('404 for an unknown key id', async () => {
    const e = await fail(h.client().revokeKey('key_doesnotexist'));
    assert.equal(e.status, 404);
    assert.equal(e.nextStep, 'not-found');
  });

  it('409 idempotency_key_mismatch; the same key and body replays without a second key', async () => {
    const c = h.client();
    const first = await c.createKey('one', { idempotencyKey: 'idem-1' });
    const replay = await c.createKey('one', { idempotencyKey: 'idem-1' });
    assert.equal(replay.secret, first.secret);
    assert.equal(h.server.state.activeKeys(h.accountId).length, 2);
    const e = await fail(c.createKey('two', { idempotencyKey: 'idem-1' }));
    assert.equal(e.status, 409);
    assert.equal(e.code, 'idempotency_key_mismatch');
    assert.equal(e.nextStep, 'conflict');
    assert.equal(h.server.state.activeKeys(h.accountId).length, 2);
  });

  it('429 with Retry-After seconds: waits at least that long, then succeeds', async () => {
    h.server.faults.throttle = 1;
    h.server.faults.throttleRetryAfter = 2;
    h.server.faults.throttleResetSec = 2;
    const list = await h.client().listKeys();
    assert.equal(list.keys.length, 1);
    assert.equal(h.delays.length, 1);
    assert.ok(h.delays[0] >= 1900 && h.delays[0] <= 2100, `waited ${h.delays[0]} ms`);
  });

  it('429 with an HTTP-date Retry-After, and with only X-RateLimit-Reset', async () => {
    h.server.faults.throttle = 1;
    h.server.faults.throttleRetryAfter = 'date';
    h.server.faults.throttleResetSec = 3;
    await h.client().listKeys();
    assert.ok(h.delays[0] >= 1000 && h.delays[0] <= 3100, `date: waited ${h.delays[0]} ms`);
    h.server.faults.throttle = 1;
    h.server.faults.throttleRetryAfter = 'none';
    h.server.faults.throttleResetSec = 2;
    await h.client().listKeys();
    assert.ok(h.delays[1] >= 900 && h.delays[1] <= 2100, `reset: waited ${h.delays[1]} ms`);
  });

  it('429 beyond the wait budget: no waiting, a wait error with retryAt', async () => {
    h.server.faults.throttle = 5;
    h.server.faults.throttleRetryAfter = 120;
    const before = Date.now();
    const e = await fail(h.client(PIONEER, { maxTotalWaitMs: 10_000 }).listKeys());
    assert.equal(e.status, 429);
    assert.equal(e.nextStep, 'wait');
    assert.ok(e.retryAt! >= before + 119_000 && e.retryAt! <= Date.now() + 121_000);
    assert.equal(h.delays.length, 0);
    assert.match(userMessage(e), /rate limit reached \(429\)\. Try again after \d\d:\d\d:\d\d UTC/);
  });

  it('real rate limiting: headers on every response, rateLimit() and onRateLimit follow them', async () => {
    await h.close();
    h = await setup('seed', { limit: 3, windowMs: 60_000 });
    const seen: number[] = [];
    const c = h.client(PIONEER, { retries: 0, onRateLimit: (s) => seen.push(s.remaining ?? -1) });
    await c.listKeys();
    await c.listKeys();
    assert.equal(c.rateLimit().limit, 3);
    assert.equal(c.rateLimit().remaining, 1);
    assert.ok(c.rateLimit().resetAt! > Date.now() && c.rateLimit().resetAt! <= Date.now() + 61_000);
    await c.listKeys();
    const e = await fail(c.listKeys());
    assert.equal(e.status, 429);
    assert.ok(e.retryAt! > Date.now());
    assert.deepEqual(seen, [2, 1, 0, 0]);
  });

  it('5xx burst then success; a longer burst gives retry-later quoting the request id', async () => {
    h.server.faults.serverErrors = 2;
    await h.client().listKeys();
    assert.equal(h.server.stats.requests, 3);
    assert.equal(h.delays.length, 2);
    assert.ok(h.delays[1] > 0);
    h.server.faults.serverErrors = 10;
    const e = await fail(h.client(PIONEER, { retries: 2 }).listKeys());
    assert.equal(e.status, 503);
    assert.equal(e.nextStep, 'retry-later');
    assert.match(userMessage(e), /server error \(503\).*Request id req_pi_/);
    assert.equal(h.server.stats.requests, 6);
  });

  it('an HTML 502 from a gateway is retried, then reported readably', async () => {
    h.server.faults.htmlErrors = 1;
    await h.client().listKeys();
    h.server.faults.htmlErrors = 1;
    const e = await fail(h.client(PIONEER, { retries: 0 }).listKeys());
    assert.equal(e.status, 502);
    assert.match(e.message, /HTML page/);
  });

  it('dropped connections then success', async () => {
    h.server.faults.dropBefore = 2;
    const list = await h.client().listKeys();
    assert.equal(list.keys.length, 1);
    assert.equal(h.server.stats.requests, 3);
    h.server.faults.dropBefore = 9;
    const e = await fail(h.client(PIONEER, { retries: 1 }).listKeys());
    assert.equal(e.status, 0);
    assert.equal(e.nextStep, 'retry-later');
    assert.match(userMessage(e), /Could not reach Pioneer/);
  });

  it('malformed JSON on a 200 -> report, never a crash; the next call works', async () => {
    h.server.faults.malformedJson = 1;
    const c = h.client();
    const e = await fail(c.listKeys());
    assert.equal(e.nextStep, 'report');
    assert.equal(e.code, 'malformed_response');
    assert.match(e.message, /key list was malformed JSON, not the JSON expected \(HTTP 200\)/);
    assert.match(e.requestId ?? '', /^req_pi_/);
    assert.equal((await c.listKeys()).keys.length, 1);
  });

  it('timeouts: a slow server and a small headers timeout give a network error, retried once', async () => {
    // undici's headers timer ticks at about 1 s, so the server is made much slower than that.
    h.server.faults.latencyMs = 4000;
    const e = await fail(h.client(PIONEER, { retries: 1, timeouts: { headers: 200 } }).listKeys());
    assert.equal(e.status, 0);
    assert.equal(e.code, 'UND_ERR_HEADERS_TIMEOUT');
    assert.equal(e.nextStep, 'retry-later');
    // The headers timer ended both attempts (UND_ERR_HEADERS_TIMEOUT): the slow answer was never awaited.
    assert.equal(h.delays.length, 1);
    assert.equal(h.server.stats.requests, 2);
  });

  it('an AbortSignal stops a create in flight', async () => {
    h.server.faults.latencyMs = 1000;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const e = await fail(h.client().createKey('cancelled', { signal: ac.signal }));
    // 'aborted', not a response: the signal ended the call before the server's 1 s answer.
    assert.equal(e.code, 'aborted');
  });

  it('a bad base URL is a clear error before any request', async () => {
    const e = await fail(h.client(PIONEER, { baseUrl: `http://example.com:${h.server.port}` }).listKeys());
    assert.equal(e.code, 'invalid_base_url');
    assert.equal(h.server.stats.requests, 0);
    const none = await fail(h.client({ ...PINECALL, baseUrl: undefined }, { baseUrl: undefined }).validate());
    assert.equal(none.code, 'no_base_url');
    const noMgmt = await fail(h.client({ ...PGAI, baseUrl: h.server.url }, { baseUrl: undefined }).listKeys());
    assert.equal(noMgmt.code, 'unsupported');
  });
});
