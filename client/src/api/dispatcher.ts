// Which undici dispatcher carries a request: an explicit proxy (VS Code's http.proxy) for every
// host, else the HTTPS_PROXY/NO_PROXY environment, except that loopback never goes through a proxy.
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { isLoopbackHost } from './baseUrl';

export interface Timeouts {
  connect: number;
  headers: number;
  body: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connect: 10_000, headers: 30_000, body: 30_000 };

export interface DispatcherPool {
  forUrl(url: URL): Dispatcher;
  /** Destroys a dispatcher of ours that is stuck (the next request gets a fresh one); leaves a caller's alone. */
  discard(d: Dispatcher): void;
  close(): Promise<void>;
}

/** Checks a proxy URL without ever echoing its credentials. */
export function checkProxyUrl(proxy: string): string | undefined {
  try {
    const u = new URL(proxy);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `unsupported proxy scheme ${u.protocol.replace(/:$/, '')}`;
    return undefined;
  } catch {
    return 'the proxy setting is not a valid URL';
  }
}

export function createDispatcherPool(opts: { dispatcher?: Dispatcher; proxy?: string; timeouts: Timeouts }): DispatcherPool {
  const common = { connect: { timeout: opts.timeouts.connect }, headersTimeout: opts.timeouts.headers, bodyTimeout: opts.timeouts.body };
  const owned: Dispatcher[] = [];
  let direct: Agent | undefined;
  let proxied: Dispatcher | undefined;
  const own = <T extends Dispatcher>(d: T): T => (owned.push(d), d);
  return {
    forUrl(url) {
      if (opts.dispatcher) return opts.dispatcher;
      if (opts.proxy) return (proxied ??= own(new ProxyAgent({ uri: opts.proxy, ...common })));
      if (isLoopbackHost(url.hostname)) return (direct ??= own(new Agent(common)));
      return (proxied ??= own(new EnvHttpProxyAgent(common)));
    },
    discard(d) {
      const i = owned.indexOf(d);
      if (i < 0) return;
      owned.splice(i, 1);
      if (direct === d) direct = undefined;
      if (proxied === d) proxied = undefined;
      d.destroy().catch(() => undefined);
    },
    async close() {
      await Promise.all(owned.splice(0).map((d) => d.close().catch(() => undefined)));
      direct = undefined;
      proxied = undefined;
    },
  };
}
