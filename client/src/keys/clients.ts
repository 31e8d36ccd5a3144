// Builds the API client of one account from settings: base URL, proxy, TLS strictness, logging.
import type { ProviderEntry } from '../../../shared/providers/types';
import { createProviderClient, type ProviderClient, type RateLimitState } from '../api';
import type { ProxySettings } from '../config';
import type { Log } from '../log';

// One warning per log (one per window) about an unverified proxy, however many account clients are made.
const warnedInsecureProxy = new WeakSet<Log>();

export interface ClientRequest {
  provider: ProviderEntry;
  baseUrl: string;
  getKey: () => Promise<string | undefined>;
  proxy: ProxySettings;
  log: Log;
  onRateLimit?: (rl: RateLimitState) => void;
}

export function makeProviderClient(r: ClientRequest): ProviderClient {
  return createProviderClient(r.provider, {
    baseUrl: r.baseUrl,
    getKey: r.getKey,
    proxy: r.proxy.url,
    noProxy: r.proxy.noProxy,
    // Relaxes certificate checks on proxied connections only; direct ones always verify.
    proxyStrictSSL: r.proxy.strictSSL,
    warn: (message) => {
      if (warnedInsecureProxy.has(r.log)) return;
      warnedInsecureProxy.add(r.log);
      r.log.warn(message);
    },
    // The client logs method, URL, status and request id only; the channel redacts on top.
    log: (line) => r.log.debug(line),
    onRateLimit: r.onRateLimit,
  });
}
