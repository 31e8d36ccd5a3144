// Which undici dispatcher carries a request: loopback always goes direct; other hosts follow the
// explicit proxy (VS Code's http.proxy) or else HTTP(S)_PROXY, and NO_PROXY exempts hosts from either.
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
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

export interface ProxyOptions {
  /** The user's explicit proxy (http.proxy); without it HTTP(S)_PROXY from the environment applies. */
  proxy?: string;
  /** Hosts that skip the explicit proxy (http.noProxy, NO_PROXY syntax); without it NO_PROXY applies. */
  noProxy?: readonly string[];
  /** http.proxyStrictSSL (default true). false relaxes certificate checks on proxied connections only. */
  proxyStrictSSL?: boolean;
  /** Told once per pool when a proxied connection will skip certificate checks. Never given a secret. */
  warn?: (message: string) => void;
}

export const INSECURE_PROXY_WARNING =
  'http.proxyStrictSSL is false: TLS certificates are not verified on connections through the proxy (direct and loopback connections are still verified).';

// Only ProxyAgent reads requestTls/proxyTls; EnvHttpProxyAgent's direct Agent ignores them, so
// a NO_PROXY host keeps full verification (test/unit/api/tls.test.ts proves both halves).
const UNVERIFIED = { rejectUnauthorized: false } as const;

function environmentHasProxy(env: NodeJS.ProcessEnv): boolean {
  return !!(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY);
}

/** The dispatcher for non-loopback hosts: NO_PROXY semantics for the explicit and the environment proxy alike. */
export function proxyingDispatcher(p: ProxyOptions, timeouts: Timeouts): Dispatcher {
  const lenient = p.proxyStrictSSL === false;
  return new EnvHttpProxyAgent({
    connect: { timeout: timeouts.connect },
    headersTimeout: timeouts.headers,
    bodyTimeout: timeouts.body,
    // undefined falls back to HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment.
    httpProxy: p.proxy,
    httpsProxy: p.proxy,
    noProxy: p.noProxy?.length ? p.noProxy.join(',') : undefined,
    ...(lenient ? { requestTls: UNVERIFIED, proxyTls: UNVERIFIED } : {}),
  });
}

export function createDispatcherPool(opts: ProxyOptions & { dispatcher?: Dispatcher; timeouts: Timeouts; env?: NodeJS.ProcessEnv }): DispatcherPool {
  const common = { connect: { timeout: opts.timeouts.connect }, headersTimeout: opts.timeouts.headers, bodyTimeout: opts.timeouts.body };
  const owned: Dispatcher[] = [];
  let direct: Agent | undefined;
  let proxied: Dispatcher | undefined;
  let warned = false;
  const own = <T extends Dispatcher>(d: T): T => (owned.push(d), d);
  return {
    forUrl(url) {
      if (opts.dispatcher) return opts.dispatcher;
      // A proxy cannot reach this machine's loopback, and a key for a local server never leaves it.
      if (isLoopbackHost(url.hostname)) return (direct ??= own(new Agent(common)));
      if (!warned && opts.proxyStrictSSL === false && (opts.proxy || environmentHasProxy(opts.env ?? process.env))) {
        warned = true;
        opts.warn?.(INSECURE_PROXY_WARNING);
      }
      return (proxied ??= own(proxyingDispatcher(opts, opts.timeouts)));
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
