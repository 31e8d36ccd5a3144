// Both Pioneer response shapes, idempotent create under retries, and unexpected bodies.
import * as assert from 'node:assert/strict';
import { ApiError, userMessage } from '../../../client/src/api/errors';
import { findKeyForSecret } from '../../../client/src/keys/rotation';
import { PINECALL, PIONEER } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import { assertNoSecrets, setup, type Harness } from './harness';

for (const shape of ['seed', 'v2'] as const) {
  describe(`api client: Pioneer ${shape} shape`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await setup(shape);
    });
    afterEach(async () => {
      assertNoSecrets(h.captured, h.allSecrets());
      await h.close();
    });

    it('create -> list -> revoke round trip', async () => {
      const c = h.client();
      const created = await c.createKey('ci-pipeline');
      assert.match(created.secret, /^pio_sk_[A-Za-z0-9]{23}_[0-9a-f-]{36}$/);
      assert.equal(created.name, 'ci-pipeline');
      assert.ok(created.createdAt && !Number.isNaN(Date.parse(created.createdAt)));
      if (shape === 'v2') {
        assert.match(created.id ?? '', /^key_/);
        assert.equal(created.lastDigits, created.secret.slice(-4));
      } else {
        assert.equal(created.id, undefined, 'the seed shape has no id');
      }
      await c.validate(created.secret);

      const list = await c.listKeys();
      const item = list.keys.find((k) => k.name === 'ci-pipeline');
      assert.ok(item);
      if (shape === 'v2') {
        assert.equal(list.count, 2);
        assert.equal(item.lastDigits, created.secret.slice(-4));
        assert.ok(item.lastUsedAt, 'validate used the key');
        assert.equal(item.expiresAt, undefined);
      } else {
        assert.equal(list.count, undefined);
        assert.equal(item.lastDigits, undefined);
      }
      assert.ok(!JSON.stringify(list).includes(created.secret), 'the list is masked');

      await c.revokeKey(item.id);
      assert.equal(h.server.state.isActive(created.secret), false);
      assert.equal((await c.listKeys()).keys.length, 1);
    });

    it('a dropped connection after the server created the key: the retry replays, exactly one new key', async () => {
      h.server.faults.dropAfter = 1;
      h.server.faults.paths = ['/create-api-key'];
      const c = h.client();
      const before = h.server.state.activeKeys(h.accountId).length;
      const created = await c.createKey('retry-safe');
      const after = h.server.state.activeKeys(h.accountId);
      assert.equal(after.length, before + 1, 'exactly one new key');
      assert.equal(after.filter((k) => k.name === 'retry-safe')[0].secret, created.secret, 'the replay is the key the server holds');
      assert.equal(h.server.stats.byPath['/create-api-key'], 2);
      assert.equal(h.delays.length, 1);
    });

    it('5xx then dropped connection then 429 on create: still exactly one key', async () => {
      h.server.faults.serverErrors = 1;
      h.server.faults.dropAfter = 1;
      h.server.faults.throttle = 1;
      h.server.faults.throttleRetryAfter = 1;
      h.server.faults.paths = ['/create-api-key'];
      const before = h.server.state.activeKeys(h.accountId).length;
      await h.client(PIONEER, { retries: 4 }).createKey('stubborn');
      assert.equal(h.server.state.activeKeys(h.accountId).length, before + 1);
      assert.equal(h.server.stats.byPath['/create-api-key'], 4);
    });

    it('without an idempotent create endpoint a failed create is not retried', async () => {
      const noIdem: ProviderEntry = { ...PIONEER, management: { ...PIONEER.management, create: { ...PIONEER.management!.create!, idempotent: false } } };
      h.server.faults.dropAfter = 1;
      h.server.faults.paths = ['/create-api-key'];
      const e = await h.rejects<ApiError>(h.client(noIdem).createKey('once'));
      assert.equal(e.status, 0);
      assert.equal(h.server.stats.byPath['/create-api-key'], 1, 'one attempt only: a retry could mint a second key');
    });

    it('revoke whose answer is lost is retried and a 404 then counts as done', async () => {
      const c = h.client();
      const k = h.server.state.addKey(h.accountId, { name: 'to-revoke' });
      h.server.faults.dropAfter = 1;
      h.server.faults.paths = ['/delete-api-key'];
      await c.revokeKey(k.id);
      assert.equal(h.server.state.isActive(k.secret), false);
      assert.equal(h.server.stats.byPath['/delete-api-key'], 2);
    });
  });
}

describe('api client: unexpected bodies become report errors, never crashes or leaks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await setup('v2');
  });
  afterEach(async () => {
    await h.close();
  });
  const cases: Array<{ name: string; op: 'list' | 'create'; body: string; contentType?: string; expect: RegExp }> = [
    { name: 'keys is not an array', op: 'list', body: '{"keys": {"id": "k"}}', expect: /"keys" is an object, expected an array/ },
    { name: 'keys missing', op: 'list', body: '{"items": []}', expect: /"keys" is missing, expected an array/ },
    { name: 'an item without id', op: 'list', body: '{"keys": [{"name": "x"}]}', expect: /key #1 of the list has no id/ },
    { name: 'a date of the wrong type', op: 'list', body: '{"keys": [{"id": "k", "name": "x", "created_at": {"t": 1}}]}', expect: /"created_at" is an object, expected a date/ },
    { name: 'count not a number', op: 'list', body: '{"keys": [], "count": "2"}', expect: /"count" is a string, expected a count/ },
    { name: 'a JSON array', op: 'list', body: '[]', expect: /key list is an array, expected a JSON object/ },
    { name: 'an HTML 200', op: 'list', body: '<html>login</html>', contentType: 'text/html', expect: /key list was an HTML page, not the JSON expected/ },
    { name: 'an empty 200', op: 'list', body: '', expect: /key list was an empty body, not the JSON expected/ },
    { name: 'create without a secret', op: 'create', body: '{"id": "key_1", "name": "x"}', expect: /no key value \(looked for key, secret_key, api_key\)/ },
    { name: 'create with a numeric secret', op: 'create', body: '{"secret_key": 12345, "name": "x"}', expect: /"secret_key" is a number, expected a non-empty string/ },
  ];
  for (const t of cases) {
    it(t.name, async () => {
      h.server.faults.scripted.push({ status: 200, body: t.body, contentType: t.contentType });
      const c = h.client();
      const e = await h.rejects<ApiError>(t.op === 'list' ? c.listKeys() : c.createKey('x'));
      assert.ok(e instanceof ApiError);
      assert.equal(e.nextStep, 'report');
      assert.match(e.message, t.expect);
      assert.match(userMessage(e), /could not read.*Please report this\. Request id req_pi_/);
    });
  }

  it('a wrong-typed field that holds a secret is named, its value never shown', async () => {
    const secret = 'pio_sk_AAAAAAAAAAAAAAAAAAAAAAA_11111111-2222-3333-4444-555555555555';
    h.server.faults.scripted.push({ status: 200, body: JSON.stringify({ keys: [{ id: 'k1', name: { value: secret } }] }) });
    const e = await h.rejects<ApiError>(h.client().listKeys());
    assert.match(e.message, /"name" is an object/);
    assert.ok(!e.message.includes(secret) && !userMessage(e).includes(secret));
  });

  it('an error body echoing the key sent is scrubbed', async () => {
    h.server.faults.scripted.push({ status: 400, body: JSON.stringify({ detail: `bad key ${h.mgmtKey}` }) });
    const e = await h.rejects<ApiError>(h.client().listKeys());
    assert.equal(e.nextStep, 'fix-request');
    assert.ok(!e.message.includes(h.mgmtKey));
    assert.match(e.message, /bad key pio_sk_\u2026\[\d+ chars\]/);
  });

  it('a redirect is never followed with the key', async () => {
    h.server.faults.scripted.push({ status: 307, body: '', headers: { location: 'https://elsewhere.example/list-api-keys' } });
    const e = await h.rejects<ApiError>(h.client().listKeys());
    assert.equal(e.status, 307);
    assert.equal(e.nextStep, 'fix-request');
    assert.match(e.message, /redirected to https:\/\/elsewhere\.example\/list-api-keys; keyward does not send keys through redirects/);
    assert.equal(h.server.stats.requests, 1);
  });

  it('an oversized body is refused, not buffered without end', async () => {
    h.server.faults.scripted.push({ status: 200, body: JSON.stringify({ keys: Array.from({ length: 5000 }, (_, i) => ({ id: `k${i}`, name: 'x'.repeat(50) })) }) });
    const e = await h.rejects<ApiError>(h.client(PIONEER, { maxBodyBytes: 64 * 1024 }).listKeys());
    assert.equal(e.nextStep, 'report');
    assert.match(e.message, /larger than 64 KiB/);
  });
});

describe('api client: a provider that is only data (Pinecall-style management on another host)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await setup('seed');
  });
  afterEach(async () => {
    assertNoSecrets(h.captured, h.allSecrets());
    await h.close();
  });

  it('lists and creates through absolute endpoint URLs, Bearer auth and camelCase fields', async () => {
    const playground = h.server.url; // stands in for https://playground.pinecall.io
    const entry: ProviderEntry = {
      ...PINECALL,
      baseUrl: `${h.server.url}/v1`,
      management: {
        create: { method: 'POST', path: `${playground}/api/keys`, nameField: 'name', secretFields: ['key'], idFields: ['id'], idempotent: false },
        list: {
          method: 'GET',
          path: `${playground}/api/keys`,
          itemsField: 'keys',
          idFields: ['id'],
          nameFields: ['name'],
          createdFields: ['createdAt'],
          lastUsedFields: ['lastUsedAt'],
          expiresFields: [],
          lastDigitsFields: [],
          previewFields: ['keyPreview'],
        },
      },
    };
    const c = h.client(entry, { baseUrl: undefined });
    const created = await c.createKey('voice-agent');
    assert.match(created.secret, /^pk_[0-9a-f]{32}$/);
    assert.equal(created.id, undefined);
    await c.validate(created.secret);
    const list = await c.listKeys();
    const mine = list.keys.find((k) => k.name === 'voice-agent');
    assert.ok(mine?.preview?.startsWith('pk_') && mine.lastUsedAt);
    assert.equal(findKeyForSecret(list.keys, created.secret)?.name, 'voice-agent');
    const e = await h.rejects<ApiError>(h.client({ ...entry, management: { ...entry.management, list: { ...entry.management!.list!, path: 'http://example.com/api/keys' } } }).listKeys());
    assert.equal(e.code, 'invalid_endpoint_url');
  });
});
