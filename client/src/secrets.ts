// The only module that touches context.secrets. Slots are keyed by provider and account:
//   keyward.<provider>.<account>.management   the key an account is signed in with
//   keyward.<provider>.<account>.key.<keyId>  keys keyward created (so Copy / Insert work later)
//   keyward.index                             which accounts and keys exist (no values)
// SecretStorage cannot list its entries, so the index lives beside the secrets: being a secret
// itself, its changes reach every window through onDidChange like the values do.
import type { Disposable, SecretStorage } from 'vscode';
import type { AccountRef } from './keys/model';

const PREFIX = 'keyward.';
const INDEX = 'keyward.index';

interface IndexData {
  v: 1;
  accounts: AccountRef[];
  keys: (AccountRef & { keyId: string })[];
}

export function managementSlot(ref: AccountRef): string {
  return `${PREFIX}${ref.provider}.${ref.account}.management`;
}

export function keySlot(ref: AccountRef, keyId: string): string {
  return `${PREFIX}${ref.provider}.${ref.account}.key.${keyId}`;
}

const same = (a: AccountRef, b: AccountRef) => a.provider === b.provider && a.account === b.account;

function parseIndex(raw: string | undefined): IndexData {
  const empty: IndexData = { v: 1, accounts: [], keys: [] };
  if (!raw) return empty;
  try {
    const data = JSON.parse(raw) as Partial<IndexData>;
    const isRef = (x: unknown): x is AccountRef =>
      !!x && typeof (x as AccountRef).provider === 'string' && typeof (x as AccountRef).account === 'string';
    return {
      v: 1,
      accounts: Array.isArray(data.accounts) ? data.accounts.filter(isRef) : [],
      keys: Array.isArray(data.keys) ? data.keys.filter((k) => isRef(k) && typeof k.keyId === 'string') : [],
    };
  } catch {
    // A damaged index loses only the listing, never a value: start a fresh one.
    return empty;
  }
}

export class KeyVault {
  /** Serialises index read-modify-write cycles within this window. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: SecretStorage) {}

  /** Fires (in every window) when any keyward slot changes. */
  onDidChange(listener: (slot: string) => void): Disposable {
    return this.storage.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) listener(e.key);
    });
  }

  private async index(): Promise<IndexData> {
    return parseIndex(await this.storage.get(INDEX));
  }

  private update(change: (idx: IndexData) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const idx = await this.index();
      const before = JSON.stringify(idx);
      change(idx);
      const after = JSON.stringify(idx);
      if (after !== before) await this.storage.store(INDEX, after);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async accounts(): Promise<AccountRef[]> {
    return (await this.index()).accounts.map((a) => ({ provider: a.provider, account: a.account }));
  }

  async signedIn(): Promise<boolean> {
    return (await this.accounts()).length > 0;
  }

  async getAccountKey(ref: AccountRef): Promise<string | undefined> {
    return this.storage.get(managementSlot(ref));
  }

  /** Stores the account's key (value first, then the index, so the index never points at nothing). */
  async setAccountKey(ref: AccountRef, secret: string): Promise<void> {
    await this.storage.store(managementSlot(ref), secret);
    await this.update((idx) => {
      if (!idx.accounts.some((a) => same(a, ref))) idx.accounts.push({ provider: ref.provider, account: ref.account });
    });
  }

  /** Forgets the account and every key value stored under it. */
  async removeAccount(ref: AccountRef): Promise<void> {
    const keys = (await this.index()).keys.filter((k) => same(k, ref));
    await this.update((idx) => {
      idx.accounts = idx.accounts.filter((a) => !same(a, ref));
      idx.keys = idx.keys.filter((k) => !same(k, ref));
    });
    await this.storage.delete(managementSlot(ref));
    for (const k of keys) await this.storage.delete(keySlot(ref, k.keyId));
  }

  async getKey(ref: AccountRef, keyId: string): Promise<string | undefined> {
    return this.storage.get(keySlot(ref, keyId));
  }

  async storeKey(ref: AccountRef, keyId: string, secret: string): Promise<void> {
    await this.storage.store(keySlot(ref, keyId), secret);
    await this.update((idx) => {
      if (!idx.keys.some((k) => same(k, ref) && k.keyId === keyId)) idx.keys.push({ provider: ref.provider, account: ref.account, keyId });
    });
  }

  async deleteKey(ref: AccountRef, keyId: string): Promise<void> {
    await this.update((idx) => {
      idx.keys = idx.keys.filter((k) => !(same(k, ref) && k.keyId === keyId));
    });
    await this.storage.delete(keySlot(ref, keyId));
  }

  async storedKeyIds(ref: AccountRef): Promise<Set<string>> {
    return new Set((await this.index()).keys.filter((k) => same(k, ref)).map((k) => k.keyId));
  }

  /**
   * Raw slots for the rotation state machine (client/src/keys/rotation.ts SecretSlots). Limited to
   * keyward's own namespace, and never the index, so nothing else in SecretStorage can be touched.
   */
  slots(): { get(slot: string): Promise<string | undefined>; store(slot: string, value: string): Promise<void>; delete(slot: string): Promise<void> } {
    const check = (slot: string) => {
      if (!slot.startsWith(PREFIX) || slot === INDEX) throw new Error(`not a keyward key slot: ${slot}`);
      return slot;
    };
    return {
      get: async (slot) => this.storage.get(check(slot)),
      store: async (slot, value) => this.storage.store(check(slot), value),
      delete: async (slot) => this.storage.delete(check(slot)),
    };
  }

  /** Every stored value of an account (the account key and created keys), for redaction and matching. */
  async allValues(ref: AccountRef): Promise<{ keyId?: string; secret: string }[]> {
    const out: { keyId?: string; secret: string }[] = [];
    const mgmt = await this.getAccountKey(ref);
    if (mgmt) out.push({ secret: mgmt });
    for (const id of await this.storedKeyIds(ref)) {
      const v = await this.getKey(ref, id);
      if (v) out.push({ keyId: id, secret: v });
    }
    return out;
  }
}
