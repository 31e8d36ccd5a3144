import assert from 'node:assert/strict';
import { KeyVault, keySlot, managementSlot } from '../../../client/src/secrets';
import { MemorySecretStorage } from './memorySecrets';

const A = { provider: 'pioneer', account: 'default' };
const B = { provider: 'pioneer', account: 'work' };

describe('client/secrets KeyVault', () => {
  it('names slots by provider and account', () => {
    assert.equal(managementSlot(A), 'keyward.pioneer.default.management');
    assert.equal(keySlot(A, 'key_1'), 'keyward.pioneer.default.key.key_1');
  });

  it('indexes accounts and keys, and sign-out forgets every value of that account only', async () => {
    const s = new MemorySecretStorage();
    const v = new KeyVault(s);
    assert.equal(await v.signedIn(), false);
    await v.setAccountKey(A, 'pio_sk_managementAAAAAAAAAAAAAAA');
    await v.setAccountKey(B, 'pio_sk_managementBBBBBBBBBBBBBBB');
    await v.setAccountKey(A, 'pio_sk_managementAAAAAAAAAAAAAAA2'); // re-sign-in: no duplicate
    await Promise.all([v.storeKey(A, 'k1', 'v1-secret-value'), v.storeKey(A, 'k2', 'v2-secret-value'), v.storeKey(B, 'k3', 'v3-secret-value')]);
    assert.deepEqual(await v.accounts(), [A, B]);
    assert.deepEqual([...(await v.storedKeyIds(A))].sort(), ['k1', 'k2'], 'concurrent stores all reach the index');
    assert.equal(await v.getAccountKey(A), 'pio_sk_managementAAAAAAAAAAAAAAA2');
    assert.equal((await v.allValues(A)).length, 3);
    await v.removeAccount(A);
    assert.deepEqual(await v.accounts(), [B]);
    assert.equal(await v.getAccountKey(A), undefined);
    assert.equal(await v.getKey(A, 'k1'), undefined);
    assert.equal(await v.getKey(B, 'k3'), 'v3-secret-value');
    const left = [...s.values.keys()].sort();
    assert.deepEqual(left, ['keyward.index', 'keyward.pioneer.work.key.k3', 'keyward.pioneer.work.management']);
    assert.ok(!s.values.get('keyward.index')?.includes('secret-value'), 'the index holds no value');
  });

  it('deleting a key removes value and index entry', async () => {
    const v = new KeyVault(new MemorySecretStorage());
    await v.setAccountKey(A, 'pio_sk_managementAAAAAAAAAAAAAAA');
    await v.storeKey(A, 'k1', 'v1-secret-value');
    await v.deleteKey(A, 'k1');
    assert.equal((await v.storedKeyIds(A)).size, 0);
    assert.equal(await v.getKey(A, 'k1'), undefined);
  });

  it('survives a damaged index without losing values', async () => {
    const s = new MemorySecretStorage();
    await s.store('keyward.index', '{not json');
    await s.store(managementSlot(A), 'pio_sk_stillhereXXXXXXXXXXXXXXX');
    const v = new KeyVault(s);
    assert.deepEqual(await v.accounts(), []);
    await v.setAccountKey(A, 'pio_sk_stillhereXXXXXXXXXXXXXXX');
    assert.deepEqual(await v.accounts(), [A]);
  });

  it('reports changes to keyward slots (other windows) and nothing else', async () => {
    const s = new MemorySecretStorage();
    const v = new KeyVault(s);
    const seen: string[] = [];
    const sub = v.onDidChange((slot) => seen.push(slot));
    await s.store('other.extension.secret', 'x');
    await v.setAccountKey(A, 'pio_sk_managementAAAAAAAAAAAAAAA');
    sub.dispose();
    await v.storeKey(A, 'k1', 'v1-secret-value');
    assert.deepEqual(seen, ['keyward.pioneer.default.management', 'keyward.index']);
  });

  it('raw slots for rotation stay inside keyward\'s namespace and never touch the index', async () => {
    const s = new MemorySecretStorage();
    await s.store('other.extension.secret', 'x');
    const slots = new KeyVault(s).slots();
    await slots.store('keyward.rotation.j1.old', 'old-value-123');
    assert.equal(await slots.get('keyward.rotation.j1.old'), 'old-value-123');
    await assert.rejects(slots.get('other.extension.secret'), /not a keyward key slot/);
    await assert.rejects(slots.store('keyward.index', '{}'), /not a keyward key slot/);
    await assert.rejects(slots.delete('other.extension.secret'), /not a keyward key slot/);
    assert.equal(s.values.get('other.extension.secret'), 'x');
  });
});
