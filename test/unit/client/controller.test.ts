// The API Keys controller with the real API client against the real loopback provider server, and
// the real KeyVault over an in-memory SecretStorage (VS Code's store, not ours, is what is replaced).
import assert from 'node:assert/strict';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import { isApiError, userMessage, validateBaseUrl, type ProviderClient } from '../../../client/src/api';
import { resolveBaseUrl } from '../../../client/src/config';
import { makeProviderClient } from '../../../client/src/keys/clients';
import { KeysController } from '../../../client/src/keys/controller';
import { buildTree, findNode } from '../../../client/src/keys/model';
import { findKeyForSecret } from '../../../client/src/keys/rotation';
import type { Log } from '../../../client/src/log';
import { createRedactor } from '../../../client/src/redact';
import { KeyVault } from '../../../client/src/secrets';
import { startProviderServer, type ProviderServer } from '../../server/providerServer';
import { MemorySecretStorage } from './memorySecrets';

describe('client/keys/controller (loopback provider server)', function () {
  this.timeout(20000);
  let server: ProviderServer;
  let storage: MemorySecretStorage;
  let vault: KeyVault;
  let lines: string[];
  let controller: KeysController<ProviderClient>;
  let mgmtSecret: string;
  let accountId: string;
  const ref = { provider: 'pioneer', account: 'default' };

  function make(url: string): KeysController<ProviderClient> {
    const redactor = createRedactor();
    const log: Log = {
      trace: (m) => lines.push(redactor.redact(m)),
      debug: (m) => lines.push(redactor.redact(m)),
      info: (m) => lines.push(redactor.redact(m)),
      warn: (m) => lines.push(redactor.redact(m)),
      error: (m) => lines.push(redactor.redact(String(m))),
    };
    return new KeysController<ProviderClient>({
      vault,
      providers: () => [...BUILTIN_PROVIDERS],
      baseUrl: (p: ProviderEntry) =>
        resolveBaseUrl(p, { key: `keyward.providers.${p.id}.baseUrl`, defaultValue: p.baseUrl ?? '', globalValue: p.id === 'pioneer' ? url : undefined }, validateBaseUrl),
      makeClient: (p, baseUrl, r, onRateLimit) =>
        makeProviderClient({ provider: p, baseUrl, getKey: () => vault.getAccountKey(r), proxy: { strictSSL: true }, log, onRateLimit }),
      describeError: (err) => ({ message: userMessage(err), nextStep: isApiError(err) ? err.nextStep : undefined, status: isApiError(err) ? err.status : undefined }),
      findOwnKey: (keys, secret) => findKeyForSecret(keys, secret)?.id,
      log,
    });
  }

  beforeEach(async () => {
    server = await startProviderServer({ shape: 'v2', rateLimit: { limit: 60, windowMs: 60_000 } });
    const { account, key } = server.addAccount();
    mgmtSecret = key.secret;
    accountId = account.id;
    for (const name of ['ci-pipeline', 'production-inference']) server.state.addKey(account.id, { name });
    storage = new MemorySecretStorage();
    vault = new KeyVault(storage);
    await vault.setAccountKey(ref, mgmtSecret);
    lines = [];
    controller = make(server.url);
  });
  afterEach(async () => {
    controller.dispose();
    await server.close();
  });

  it('reads accounts without any request until the keys are needed', async () => {
    await controller.reload();
    assert.equal(server.stats.requests, 0, 'activation and the welcome check send nothing');
    assert.equal(controller.account(ref)?.status, 'idle');
    const loading = findNode(buildTree(controller.state(), Date.now()), 'pioneer/default');
    assert.equal(loading?.children?.[0].kind, 'loading');
    await controller.ensureLoaded();
    assert.ok(server.stats.requests >= 1);
  });

  it('lists keys, finds its own key, and shows the rate limit left', async () => {
    await controller.ensureLoaded();
    const a = controller.account(ref);
    assert.equal(a?.status, 'loaded');
    assert.deepEqual(a?.keys?.map((k) => k.name).sort(), ['ci-pipeline', 'management', 'production-inference']);
    const own = a?.keys?.find((k) => k.name === 'management');
    assert.equal(a?.managementKeyId, own?.id, 'the signed-in key is recognised by its last digits');
    const node = findNode(buildTree(controller.state(), Date.now()), 'pioneer/default');
    assert.match(node?.description ?? '', /^\d+\/60 requests left, resets \d\d:\d\d$/);
    assert.match(findNode(node?.children, `pioneer/default/key/${own?.id}`)?.description ?? '', /in use by keyward/);
  });

  it('a rejected key turns the account into "Sign in again"', async () => {
    await controller.ensureLoaded();
    server.faults.unauthorizedAll = true;
    await controller.refresh(ref);
    assert.equal(controller.account(ref)?.status, 'reauth');
    const node = findNode(buildTree(controller.state(), Date.now()), 'pioneer/default');
    assert.equal(node?.description, 'Sign in again');
    assert.equal(node?.children?.[0].command?.command, 'keyward.signIn');
  });

  it('a 5xx burst beyond the retries and a dead server become error items with retry, then recover', async () => {
    await controller.ensureLoaded();
    server.faults.serverErrors = 20;
    await controller.refresh(ref);
    let a = controller.account(ref);
    assert.equal(a?.status, 'error');
    assert.match(a?.error?.message ?? '', /server error \(503\)/);
    assert.equal(a?.keys?.length, 3, 'the last good list stays visible');
    server.resetFaults();
    await controller.refresh(ref);
    assert.equal(controller.account(ref)?.status, 'loaded');

    const port = server.port;
    await server.close();
    await controller.refresh(ref);
    a = controller.account(ref);
    assert.equal(a?.status, 'error');
    assert.match(a?.error?.message ?? '', /Could not reach Pioneer/);
    const retry = findNode(buildTree(controller.state(), Date.now()), 'pioneer/default/error');
    assert.equal(retry?.command?.command, 'keyward.refreshKeys');
    server = await startProviderServer({ port, shape: 'v2' }); // so afterEach can close something
  });

  it('an insecure base URL is an error item, and no request is sent', async () => {
    controller.dispose();
    controller = make('http://example.com');
    await controller.ensureLoaded();
    assert.equal(server.stats.requests, 0);
    const roots = buildTree(controller.state(), Date.now());
    const err = findNode(roots, 'pioneer/baseUrlError');
    assert.equal(err?.command?.command, 'workbench.action.openSettings');
    assert.equal(controller.account(ref)?.status, 'error');
  });

  it('shows pending placeholders while work runs and keeps the list in step', async () => {
    await controller.ensureLoaded();
    const client = controller.client(ref)!;
    let seen: string | undefined;
    const created = await controller.withPending(ref, { kind: 'create', name: 'fresh' }, async () => {
      seen = findNode(buildTree(controller.state(), Date.now()), 'pioneer/default/creating/fresh')?.description;
      return client.createKey('fresh', { idempotencyKey: 'idem-1' });
    });
    assert.equal(seen, 'Creating…');
    assert.ok(created.id);
    controller.addKey(ref, { id: created.id!, name: created.name });
    await vault.storeKey(ref, created.id!, created.secret);
    controller.markStored(ref, created.id!);
    assert.equal(findNode(buildTree(controller.state(), Date.now()), `pioneer/default/key/${created.id}`)?.contextValue, 'key.stored');
    await controller.withPending(ref, { kind: 'revoke', keyId: created.id! }, () => client.revokeKey(created.id!));
    controller.removeKey(ref, created.id!);
    await controller.refresh(ref);
    assert.ok(!controller.account(ref)?.keys?.some((k) => k.id === created.id));
  });

  it('a reload racing a slow refresh keeps the refreshed list', async () => {
    await controller.ensureLoaded();
    server.state.addKey(accountId, { name: 'late' });
    server.faults.latencyMs = 150;
    await Promise.all([controller.refresh(ref), controller.reload()]);
    assert.ok(controller.account(ref)?.keys?.some((k) => k.name === 'late'), 'the refresh landed in the state the tree shows');
    assert.ok(findNode(buildTree(controller.state(), Date.now()), 'pioneer/default')?.children?.some((c) => c.label === 'late'));
  });

  it('never writes a key value to the log', async () => {
    await controller.ensureLoaded();
    server.faults.unauthorizedAll = true;
    await controller.refresh(ref);
    assert.ok(lines.length > 0);
    const all = lines.join('\n');
    assert.ok(!all.includes(mgmtSecret), 'management key leaked into the log');
    for (const acct of server.state.accounts.values()) for (const k of acct.keys) assert.ok(!all.includes(k.secret));
  });
});
