// In-memory accounts and keys of the loopback provider server. Secrets live only here, in memory.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface KeyRecord {
  id: string;
  name: string;
  secret: string;
  accountId: string;
  createdAt: string;
  lastUsedAt?: string;
  expiresAt?: string;
  revoked: boolean;
  /** PG:AI-style scopes; '*' and 'family:*' wildcards. */
  scopes: string[];
}

export interface Account {
  id: string;
  credits: number;
  keys: KeyRecord[];
}

/** A stored create response, replayed for the same Idempotency-Key + body. */
export interface IdempotentRecord {
  bodyHash: string;
  status: number;
  body: unknown;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** pio_sk_ + 23 alphanumerics + _ + uuid: the one public sample's shape. */
export function mintSecret(): string {
  const bytes = randomBytes(23);
  let s = '';
  for (const b of bytes) s += ALNUM[b % ALNUM.length];
  return `pio_sk_${s}_${randomUUID()}`;
}

export function mintKeyId(): string {
  return `key_${randomBytes(8).toString('hex')}`;
}

export function hashBody(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function scopeAllows(scopes: string[], needed: string): boolean {
  return scopes.some((s) => s === '*' || s === needed || (s.endsWith(':*') && needed.startsWith(s.slice(0, -1))));
}

export class ServerState {
  readonly accounts = new Map<string, Account>();
  private readonly bySecret = new Map<string, KeyRecord>();
  /** `${accountId} ${idempotencyKey}` -> first response. */
  readonly idempotency = new Map<string, IdempotentRecord>();

  addAccount(opts: { key?: string; credits?: number; name?: string; scopes?: string[] } = {}): { account: Account; key: KeyRecord } {
    const account: Account = { id: `acct_${randomBytes(6).toString('hex')}`, credits: opts.credits ?? 1000, keys: [] };
    this.accounts.set(account.id, account);
    const key = this.addKey(account.id, { name: opts.name ?? 'management', secret: opts.key, scopes: opts.scopes });
    return { account, key };
  }

  addKey(accountId: string, opts: { name: string; secret?: string; scopes?: string[]; expiresAt?: string }): KeyRecord {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    const secret = opts.secret ?? mintSecret();
    if (this.bySecret.has(secret)) throw new Error('duplicate secret');
    const rec: KeyRecord = {
      id: mintKeyId(),
      name: opts.name,
      secret,
      accountId,
      createdAt: new Date().toISOString(),
      expiresAt: opts.expiresAt,
      revoked: false,
      scopes: opts.scopes ?? ['*'],
    };
    account.keys.push(rec);
    this.bySecret.set(secret, rec);
    return rec;
  }

  findBySecret(secret: string): KeyRecord | undefined {
    return this.bySecret.get(secret);
  }

  /** Active (not revoked) keys of an account. */
  activeKeys(accountId: string): KeyRecord[] {
    return this.accounts.get(accountId)?.keys.filter((k) => !k.revoked) ?? [];
  }

  revoke(accountId: string, keyId: string): boolean {
    const rec = this.accounts.get(accountId)?.keys.find((k) => k.id === keyId && !k.revoked);
    if (!rec) return false;
    rec.revoked = true;
    return true;
  }

  /** Whether a secret currently authenticates (tests ask this to prove a rotation's outcome). */
  isActive(secret: string): boolean {
    const rec = this.bySecret.get(secret);
    return !!rec && !rec.revoked;
  }
}
