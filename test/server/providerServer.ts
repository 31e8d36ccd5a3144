// A real HTTP stand-in for the providers of shared/spec/providers.md, on loopback.
// Pioneer's management API in both response shapes, plus one route per other auth/error style.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultFaults, take, type Faults } from './faults';
import { hashBody, scopeAllows, ServerState, type Account, type KeyRecord } from './state';

export type ResponseShape = 'seed' | 'v2';
/** Which provider a route imitates: decides auth header and error body. */
type Family = 'pioneer' | 'pi' | 'pinecall' | 'pgai';

export interface ProviderServerOptions {
  port?: number;
  host?: string;
  shape?: ResponseShape;
  /** Request lines (method, path, status, ms, request id): never headers or bodies. */
  log?: (line: string) => void;
  rateLimit?: { limit: number; windowMs: number };
  /** false: ignore Idempotency-Key, as a provider without replay does. */
  idempotency?: boolean;
}

export interface ProviderServer {
  url: string;
  port: number;
  state: ServerState;
  faults: Faults;
  /** Mutable: switch the response shape between tests. */
  options: { shape: ResponseShape; rateLimit: { limit: number; windowMs: number }; idempotency: boolean };
  stats: { requests: number; byPath: Record<string, number> };
  addAccount(mgmtKey?: string, opts?: { credits?: number; scopes?: string[]; name?: string }): { account: Account; key: KeyRecord };
  resetFaults(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const MAX_BODY = 64 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

function errorBody(family: Family, e: HttpError, requestId: string): unknown {
  // 402 and 409 have their own documented bodies whatever the route family.
  if (e.status === 402) return { code: e.code, message: e.message, ...e.extra };
  if (e.status === 409 || family === 'pi') {
    return { error: { type: e.status >= 500 ? 'api_error' : 'invalid_request_error', code: e.code, message: e.message, request_id: requestId } };
  }
  if (family === 'pgai') return { error: e.message };
  if (family === 'pinecall') return { statusCode: e.status, error: http.STATUS_CODES[e.status], message: e.message };
  if (e.extra.detail !== undefined) return { detail: e.extra.detail };
  return { detail: e.message };
}

export async function startProviderServer(opts: ProviderServerOptions = {}): Promise<ProviderServer> {
  const state = new ServerState();
  const faults = defaultFaults();
  const options = { shape: opts.shape ?? 'seed', rateLimit: opts.rateLimit ?? { limit: 1000, windowMs: 60_000 }, idempotency: opts.idempotency ?? true };
  const stats = { requests: 0, byPath: {} as Record<string, number> };
  const buckets = new Map<string, { start: number; used: number }>();
  const log = opts.log ?? (() => {});
  let baseUrl = '';

  function bucketHeaders(bucketId: string, consume: boolean): { headers: Record<string, string>; exhausted: boolean } {
    const now = Date.now();
    let b = buckets.get(bucketId);
    if (!b || now >= b.start + options.rateLimit.windowMs) {
      b = { start: now, used: 0 };
      buckets.set(bucketId, b);
    }
    const exhausted = b.used >= options.rateLimit.limit;
    if (consume && !exhausted) b.used += 1;
    const resetSec = Math.ceil((b.start + options.rateLimit.windowMs) / 1000);
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(options.rateLimit.limit),
      'x-ratelimit-remaining': String(Math.max(0, options.rateLimit.limit - b.used)),
      'x-ratelimit-reset': String(resetSec),
    };
    if (exhausted) headers['retry-after'] = String(Math.max(1, Math.ceil((b.start + options.rateLimit.windowMs - now) / 1000)));
    return { headers, exhausted };
  }

  function authenticate(req: http.IncomingMessage, family: Family): KeyRecord {
    let secret: string | undefined;
    if (family === 'pi' || family === 'pinecall') {
      const h = req.headers.authorization;
      if (!h) throw new HttpError(401, 'missing_authorization_header', 'Missing Authorization header. Use Bearer <api_key>.');
      const m = /^Bearer\s+(\S+)$/i.exec(h);
      if (!m) throw new HttpError(401, 'invalid_api_key', 'Authorization header must be Bearer <api_key>.');
      secret = m[1];
    } else {
      const h = req.headers['x-api-key'];
      if (typeof h !== 'string' || !h) throw new HttpError(401, 'missing_api_key', 'Missing X-API-Key header.');
      secret = h;
    }
    if (faults.unauthorizedAll) throw new HttpError(401, 'invalid_api_key', 'Invalid API key.');
    const rec = state.findBySecret(secret);
    // Revocation is immediate: a revoked key is as unknown as a wrong one.
    if (!rec || rec.revoked) throw new HttpError(401, 'invalid_api_key', 'Invalid API key.');
    rec.lastUsedAt = new Date().toISOString();
    return rec;
  }

  function parseJson(text: string): Record<string, unknown> {
    if (!text) return {};
    try {
      const v = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* fall through */
    }
    throw new HttpError(422, 'invalid_json', 'Request body is not a JSON object.', { detail: [{ loc: ['body'], msg: 'JSON object expected', type: 'json_invalid' }] });
  }

  function requireString(body: Record<string, unknown>, field: string): string {
    const v = body[field];
    if (typeof v !== 'string' || !v.trim() || v.length > 200) {
      throw new HttpError(422, 'validation_error', `${field}: field required`, { detail: [{ loc: ['body', field], msg: 'Field required', type: 'missing' }] });
    }
    return v;
  }

  function listItem(k: KeyRecord): Record<string, unknown> {
    if (options.shape === 'seed') return { id: k.id, name: k.name, created_at: k.createdAt };
    return {
      id: k.id,
      name: k.name,
      created_at: k.createdAt,
      api_key_last_digits: k.secret.slice(-4),
      last_used_at: k.lastUsedAt ?? null,
      expires_at: k.expiresAt ?? null,
    };
  }

  function route(method: string, path: string, req: http.IncomingMessage, text: string, requestId: string): { family: Family; run: () => Reply } | undefined {
    if (method === 'POST' && path === '/create-api-key') {
      return {
        family: 'pioneer',
        run: () => {
          const me = authenticate(req, 'pioneer');
          if (faults.dashboardOnlyCreate) throw new HttpError(403, 'forbidden', 'API key creation is only allowed from the web dashboard');
          const account = state.accounts.get(me.accountId)!;
          if (account.credits <= 0) {
            throw new HttpError(402, 'out_of_credits', 'Your account is out of credits. Add credits to continue.', { resolution_url: `${baseUrl}/billing` });
          }
          const body = parseJson(text);
          const name = requireString(body, 'name');
          const idem = req.headers['idempotency-key'];
          const idemId = options.idempotency && typeof idem === 'string' && idem ? `${account.id} ${idem}` : undefined;
          const hash = hashBody(text);
          if (idemId) {
            const prev = state.idempotency.get(idemId);
            if (prev && prev.bodyHash !== hash) {
              throw new HttpError(409, 'idempotency_key_mismatch', 'This Idempotency-Key was already used with a different request body.');
            }
            if (prev) return { status: prev.status, body: prev.body, headers: { 'idempotent-replayed': 'true' } };
          }
          const k = state.addKey(account.id, { name });
          const reply: Reply =
            options.shape === 'seed'
              ? { status: 200, body: { key: k.secret, name: k.name, created_at: k.createdAt } }
              : {
                  status: 201,
                  body: { secret_key: k.secret, id: k.id, name: k.name, api_key_last_digits: k.secret.slice(-4), created_at: k.createdAt, expires_at: k.expiresAt ?? null },
                };
          if (idemId) state.idempotency.set(idemId, { bodyHash: hash, status: reply.status, body: reply.body });
          return reply;
        },
      };
    }
    if (method === 'GET' && path === '/list-api-keys') {
      return {
        family: 'pioneer',
        run: () => {
          const me = authenticate(req, 'pioneer');
          const keys = state.activeKeys(me.accountId).map(listItem);
          return { status: 200, body: options.shape === 'seed' ? { keys } : { keys, count: keys.length } };
        },
      };
    }
    if (method === 'DELETE' && path === '/delete-api-key') {
      return {
        family: 'pioneer',
        run: () => {
          const me = authenticate(req, 'pioneer');
          const keyId = requireString(parseJson(text), 'key_id');
          if (!state.revoke(me.accountId, keyId)) throw new HttpError(404, 'not_found', 'API key not found.');
          return options.shape === 'seed' ? { status: 204 } : { status: 200, body: { success: true, message: 'API key revoked.' } };
        },
      };
    }
    if (method === 'POST' && path === '/inference') {
      return {
        family: 'pioneer',
        run: () => {
          const me = authenticate(req, 'pioneer');
          const account = state.accounts.get(me.accountId)!;
          if (account.credits <= 0) {
            throw new HttpError(402, 'out_of_credits', 'Your account is out of credits. Add credits to continue.', { resolution_url: `${baseUrl}/billing` });
          }
          account.credits -= 1;
          return { status: 200, body: { entities: [] } };
        },
      };
    }
    // Pinecall's key management as its SDK's CLI uses it (playground host, Bearer, camelCase).
    if (method === 'GET' && path === '/api/keys') {
      return {
        family: 'pinecall',
        run: () => {
          const me = authenticate(req, 'pinecall');
          const keys = state.activeKeys(me.accountId).map((k) => ({
            keyPreview: `${k.secret.slice(0, 7)}...${k.secret.slice(-4)}`,
            name: k.name,
            createdAt: k.createdAt,
            lastUsedAt: k.lastUsedAt ?? null,
            id: k.id,
          }));
          return { status: 200, body: { keys } };
        },
      };
    }
    if (method === 'POST' && path === '/api/keys') {
      return {
        family: 'pinecall',
        run: () => {
          const me = authenticate(req, 'pinecall');
          const name = requireString(parseJson(text), 'name');
          const k = state.addKey(me.accountId, { name, secret: `pk_${randomUUID().replace(/-/g, '')}` });
          return { status: 201, body: { name: k.name, key: k.secret } };
        },
      };
    }
    if (method === 'GET' && path === '/v1/agents') {
      return { family: 'pinecall', run: () => (authenticate(req, 'pinecall'), { status: 200, body: { agents: [] } }) };
    }
    if (method === 'GET' && path === '/v1/territories') {
      return {
        family: 'pgai',
        run: () => {
          const me = authenticate(req, 'pgai');
          if (!scopeAllows(me.scopes, 'accounts:read')) throw new HttpError(403, 'forbidden', 'API key lacks the required permission scope: accounts:read');
          return { status: 200, body: { territories: [] } };
        },
      };
    }
    if (method === 'GET' && path === '/pi/v1/whoami') {
      return { family: 'pi', run: () => ({ status: 200, body: { key_id: authenticate(req, 'pi').id } }) };
    }
    void requestId;
    return undefined;
  }

  function send(res: http.ServerResponse, reply: Reply, headers: Record<string, string>, raw?: string): void {
    const h: Record<string, string> = { ...headers, ...(reply.headers ?? {}) };
    let payload = raw;
    if (payload === undefined && reply.body !== undefined && reply.status !== 204) payload = JSON.stringify(reply.body);
    if (payload !== undefined) h['content-type'] ??= 'application/json';
    res.writeHead(reply.status, h);
    res.end(payload);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = `req_pi_${randomUUID()}`;
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    stats.requests += 1;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    let status = 0;
    let note = '';
    res.on('close', () => log(`${method} ${path} -> ${status || 'dropped'} ${Date.now() - started}ms ${requestId}${note}`));

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) {
        status = 413;
        send(res, { status: 413, body: { detail: 'Request body too large.' } }, { 'x-request-id': requestId });
        return;
      }
      chunks.push(c as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (res.destroyed) return;
    if (take(faults, 'dropBefore', path)) {
      note = ' [fault: drop before]';
      req.socket.destroy();
      return;
    }

    const r = route(method, path, req, text, requestId);
    // Rate-limit per key when the route can name one, else per anonymous caller.
    const who = (req.headers['x-api-key'] as string | undefined) ?? req.headers.authorization ?? 'anon';
    const bucketId = state.findBySecret(who.replace(/^Bearer\s+/i, ''))?.accountId ?? 'anon';
    const rl = bucketHeaders(bucketId, !!r);
    const headers: Record<string, string> = { 'x-request-id': requestId, ...rl.headers };
    const family = r?.family ?? 'pioneer';

    let reply: Reply;
    const scripted = !faults.paths || faults.paths.includes(path) ? faults.scripted.shift() : undefined;
    if (scripted) {
      note = ' [fault: scripted]';
      status = scripted.status;
      send(res, { status: scripted.status, headers: { 'content-type': scripted.contentType ?? 'application/json', ...(scripted.headers ?? {}) } }, headers, scripted.body);
      return;
    }
    if (take(faults, 'serverErrors', path)) {
      note = ' [fault: 5xx]';
      const e = new HttpError(faults.serverErrorStatus, 'server_error', 'The server had an error while processing your request.');
      reply = { status: e.status, body: errorBody(family, e, requestId) };
    } else if (take(faults, 'htmlErrors', path)) {
      note = ' [fault: html]';
      status = 502;
      send(res, { status: 502, headers: { 'content-type': 'text/html' } }, headers, '<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    } else if (take(faults, 'throttle', path) || (r && rl.exhausted)) {
      const fault = !rl.exhausted;
      note = fault ? ' [fault: 429]' : ' [rate limited]';
      const nowSec = Math.floor(Date.now() / 1000);
      if (fault) {
        headers['x-ratelimit-remaining'] = '0';
        headers['x-ratelimit-reset'] = String(nowSec + faults.throttleResetSec);
        delete headers['retry-after'];
        if (faults.throttleRetryAfter === 'date') headers['retry-after'] = new Date((nowSec + faults.throttleResetSec) * 1000).toUTCString();
        else if (typeof faults.throttleRetryAfter === 'number') headers['retry-after'] = String(faults.throttleRetryAfter);
      }
      const e = new HttpError(429, 'rate_limit_exceeded', 'Too many requests. Retry after the window resets.');
      reply = { status: 429, body: errorBody(family, e, requestId) };
    } else if (!r) {
      reply = { status: 404, body: errorBody(family, new HttpError(404, 'not_found', `No route ${method} ${path}.`), requestId) };
    } else {
      try {
        reply = r.run();
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        reply = { status: err.status, body: errorBody(family, err, requestId) };
      }
      if (reply.status < 300 && take(faults, 'dropAfter', path)) {
        note = ' [fault: drop after]';
        req.socket.destroy();
        return;
      }
      if (reply.status < 300 && take(faults, 'malformedJson', path)) {
        note = ' [fault: malformed json]';
        status = 200;
        send(res, { status: 200 }, headers, '{"keys": [{"id": "key_');
        return;
      }
    }
    status = reply.status;
    send(res, reply, headers);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"detail":"Internal error"}');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? '127.0.0.1';
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    port,
    state,
    faults,
    options,
    stats,
    addAccount: (mgmtKey, o = {}) => state.addAccount({ key: mgmtKey, ...o }),
    resetFaults: () => Object.assign(faults, defaultFaults(), { paths: undefined }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
