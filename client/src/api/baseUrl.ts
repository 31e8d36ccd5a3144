// Where a key may be sent. https anywhere; plain http only to this machine, so a key never
// crosses a network in clear text.

export type BaseUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase());
}

export function validateBaseUrl(input: string): BaseUrlCheck {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, reason: 'The base URL is empty.' };
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'The base URL is not a valid absolute URL.' };
  }
  if (url.username || url.password) return { ok: false, reason: 'The base URL must not contain a user name or password.' };
  if (url.search || url.hash) return { ok: false, reason: 'The base URL must not contain a query string or fragment.' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return { ok: true, url };
    return { ok: false, reason: `Plain http:// is only allowed for 127.0.0.1, localhost or [::1], not ${url.hostname}. Use https://.` };
  }
  return { ok: false, reason: `Unsupported scheme ${url.protocol.replace(/:$/, '')}: use https://.` };
}

/** Joins an endpoint path onto a base that may carry its own path prefix (e.g. /v1). */
export function joinUrl(base: URL, path: string): URL {
  const prefix = base.pathname.replace(/\/+$/, '');
  const rest = path.startsWith('/') ? path : `/${path}`;
  const u = new URL(base.href);
  u.pathname = `${prefix}${rest}`;
  return u;
}
