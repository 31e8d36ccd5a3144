// Proxies: an explicit proxy carries every request; the environment proxy never carries loopback.
import * as assert from 'node:assert/strict';
import { PIONEER } from '../../../server/src/providers/builtin';
import { startTestProxy, type TestProxy } from '../../server/proxy';
import { assertNoSecrets, setup, type Harness } from './harness';

describe('api client: proxies', () => {
  let h: Harness;
  let proxy: TestProxy;
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
  beforeEach(async () => {
    h = await setup('v2');
    proxy = await startTestProxy();
  });
  afterEach(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    assertNoSecrets([...h.captured, ...proxy.seen], h.allSecrets());
    await h.close();
    await proxy.close();
  });

  it('an explicit proxy (VS Code http.proxy) carries list, create and revoke', async () => {
    const c = h.client(PIONEER, { proxy: proxy.url });
    const created = await c.createKey('via-proxy');
    const list = await c.listKeys();
    await c.revokeKey(created.id!);
    assert.equal(list.keys.length, 2);
    const through = proxy.counts.connect + proxy.counts.forward;
    assert.ok(through >= 1, `the proxy saw ${through} connections`);
    assert.ok(proxy.seen.every((l) => l.includes(`127.0.0.1:${h.server.port}`)));
    assert.equal(h.server.state.isActive(created.secret), false);
  });

  it('HTTP(S)_PROXY from the environment is bypassed for loopback', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.HTTPS_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    await h.client().listKeys();
    assert.equal(proxy.counts.connect + proxy.counts.forward, 0);
  });

  it('a broken proxy setting is a clear error, not a request without it', async () => {
    const e = await h.rejects<{ code: string; nextStep: string }>(h.client(PIONEER, { proxy: 'socks9://nowhere' }).listKeys());
    assert.equal(e.code, 'invalid_proxy');
    assert.equal(h.server.stats.requests, 0);
  });

  it('an unreachable proxy is a network error (status 0), retried then reported', async () => {
    const dead = await startTestProxy();
    const url = dead.url;
    await dead.close();
    const e = await h.rejects<{ status: number; nextStep: string }>(h.client(PIONEER, { proxy: url, retries: 1 }).listKeys());
    assert.equal(e.status, 0);
    assert.equal(e.nextStep, 'retry-later');
    assert.equal(h.server.stats.requests, 0);
  });
});
