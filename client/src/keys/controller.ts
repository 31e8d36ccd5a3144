// State behind the API Keys tree: which providers and accounts exist, their key lists, requests in
// flight, errors and rate limits. vscode-free: it talks to SecretStorage through KeyVault and to the
// providers through the real API client, so it is tested against the loopback server in plain Node.
import type { ProviderEntry } from '../../../shared/providers/types';
import type { KeyInfo, NextStep, RateLimitState } from '../api/types';
import type { BaseUrlResolution } from '../config';
import type { Log } from '../log';
import { Emitter } from './emitter';
import { hasManagement, PAGE_SIZE, type AccountRef, type AccountState, type PendingOp, type ProviderState } from './model';

/** What the controller needs from the API client (client/src/api). */
export interface KeysApi {
  listKeys(): Promise<{ keys: KeyInfo[]; count?: number }>;
  close?(): Promise<void>;
}

export interface VaultLike {
  accounts(): Promise<AccountRef[]>;
  getAccountKey(ref: AccountRef): Promise<string | undefined>;
  storedKeyIds(ref: AccountRef): Promise<Set<string>>;
}

export interface DescribedError {
  message: string;
  nextStep?: NextStep;
  link?: string;
  status?: number;
}

export interface ControllerDeps<C extends KeysApi> {
  vault: VaultLike;
  providers(): ProviderEntry[];
  baseUrl(p: ProviderEntry): BaseUrlResolution;
  /** Builds the real API client for one account; onRateLimit feeds the account's description. */
  makeClient(p: ProviderEntry, baseUrl: string, ref: AccountRef, onRateLimit: (rl: RateLimitState) => void): C;
  describeError(err: unknown): DescribedError;
  /** Id of the listed key that matches the account's own key (by last digits / prefix), if any. */
  findOwnKey?(keys: KeyInfo[], secret: string): string | undefined;
  log: Log;
}

const refId = (r: AccountRef) => `${r.provider}/${r.account}`;

export class KeysController<C extends KeysApi> {
  private providerStates: ProviderState[] = [];
  private clients = new Map<string, { baseUrl: string; client: C }>();
  private inflight = new Set<Promise<unknown>>();
  private generation = 0;
  /** Key lists are fetched only once someone looks (view visible or a command needs them). */
  private fetching = false;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ControllerDeps<C>) {}

  state(): readonly ProviderState[] {
    return this.providerStates;
  }

  provider(id: string): ProviderEntry | undefined {
    return this.providerStates.find((p) => p.provider.id === id)?.provider ?? this.deps.providers().find((p) => p.id === id);
  }

  providerState(id: string): ProviderState | undefined {
    return this.providerStates.find((p) => p.provider.id === id);
  }

  account(ref: AccountRef): AccountState | undefined {
    return this.providerState(ref.provider)?.accounts.find((a) => a.account === ref.account);
  }

  /** Resolves once every request started so far has settled (tests and e2e wait on this). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const done = () => this.inflight.delete(p);
    p.then(done, done);
    return p;
  }

  private fire(): void {
    this.changed.fire();
  }

  /** The API client of an account, rebuilt when its base URL changed. Undefined when unusable. */
  client(ref: AccountRef): C | undefined {
    const ps = this.providerState(ref.provider);
    if (!ps || !ps.baseUrl.ok) return undefined;
    const id = refId(ref);
    const cached = this.clients.get(id);
    if (cached && cached.baseUrl === ps.baseUrl.url) return cached.client;
    // A changed base URL: the old client's connections go to a host no longer chosen.
    if (cached) void cached.client.close?.().catch(() => undefined);
    const client = this.deps.makeClient(ps.provider, ps.baseUrl.url, ref, (rl) => {
      const a = this.account(ref);
      if (a) {
        a.rateLimit = rl;
        this.fire();
      }
    });
    this.clients.set(id, { baseUrl: ps.baseUrl.url, client });
    return client;
  }

  /** Starts fetching key lists (idempotent): activation stays free of network requests until then. */
  async ensureLoaded(): Promise<void> {
    if (!this.fetching) {
      this.fetching = true;
      await this.reload();
    }
    await this.idle();
  }

  get isFetching(): boolean {
    return this.fetching;
  }

  /**
   * Re-reads providers (settings) and accounts (SecretStorage), keeps what is still valid, and
   * (once fetching) loads key lists of accounts not loaded yet — all of them when `refetch`.
   */
  reload(refetch = false): Promise<void> {
    return this.track(this.doReload(refetch));
  }

  private async doReload(refetch: boolean): Promise<void> {
    const gen = ++this.generation;
    if (refetch) this.fetching = true;
    const providers = this.deps.providers();
    const accounts = await this.deps.vault.accounts();
    const next: ProviderState[] = [];
    for (const p of providers) {
      const old = this.providerStates.find((s) => s.provider.id === p.id);
      const baseUrl = this.deps.baseUrl(p);
      const accs: AccountState[] = [];
      for (const ref of accounts.filter((a) => a.provider === p.id)) {
        const prev = old?.accounts.find((a) => a.account === ref.account);
        const storedKeyIds = await this.deps.vault.storedKeyIds(ref);
        if (prev) {
          // The same object, not a copy: a refresh or a pending operation still running on it must
          // land in the state the tree shows, not in a discarded snapshot.
          prev.storedKeyIds = storedKeyIds;
          accs.push(prev);
        } else {
          accs.push({ provider: ref.provider, account: ref.account, status: 'idle', shown: PAGE_SIZE, pending: [], storedKeyIds });
        }
      }
      next.push({ provider: p, baseUrl, accounts: accs });
    }
    if (gen !== this.generation) return; // a newer reload started meanwhile
    // A base URL change invalidates cached clients and loaded lists of that provider.
    for (const s of next) {
      const old = this.providerStates.find((o) => o.provider.id === s.provider.id);
      const urlChanged = JSON.stringify(old?.baseUrl) !== JSON.stringify(s.baseUrl);
      if (urlChanged) for (const a of s.accounts) Object.assign(a, { status: 'idle', keys: undefined, count: undefined, error: undefined, rateLimit: undefined });
    }
    this.providerStates = next;
    this.fire();
    if (!this.fetching) return;
    const loads: Promise<void>[] = [];
    for (const s of next) {
      if (!hasManagement(s.provider)) continue;
      for (const a of s.accounts) {
        if (refetch || a.status === 'idle') loads.push(this.doRefresh(a));
      }
    }
    await Promise.all(loads);
  }

  /** Reloads one account's key list (the tree's retry and refresh). */
  refresh(ref: AccountRef): Promise<void> {
    this.fetching = true;
    const a = this.account(ref);
    if (!a) return this.reload(true);
    return this.track(this.doRefresh(a));
  }

  private async doRefresh(a: AccountState): Promise<void> {
    const ps = this.providerState(a.provider);
    if (!ps || !hasManagement(ps.provider)) return;
    if (!ps.baseUrl.ok) {
      a.status = 'error';
      a.error = { message: ps.baseUrl.message };
      this.fire();
      return;
    }
    const client = this.client(a);
    if (!client) return;
    a.status = 'loading';
    this.fire();
    try {
      const list = await client.listKeys();
      a.keys = list.keys;
      a.count = list.count;
      a.status = 'loaded';
      a.error = undefined;
      a.storedKeyIds = await this.deps.vault.storedKeyIds(a);
      if (this.deps.findOwnKey) {
        const own = await this.deps.vault.getAccountKey(a);
        a.managementKeyId = own ? this.deps.findOwnKey(list.keys, own) : undefined;
      }
      this.deps.log.info(`${ps.provider.name}/${a.account}: ${list.keys.length} key(s) listed${list.count !== undefined ? ` (count ${list.count})` : ''}`);
    } catch (err) {
      this.applyError(a, err);
    }
    this.fire();
  }

  describe(err: unknown): DescribedError {
    return this.deps.describeError(err);
  }

  /** Records a failed request on the account: 401 means the stored key no longer works. */
  applyError(ref: AccountRef, err: unknown): DescribedError {
    const d = this.deps.describeError(err);
    const a = this.account(ref);
    if (a) {
      a.status = d.nextStep === 'reenter-key' || d.status === 401 ? 'reauth' : 'error';
      a.error = { message: d.message, nextStep: d.nextStep, link: d.link };
      this.fire();
    }
    this.deps.log.warn(`${ref.provider}/${ref.account}: ${d.message}`);
    return d;
  }

  loadMore(ref: AccountRef): void {
    const a = this.account(ref);
    if (!a) return;
    a.shown += PAGE_SIZE;
    this.fire();
  }

  /** Shows a "Creating…/Revoking…/Rotating…" placeholder while `work` runs. */
  async withPending<T>(ref: AccountRef, op: PendingOp, work: () => Promise<T>): Promise<T> {
    const a = this.account(ref);
    a?.pending.push(op);
    this.fire();
    const run = (async () => {
      try {
        return await work();
      } finally {
        if (a) a.pending = a.pending.filter((p) => p !== op);
        this.fire();
      }
    })();
    return this.track(run);
  }

  /** Applies a created key to the list at once (the next refresh confirms it). */
  addKey(ref: AccountRef, key: KeyInfo): void {
    const a = this.account(ref);
    if (!a) return;
    a.keys = [key, ...(a.keys ?? []).filter((k) => k.id !== key.id)];
    this.fire();
  }

  removeKey(ref: AccountRef, keyId: string): void {
    const a = this.account(ref);
    if (!a?.keys) return;
    a.keys = a.keys.filter((k) => k.id !== keyId);
    if (a.count !== undefined) a.count = Math.max(0, a.count - 1);
    this.fire();
  }

  markStored(ref: AccountRef, keyId: string): void {
    const a = this.account(ref);
    if (!a) return;
    a.storedKeyIds = new Set([...a.storedKeyIds, keyId]);
    this.fire();
  }

  dispose(): void {
    this.changed.dispose();
    for (const { client } of this.clients.values()) void client.close?.().catch(() => undefined);
    this.clients.clear();
  }
}
