import assert from 'node:assert/strict';
import { BUILTIN_PROVIDERS, PIONEER, PI } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import type { KeyInfo } from '../../../client/src/api/types';
import { clockTime, expiryState, maskedId, rateLimitText, relativeTime } from '../../../client/src/keys/format';
import { buildTree, findNode, keyNode, PAGE_SIZE, type AccountState, type ProviderState, type TreeNode } from '../../../client/src/keys/model';
import { validateAccountLabel, validateKeyName } from '../../../client/src/keys/naming';

const NOW = new Date(2026, 10, 23, 14, 0, 0).getTime();
const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

function account(over: Partial<AccountState> = {}): AccountState {
  return { provider: 'pioneer', account: 'default', status: 'loaded', shown: PAGE_SIZE, pending: [], storedKeyIds: new Set(), keys: [], ...over };
}
function providers(accounts: Partial<Record<string, AccountState[]>>): ProviderState[] {
  return BUILTIN_PROVIDERS.map((p: ProviderEntry) => ({
    provider: p,
    baseUrl: p.baseUrl ? { ok: true as const, url: p.baseUrl, source: 'default' as const, redirected: false } : { ok: false as const, settingId: `keyward.providers.${p.id}.baseUrl`, message: `${p.name} has no API base URL.` },
    accounts: accounts[p.id] ?? [],
  }));
}
const child = (n: TreeNode | undefined, kind: string) => n?.children?.find((c) => c.kind === kind);

describe('client/keys/model', () => {
  describe('formatting', () => {
    it('relative times in both directions', () => {
      assert.equal(relativeTime(iso(NOW - 10_000), NOW), 'just now');
      assert.equal(relativeTime(iso(NOW - 3 * DAY), NOW), '3 days ago');
      assert.equal(relativeTime(iso(NOW - DAY), NOW), 'yesterday');
      assert.equal(relativeTime(iso(NOW + 2 * 3600_000), NOW), 'in 2 hours');
      assert.equal(relativeTime(iso(NOW - 90 * DAY), NOW), '3 months ago');
      assert.equal(relativeTime(String(Math.floor((NOW - 5 * 60_000) / 1000)), NOW), '5 minutes ago');
      assert.equal(relativeTime('not a date', NOW), undefined);
      assert.equal(relativeTime(undefined, NOW), undefined);
    });
    it('clock time: HH:MM today, with the date otherwise', () => {
      assert.equal(clockTime(new Date(2026, 10, 23, 14, 5).getTime(), NOW), '14:05');
      assert.equal(clockTime(new Date(2026, 10, 24, 9, 7).getTime(), NOW), 'Nov 24 09:07');
    });
    it('rate limit text', () => {
      const resetAt = new Date(2026, 10, 23, 14, 5).getTime();
      assert.equal(rateLimitText({ limit: 60, remaining: 42, resetAt }, NOW), '42/60 requests left, resets 14:05');
      assert.equal(rateLimitText({ remaining: 3 }, NOW), '3 requests left');
      assert.equal(rateLimitText({ limit: 60, remaining: 60, resetAt: NOW - 1000 }, NOW), '60/60 requests left');
      assert.equal(rateLimitText({ limit: 60 }, NOW), undefined);
      assert.equal(rateLimitText(undefined, NOW), undefined);
    });
    it('masks: last digits, preview, short id', () => {
      assert.equal(maskedId({ id: 'k1', name: 'a', lastDigits: 'a1b2' }), '…a1b2');
      assert.equal(maskedId({ id: 'k1', name: 'a', preview: 'pio_sk_…a1b2' }), 'pio_sk_…a1b2');
      assert.equal(maskedId({ id: '0123456789abcdef', name: 'a' }), 'id 01234567…');
      assert.equal(maskedId({ id: 'k1', name: 'a' }), 'id k1');
    });
    it('expiry states', () => {
      const k = (expiresAt?: string): KeyInfo => ({ id: 'x', name: 'x', expiresAt });
      assert.equal(expiryState(k(), NOW), 'none');
      assert.equal(expiryState(k(iso(NOW - 1000)), NOW), 'expired');
      assert.equal(expiryState(k(iso(NOW + 2 * DAY)), NOW), 'expiring');
      assert.equal(expiryState(k(iso(NOW + 60 * DAY)), NOW), 'ok');
    });
    it('validates key names and account labels', () => {
      assert.equal(validateKeyName('backend-prod'), undefined);
      assert.match(validateKeyName('   ') ?? '', /Enter a name/);
      assert.match(validateKeyName('x'.repeat(65)) ?? '', /64/);
      assert.equal(validateKeyName('x'.repeat(64)), undefined);
      assert.match(validateKeyName('bad\u0007name') ?? '', /control/);
      assert.match(validateKeyName('tab\tname') ?? '', /control/);
      assert.equal(validateAccountLabel('default'), undefined);
      assert.equal(validateAccountLabel('work@acme'), undefined);
      assert.ok(validateAccountLabel('a/b'));
      assert.ok(validateAccountLabel(''));
    });
  });

  describe('key items', () => {
    const key: KeyInfo = { id: 'key_123', name: 'ci', createdAt: iso(NOW - 2 * DAY), lastDigits: '9f3a' };
    it('label, description, icon and context value', () => {
      const n = keyNode(account({ keys: [key] }), key, NOW);
      assert.equal(n.label, 'ci');
      assert.equal(n.description, '…9f3a · created 2 days ago');
      assert.equal(n.icon, 'key');
      assert.equal(n.contextValue, 'key');
      assert.deepEqual(n.ref, { provider: 'pioneer', account: 'default', keyId: 'key_123' });
      assert.match(n.tooltip ?? '', /ID: `key_123`/);
      assert.match(n.tooltip ?? '', /Created: 2 days ago/);
    });
    it('key.stored when the value is in SecretStorage; warning icon when expiring', () => {
      const k = { ...key, expiresAt: iso(NOW + DAY) };
      const n = keyNode(account({ storedKeyIds: new Set(['key_123']) }), k, NOW);
      assert.equal(n.contextValue, 'key.stored');
      assert.equal(n.icon, 'warning');
      assert.match(n.description ?? '', /expires tomorrow/);
    });
    it('a revoke in flight turns the item into a spinner without menus', () => {
      const n = keyNode(account({ pending: [{ kind: 'revoke', keyId: 'key_123' }] }), key, NOW);
      assert.equal(n.icon, 'loading~spin');
      assert.equal(n.description, 'Revoking…');
      assert.equal(n.contextValue, 'pending');
    });
    it('escapes Markdown in provider-supplied names', () => {
      const n = keyNode(account(), { id: 'k', name: '[click](http://evil)' }, NOW);
      assert.ok(!(n.tooltip ?? '').includes('[click](http://evil)'));
    });
  });

  describe('tree', () => {
    it('is empty while nobody is signed in (the welcome view shows)', () => {
      assert.deepEqual(buildTree(providers({}), NOW), []);
    });
    it('provider → account → keys, with the rate limit on the account', () => {
      const keys: KeyInfo[] = [
        { id: 'a', name: 'one', createdAt: iso(NOW - DAY) },
        { id: 'b', name: 'two' },
      ];
      const resetAt = new Date(2026, 10, 23, 14, 5).getTime();
      const roots = buildTree(providers({ pioneer: [account({ keys, rateLimit: { limit: 60, remaining: 42, resetAt } })] }), NOW);
      assert.equal(roots[0].label, 'Pioneer');
      assert.equal(roots[0].collapsible, 'expanded');
      assert.ok(roots.slice(1).every((r) => r.collapsible === 'collapsed'), 'providers not in use fold away');
      assert.equal(roots[0].contextValue, 'provider');
      const acc = findNode(roots, 'pioneer/default');
      assert.equal(acc?.contextValue, 'account');
      assert.equal(acc?.description, '42/60 requests left, resets 14:05');
      assert.deepEqual(acc?.children?.map((c) => c.label), ['one', 'two']);
      // Providers without management offer to store a key; Pi has no base URL and says so.
      const pi = roots.find((r) => r.ref.provider === 'pi');
      assert.ok(child(pi, 'storeKey'));
      assert.equal(child(pi, 'error')?.contextValue, 'error.settings');
      assert.equal(child(pi, 'error')?.command?.command, 'workbench.action.openSettings');
      assert.deepEqual(child(pi, 'error')?.command?.args, ['keyward.providers.pi.baseUrl']);
    });
    it('a creating placeholder, an empty hint, errors with retry and re-sign-in on 401', () => {
      let acc = findNode(buildTree(providers({ pioneer: [account({ pending: [{ kind: 'create', name: 'new' }] })] }), NOW), 'pioneer/default');
      assert.equal(acc?.children?.[0].description, 'Creating…');
      assert.equal(acc?.children?.[0].icon, 'loading~spin');
      acc = findNode(buildTree(providers({ pioneer: [account()] }), NOW), 'pioneer/default');
      assert.equal(acc?.children?.[0].kind, 'empty');
      acc = findNode(buildTree(providers({ pioneer: [account({ status: 'error', keys: undefined, error: { message: 'Pioneer: server error (request req_1)' } })] }), NOW), 'pioneer/default');
      const err = child(acc, 'error');
      assert.equal(err?.icon, 'error');
      assert.equal(err?.contextValue, 'error');
      assert.equal(err?.command?.command, 'keyward.refreshKeys');
      acc = findNode(buildTree(providers({ pioneer: [account({ status: 'reauth', error: { message: 'Invalid API key' } })] }), NOW), 'pioneer/default');
      assert.equal(acc?.description, 'Sign in again');
      assert.equal(acc?.contextValue, 'account.reauth');
      const again = child(acc, 'signIn');
      assert.equal(again?.command?.command, 'keyward.signIn');
      assert.deepEqual(again?.command?.args, [{ provider: 'pioneer', account: 'default' }]);
    });
    it('pages long lists with Load more, and points to the dashboard when the API holds back', () => {
      const keys = Array.from({ length: PAGE_SIZE + 7 }, (_, i) => ({ id: `k${i}`, name: `key ${i}` }));
      let acc = findNode(buildTree(providers({ pioneer: [account({ keys })] }), NOW), 'pioneer/default');
      assert.equal(acc?.children?.length, PAGE_SIZE + 1);
      const more = child(acc, 'loadMore');
      assert.equal(more?.description, '7 more keys');
      assert.equal(more?.contextValue, 'loadMore');
      acc = findNode(buildTree(providers({ pioneer: [account({ keys, shown: PAGE_SIZE * 2 })] }), NOW), 'pioneer/default');
      assert.equal(acc?.children?.length, PAGE_SIZE + 7);
      acc = findNode(buildTree(providers({ pioneer: [account({ keys: keys.slice(0, 3), count: 10 })] }), NOW), 'pioneer/default');
      assert.equal(child(acc, 'moreOnDashboard')?.label, '7 more keys on the dashboard');
    });
    it('a store-only provider account shows the stored secret, not management actions', () => {
      const roots = buildTree(providers({ pinecall: [account({ provider: 'pinecall', keys: undefined, status: 'idle' })] }), NOW);
      const acc = findNode(roots, 'pinecall/default');
      assert.equal(acc?.contextValue, 'account.store');
      assert.equal(acc?.children?.[0].contextValue, 'secret.stored');
      assert.equal(acc?.children?.[0].label, 'PINECALL_API_KEY');
      assert.equal(roots[0].ref.provider, 'pinecall', 'providers with accounts come first');
    });
    it('shows a redirected base URL on the provider', () => {
      const ps = providers({ pioneer: [account()] });
      ps[0].baseUrl = { ok: true, url: 'http://127.0.0.1:8787', source: 'user', redirected: true };
      assert.equal(buildTree(ps, NOW)[0].description, 'via 127.0.0.1:8787');
      ps[0].baseUrl = { ok: true, url: 'https://api.pioneer.ai', source: 'default', redirected: false, ignoredWorkspaceValue: true };
      assert.match(buildTree(ps, NOW)[0].tooltip ?? '', /workspace's settings try to change the API URL: ignored/);
    });
    it('ids are stable across builds', () => {
      const a = buildTree(providers({ pioneer: [account({ keys: [{ id: 'x', name: 'x' }] })] }), NOW);
      const b = buildTree(providers({ pioneer: [account({ keys: [{ id: 'y', name: 'y' }, { id: 'x', name: 'x' }] })] }), NOW + 1000);
      assert.ok(findNode(a, 'pioneer/default/key/x'));
      assert.ok(findNode(b, 'pioneer/default/key/x'));
      assert.equal(PI.id, 'pi');
      assert.equal(PIONEER.management?.list?.path, '/list-api-keys');
    });
  });
});
