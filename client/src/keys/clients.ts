// Builds the API client of one account from settings: base URL, proxy, TLS strictness, logging.
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { ProviderEntry } from '../../../shared/providers/types';
import { createProviderClient, type ProviderClient, type RateLimitState } from '../api';
import { DEFAULT_TIMEOUTS } from '../api/dispatcher';
import type { ProxySettings } from '../config';
import type { Log } from '../log';

/**
 * With `http.proxyStrictSSL: false` (a corporate proxy re-signing TLS) the user chose to accept
 * unverified certificates; the API client's own dispatchers always verify, so build one here.
 */
function lenientDispatcher(proxy: ProxySettings): Dispatcher | undefined {
  if (proxy.strictSSL) return undefined;
  const common = { connect: { timeout: DEFAULT_TIMEOUTS.connect, rejectUnauthorized: false }, headersTimeout: DEFAULT_TIMEOUTS.headers, bodyTimeout: DEFAULT_TIMEOUTS.body };
  if (proxy.url) return new ProxyAgent({ uri: proxy.url, requestTls: { rejectUnauthorized: false }, ...common });
  return new Agent(common);
}

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
    dispatcher: lenientDispatcher(r.proxy),
    // The client logs method, URL, status and request id only; the channel redacts on top.
    log: (line) => r.log.debug(line),
    onRateLimit: r.onRateLimit,
  });
}
