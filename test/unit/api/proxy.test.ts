// Proxies: an explicit proxy carries every request; the environment proxy never carries loopback.
import * as assert from 'node:assert/strict';
import { PIONEER } from '../../../shared/providers/builtin';
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

  it('HTTPS_PROXY carries a remote host, NO_PROXY exempts it', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    const remote = { ...PIONEER, baseUrl: 'https://api.keyward-test.invalid' };
    // The proxy cannot reach the made-up host, but it is asked to: that is what this proves.
    const viaProxy = await h.rejects<{ status: number }>(h.client(remote, { baseUrl: undefined, retries: 0 }).listKeys());
    assert.equal(viaProxy.status, 0);
    assert.deepEqual(proxy.seen, ['CONNECT api.keyward-test.invalid:443']);
    process.env.NO_PROXY = 'keyward-test.invalid';
    await h.rejects(h.client(remote, { baseUrl: undefined, retries: 0, timeouts: { connect: 2000 } }).listKeys());
    assert.equal(proxy.seen.length, 1, 'NO_PROXY host went direct');
  });

  it('a proxy that drops every CONNECT cannot hang a call: the attempt deadline ends it', async () => {
    const blackHole = await startTestProxy({ dropConnect: true });
    process.env.HTTPS_PROXY = blackHole.url;
    const e = await h.rejects<{ status: number; code: string }>(
      h.client({ ...PIONEER, baseUrl: 'https://api.keyward-test.invalid' }, { baseUrl: undefined, retries: 0, timeouts: { total: 1500 } }).listKeys(),
    );
    await blackHole.close();
    assert.equal(e.status, 0);
    // ATTEMPT_TIMEOUT is the deadline's own error: the call ended by it, not by the proxy (no clock needed).
    assert.equal(e.code, 'ATTEMPT_TIMEOUT');
    assert.ok(blackHole.counts.connect >= 1);
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
