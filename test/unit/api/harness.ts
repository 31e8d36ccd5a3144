// Shared set-up for the API client tests: a real loopback provider server, a Pioneer account,
// and capture of every log line and message so the tests can prove no key leaks.
import * as assert from 'node:assert/strict';
import type { ConfigReader, InspectedValue } from '../../../client/src/config';
import type { Log } from '../../../client/src/log';
import { createProviderClient, type ProviderClient, type ProviderClientOptions } from '../../../client/src/api/client';
import { PIONEER } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import { startProviderServer, type ProviderServer, type ResponseShape } from '../../server/providerServer';

export interface Harness {
  server: ProviderServer;
  mgmtKey: string;
  accountId: string;
  /** Every line logged by the server and by clients, and every error message seen. */
  captured: string[];
  /** Backoff delays the clients asked for (tests sleep for real only where timing matters). */
  delays: number[];
  client(provider?: ProviderEntry, opts?: Partial<ProviderClientOptions>): ProviderClient;
  /** Runs `p`, expects a rejection, records its message, returns the error. */
  rejects<T = unknown>(p: Promise<unknown>): Promise<T>;
  /** Every secret the server ever held, including revoked ones. */
  allSecrets(): string[];
  close(): Promise<void>;
}

export async function setup(shape: ResponseShape = 'seed', rateLimit?: { limit: number; windowMs: number }): Promise<Harness> {
  const captured: string[] = [];
  const delays: number[] = [];
  const clients: ProviderClient[] = [];
  const server = await startProviderServer({ shape, rateLimit, log: (l) => captured.push(l) });
  const { account, key } = server.addAccount();
  return {
    server,
    mgmtKey: key.secret,
    accountId: account.id,
    captured,
    delays,
    client(provider = PIONEER, opts = {}) {
      const c = createProviderClient(provider, {
        baseUrl: server.url,
        getKey: () => key.secret,
        log: (l) => captured.push(l),
        sleep: async (ms) => {
          delays.push(ms);
        },
        ...opts,
      });
      clients.push(c);
      return c;
    },
    async rejects<T>(p: Promise<unknown>): Promise<T> {
      try {
        await p;
      } catch (e) {
        captured.push(e instanceof Error ? e.message : String(e));
        return e as T;
      }
      assert.fail('expected a rejection');
    },
    allSecrets: () => [...server.state.accounts.values()].flatMap((a) => a.keys.map((k) => k.secret)),
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
    },
  };
}

/** The house rule: no captured line or message contains a key value. */
export function assertNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  assert.ok(secrets.length > 0, 'there must be secrets to look for');
  for (const t of texts) for (const s of secrets) assert.ok(!t.includes(s), `a secret leaked into: ${t.slice(0, 80)}`);
}

/** VS Code's `http` section holding only user values, as readProxy reads it. */
export function httpSettings(user: Record<string, unknown>): ConfigReader {
  return { inspect: <T>(k: string) => ({ key: `http.${k}`, globalValue: user[k] as T }) as InspectedValue<T> };
}

/** A Log that records every line; warnings are marked `WARN `. */
export function captureLog(lines: string[]): Log {
  const put = (m: unknown) => void lines.push(String(m));
  return { trace: put, debug: put, info: put, warn: (m) => lines.push(`WARN ${m}`), error: put };
}
