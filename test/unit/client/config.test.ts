import assert from 'node:assert/strict';
import { PIONEER, PI } from '../../../shared/providers/builtin';
import { validateBaseUrl } from '../../../client/src/api/baseUrl';
import { readProviders, readProxy, resolveBaseUrl, type ConfigReader, type InspectedValue } from '../../../client/src/config';

// inspect()-shaped objects, as vscode.WorkspaceConfiguration#inspect returns them.
const inspected = (v: Partial<InspectedValue<string>>): InspectedValue<string> => ({ key: 'keyward.providers.pioneer.baseUrl', ...v });
function reader(values: Record<string, Partial<InspectedValue<unknown>>>): ConfigReader {
  return { inspect: <T>(k: string) => (values[k] ? ({ key: k, ...values[k] } as InspectedValue<T>) : undefined) };
}

describe('client/config', () => {
  describe('resolveBaseUrl', () => {
    it('uses the declared default when the user set nothing', () => {
      const r = resolveBaseUrl(PIONEER, inspected({ defaultValue: 'https://api.pioneer.ai' }), validateBaseUrl);
      assert.deepEqual(r, { ok: true, url: 'https://api.pioneer.ai', source: 'default', redirected: false });
    });
    it('takes the user value, loopback http included, and marks it redirected', () => {
      const r = resolveBaseUrl(PIONEER, inspected({ defaultValue: 'https://api.pioneer.ai', globalValue: 'http://127.0.0.1:8787/' }), validateBaseUrl);
      assert.deepEqual(r, { ok: true, url: 'http://127.0.0.1:8787', source: 'user', redirected: true });
    });
    it('ignores workspace and folder values: a repo cannot redirect the key', () => {
      const r = resolveBaseUrl(
        PIONEER,
        inspected({ defaultValue: 'https://api.pioneer.ai', workspaceValue: 'https://evil.example', workspaceFolderValue: 'https://evil2.example' }),
        validateBaseUrl,
      );
      assert.equal(r.ok && r.url, 'https://api.pioneer.ai');
      assert.equal(r.ignoredWorkspaceValue, true, 'the attempt is reported');
      assert.equal(resolveBaseUrl(PIONEER, inspected({ defaultValue: 'https://api.pioneer.ai' }), validateBaseUrl).ignoredWorkspaceValue, undefined);
    });
    it('refuses plain http to another host with a clear message naming the setting', () => {
      const r = resolveBaseUrl(PIONEER, inspected({ globalValue: 'http://api.example.com' }), validateBaseUrl);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.settingId, 'keyward.providers.pioneer.baseUrl');
        assert.match(r.message, /keyward\.providers\.pioneer\.baseUrl is not usable: .*http:\/\//);
      }
      const bad = resolveBaseUrl(PIONEER, inspected({ globalValue: 'not a url' }), validateBaseUrl);
      assert.equal(bad.ok, false);
    });
    it('says when a provider has no base URL at all (Pi)', () => {
      const r = resolveBaseUrl(PI, inspected({ defaultValue: '' }), validateBaseUrl);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, /Pi has no API base URL/);
    });
    it('a custom provider uses its own machine-scoped base URL unless the user overrides it', () => {
      const [custom] = readProviders(reader({ customProviders: { globalValue: [{ id: 'acme', name: 'Acme', baseUrl: 'https://api.acme.test' }] } })).filter((p) => p.id === 'acme');
      assert.ok(custom);
      const r = resolveBaseUrl(custom, undefined, validateBaseUrl);
      assert.deepEqual(r, { ok: true, url: 'https://api.acme.test', source: 'custom-provider', redirected: false });
    });
  });

  describe('readProviders', () => {
    it('built-ins plus user custom providers; workspace values never count', () => {
      const ids = readProviders(
        reader({ customProviders: { defaultValue: [], globalValue: [{ id: 'acme', name: 'Acme' }], workspaceValue: [{ id: 'evil', name: 'Evil', baseUrl: 'https://evil.example' }] } }),
      ).map((p) => p.id);
      assert.deepEqual(ids, ['pioneer', 'pi', 'pinecall', 'pgai', 'acme']);
    });
    it('survives a broken setting', () => {
      assert.equal(readProviders(reader({ customProviders: { globalValue: 'nonsense' } })).length, 4);
      assert.equal(readProviders(reader({ customProviders: { globalValue: [42, null, { id: 'Bad Id', name: 'x' }] } })).length, 4);
    });
  });

  describe('readProxy', () => {
    it('http.proxy and http.noProxy from user settings, strict SSL by default', () => {
      assert.deepEqual(readProxy(reader({ proxy: { globalValue: 'http://proxy:3128' }, proxyStrictSSL: { defaultValue: true } })), {
        url: 'http://proxy:3128',
        strictSSL: true,
      });
      assert.deepEqual(readProxy(reader({ proxy: { globalValue: ' http://proxy:3128 ' }, noProxy: { globalValue: ['corp.example', 42, ' '] } })), {
        url: 'http://proxy:3128',
        noProxy: ['corp.example'],
        strictSSL: true,
      });
      assert.deepEqual(readProxy(reader({ proxy: { workspaceValue: 'http://evil:1' }, noProxy: { workspaceValue: ['*'] } })), { url: undefined, strictSSL: true });
    });
    it('HTTP(S)_PROXY is never promoted to an explicit proxy (issue 14 item 3: NO_PROXY must still apply)', () => {
      const saved = process.env.HTTPS_PROXY;
      process.env.HTTPS_PROXY = 'http://envproxy:8080';
      try {
        assert.deepEqual(readProxy(reader({ proxyStrictSSL: { globalValue: false } })), { url: undefined, strictSSL: false });
      } finally {
        if (saved === undefined) delete process.env.HTTPS_PROXY;
        else process.env.HTTPS_PROXY = saved;
      }
    });
  });
});
