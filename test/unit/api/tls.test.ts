// http.proxyStrictSSL: false relaxes certificate checks on proxied connections only; a direct
// connection rejects a bad certificate whatever the setting, and the relaxation is announced once
// (issue 14 item 8). A real TLS server on loopback with a self-signed certificate made here.
import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { INSECURE_PROXY_WARNING, proxyingDispatcher, DEFAULT_TIMEOUTS } from '../../../client/src/api/dispatcher';
import { readProxy } from '../../../client/src/config';
import { makeProviderClient } from '../../../client/src/keys/clients';
import type { Log } from '../../../client/src/log';
import { PIONEER } from '../../../shared/providers/builtin';
import { startTestProxy, type TestProxy } from '../../server/proxy';
import { selfSignedCert, startTlsFront, type SelfSigned, type TlsFront } from '../../server/tls';
import { assertNoSecrets, captureLog, httpSettings, setup, type Harness } from './harness';

const REMOTE = 'tls.keyward-test.invalid';
const CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/;

describe('api client: TLS verification and http.proxyStrictSSL', () => {
  let cert: SelfSigned;
  let h: Harness;
  let front: TlsFront;
  let proxy: TestProxy;
  let lines: string[];
  let log: Log;
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
  before(() => {
    cert = selfSignedCert([REMOTE, '127.0.0.1', 'localhost']);
  });
  beforeEach(async () => {
    h = await setup('v2');
    front = await startTlsFront(h.server.port, cert);
    proxy = await startTestProxy({ route: { [`${REMOTE}:443`]: { host: '127.0.0.1', port: front.port } } });
    lines = [];
    log = captureLog(lines);
    for (const k of Object.keys(saved)) delete process.env[k];
  });
  afterEach(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    assertNoSecrets([...h.captured, ...lines, ...proxy.seen], h.allSecrets());
    await proxy.close();
    await front.close();
    await h.close();
  });

  /** The extension's path: user settings -> readProxy -> makeProviderClient. */
  function client(baseUrl: string, http: Record<string, unknown>) {
    const c = makeProviderClient({ provider: PIONEER, baseUrl, getKey: async () => h.mgmtKey, proxy: readProxy(httpSettings(http)), log });
    return { c, done: () => c.close() };
  }

  it('a direct connection rejects a self-signed certificate even with proxyStrictSSL: false', async () => {
    const { c, done } = client(`https://127.0.0.1:${front.port}`, { proxyStrictSSL: false });
    try {
      const e = await h.rejects<{ status: number; code: string }>(c.listKeys());
      assert.equal(e.status, 0);
      assert.match(e.code, CERT_ERRORS);
    } finally {
      await done();
    }
    assert.equal(h.server.stats.requests, 0, 'the key never reached the server');
    assert.equal(front.handshakes, 0);
    assert.ok(!lines.some((l) => l.includes(INSECURE_PROXY_WARNING)), 'no proxy, no warning');
  });

  it('through the proxy, proxyStrictSSL: false accepts the certificate and warns exactly once', async () => {
    const { c, done } = client(`https://${REMOTE}`, { proxy: proxy.url, proxyStrictSSL: false });
    try {
      await c.listKeys();
      await c.listKeys();
    } finally {
      await done();
    }
    assert.equal(h.server.stats.requests, 2);
    assert.deepEqual(proxy.seen.slice(0, 1), [`CONNECT ${REMOTE}:443`]);
    // Once per log (one per window), however many requests and clients.
    const again = client(`https://${REMOTE}`, { proxy: proxy.url, proxyStrictSSL: false });
    try {
      await again.c.listKeys();
    } finally {
      await again.done();
    }
    assert.equal(h.server.stats.requests, 3);
    assert.deepEqual(lines.filter((l) => l.startsWith('WARN ')), [`WARN ${INSECURE_PROXY_WARNING}`]);
  });

  it('through the proxy, proxyStrictSSL: true (the default) rejects the certificate', async () => {
    const { c, done } = client(`https://${REMOTE}`, { proxy: proxy.url });
    try {
      const e = await h.rejects<{ status: number; code: string }>(c.listKeys());
      assert.equal(e.status, 0);
      assert.match(e.code, CERT_ERRORS);
    } finally {
      await done();
    }
    assert.equal(proxy.counts.connect >= 1, true);
    assert.equal(h.server.stats.requests, 0);
  });

  it('the pool warns once per client and only when a proxied connection is made', async () => {
    const warned: string[] = [];
    const c = h.client(PIONEER, { baseUrl: `https://${REMOTE}`, proxy: proxy.url, proxyStrictSSL: false, warn: (m) => warned.push(m) });
    await h.client(PIONEER, { proxy: proxy.url, proxyStrictSSL: false, warn: (m) => warned.push(m) }).listKeys(); // loopback: direct, no warning
    assert.deepEqual(warned, []);
    await c.listKeys();
    await c.listKeys();
    assert.deepEqual(warned, [INSECURE_PROXY_WARNING]);
    assert.ok(!warned.join('').includes(proxy.url), 'the warning does not quote the proxy URL (it may hold credentials)');
  });

  it('the environment proxy dispatcher keeps verification for a NO_PROXY host (its direct agent ignores the relaxation)', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    process.env.NO_PROXY = '127.0.0.1';
    const d = proxyingDispatcher({ proxyStrictSSL: false }, DEFAULT_TIMEOUTS);
    try {
      await assert.rejects(request(`https://127.0.0.1:${front.port}/`, { dispatcher: d }), (e: Error & { code?: string }) => CERT_ERRORS.test(e.code ?? ''));
      assert.equal(proxy.counts.connect, 0, 'NO_PROXY host went direct');
      // ...while a proxied host is relaxed by the same dispatcher.
      const res = await request(`https://${REMOTE}/v2/keys`, { dispatcher: d });
      await res.body.text();
      assert.equal(proxy.counts.connect, 1);
    } finally {
      await d.close();
    }
  });
});
