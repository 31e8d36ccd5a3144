// The loopback server's own contract, checked with plain fetch so a client bug cannot hide a server bug.
import * as assert from 'node:assert/strict';
import { startProviderServer, type ProviderServer } from '../../server/providerServer';

describe('loopback provider server contract', () => {
  let s: ProviderServer;
  let key: string;
  const lines: string[] = [];
  beforeEach(async () => {
    s = await startProviderServer({ log: (l) => lines.push(l) });
    key = s.addAccount().key.secret;
  });
  afterEach(async () => {
    for (const l of lines) assert.ok(!l.includes(key), 'the server log has no key');
    lines.length = 0;
    await s.close();
  });
  const call = (path: string, init: RequestInit = {}) => fetch(`${s.url}${path}`, init);
  const auth = (extra: Record<string, string> = {}) => ({ 'X-API-Key': key, 'content-type': 'application/json', ...extra });

  it('listens on 127.0.0.1 with an ephemeral port; request id and rate-limit headers on every answer, errors included', async () => {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(s.port > 0);
    for (const res of [await call('/list-api-keys', { headers: auth() }), await call('/list-api-keys'), await call('/nope', { headers: auth() })]) {
      assert.match(res.headers.get('x-request-id') ?? '', /^req_pi_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.match(res.headers.get('x-ratelimit-limit') ?? '', /^\d+$/);
      assert.match(res.headers.get('x-ratelimit-reset') ?? '', /^\d{10}$/);
    }
    assert.equal(lines.length, 3);
  });

  it('mints pio_sk_ + 23 alphanumerics + _ + uuid (67 chars), seed delete is 204 with no body', async () => {
    const res = await call('/create-api-key', { method: 'POST', headers: auth(), body: '{"name":"n"}' });
    const body = (await res.json()) as { key: string; name: string; created_at: string };
    assert.deepEqual(Object.keys(body).sort(), ['created_at', 'key', 'name']);
    assert.match(body.key, /^pio_sk_[A-Za-z0-9]{23}_[0-9a-f-]{36}$/);
    assert.equal(body.key.length, 67);
    const list = (await (await call('/list-api-keys', { headers: auth() })).json()) as { keys: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(list.keys[1]).sort(), ['created_at', 'id', 'name']);
    const del = await call('/delete-api-key', { method: 'DELETE', headers: auth(), body: JSON.stringify({ key_id: list.keys[1].id }) });
    assert.equal(del.status, 204);
    assert.equal(await del.text(), '');
    const revoked = await call('/list-api-keys', { headers: { 'X-API-Key': body.key } });
    assert.equal(revoked.status, 401);
    assert.deepEqual(await revoked.json(), { detail: 'Invalid API key.' });
  });

  it('v2 shape: secret_key, masked list with count, delete 200 {success, message}', async () => {
    s.options.shape = 'v2';
    const created = (await (await call('/create-api-key', { method: 'POST', headers: auth(), body: '{"name":"n"}' })).json()) as Record<string, string>;
    assert.deepEqual(Object.keys(created).sort(), ['api_key_last_digits', 'created_at', 'expires_at', 'id', 'name', 'secret_key']);
    const list = (await (await call('/list-api-keys', { headers: auth() })).json()) as { keys: Array<Record<string, unknown>>; count: number };
    assert.equal(list.count, 2);
    assert.ok(!JSON.stringify(list).includes(created.secret_key));
    assert.deepEqual(Object.keys(list.keys[1]).sort(), ['api_key_last_digits', 'created_at', 'expires_at', 'id', 'last_used_at', 'name']);
    const del = await call('/delete-api-key', { method: 'DELETE', headers: auth(), body: JSON.stringify({ key_id: created.id }) });
    assert.deepEqual([del.status, await del.json()], [200, { success: true, message: 'API key revoked.' }]);
  });

  it('422 FastAPI-style detail for a missing name; 409 envelope for a reused Idempotency-Key; 413 for a huge body', async () => {
    const bad = await call('/create-api-key', { method: 'POST', headers: auth(), body: '{}' });
    assert.equal(bad.status, 422);
    assert.deepEqual(await bad.json(), { detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }] });
    await call('/create-api-key', { method: 'POST', headers: auth({ 'Idempotency-Key': 'k1' }), body: '{"name":"a"}' });
    const clash = await call('/create-api-key', { method: 'POST', headers: auth({ 'Idempotency-Key': 'k1' }), body: '{"name":"b"}' });
    assert.equal(clash.status, 409);
    const env = (await clash.json()) as { error: { code: string; type: string; message: string; request_id: string } };
    assert.equal(env.error.code, 'idempotency_key_mismatch');
    assert.equal(env.error.request_id, clash.headers.get('x-request-id'));
    const huge = await call('/create-api-key', { method: 'POST', headers: auth(), body: JSON.stringify({ name: 'x'.repeat(100_000) }) });
    assert.equal(huge.status, 413);
  });

  it('rate limit: 429 with Retry-After once the window is used up', async () => {
    s.options.rateLimit = { limit: 2, windowMs: 60_000 };
    const statuses: Array<[number, string | null, string | null]> = [];
    for (let i = 0; i < 3; i++) {
      const r = await call('/list-api-keys', { headers: auth() });
      statuses.push([r.status, r.headers.get('x-ratelimit-remaining'), r.headers.get('retry-after')]);
    }
    assert.deepEqual(statuses.slice(0, 2), [
      [200, '1', null],
      [200, '0', null],
    ]);
    assert.equal(statuses[2][0], 429);
    assert.ok(Number(statuses[2][2]) >= 1 && Number(statuses[2][2]) <= 60, `Retry-After ${statuses[2][2]}`);
  });
});
