// One typed error for every way a provider call can fail, decoded from any body shape the spec
// names, with the next step a person can take. Messages never carry a secret (see scrub).
import type { ProviderEntry } from '../../../shared/providers/types';
import type { ApiErrorShape, NextStep } from './types';

export class ApiError extends Error implements ApiErrorShape {
  readonly status: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly nextStep: NextStep;
  readonly link?: string;
  readonly retryAt?: number;
  /** Display name of the provider, for userMessage. */
  readonly provider?: string;

  constructor(shape: ApiErrorShape & { provider?: string }) {
    super(shape.message);
    this.name = 'ApiError';
    this.status = shape.status;
    this.code = shape.code;
    this.requestId = shape.requestId;
    this.nextStep = shape.nextStep;
    this.link = shape.link;
    this.retryAt = shape.retryAt;
    this.provider = shape.provider;
  }

  toJSON(): ApiErrorShape & { provider?: string } {
    const { status, code, message, requestId, nextStep, link, retryAt, provider } = this;
    return { status, code, message, requestId, nextStep, link, retryAt, provider };
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** What a body says, whatever its shape. */
export interface DecodedBody {
  code?: string;
  message?: string;
  requestId?: string;
  link?: string;
}

const MAX_MESSAGE = 300;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** FastAPI validation detail: [{loc: ['body', 'name'], msg: 'Field required'}]. */
function detailList(items: unknown[]): string | undefined {
  const parts = items
    .map((it) => {
      if (typeof it === 'string') return it;
      if (!it || typeof it !== 'object') return undefined;
      const o = it as Record<string, unknown>;
      const msg = str(o.msg) ?? str(o.message);
      const loc = Array.isArray(o.loc) ? o.loc.filter((x) => x !== 'body').join('.') : undefined;
      return msg && loc ? `${loc}: ${msg}` : msg;
    })
    .filter((s): s is string => !!s);
  return parts.length ? parts.join('; ') : undefined;
}

export function decodeErrorBody(text: string, contentType = ''): DecodedBody {
  const trimmed = text.trim();
  if (!trimmed) return {};
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    if (/html/i.test(contentType) || trimmed.startsWith('<')) return { message: 'the server answered with an HTML page instead of JSON' };
    // A short plain-text body is usually a readable reason; a long one is noise.
    return trimmed.length <= 200 && !/[\u0000-\u0008]/.test(trimmed) ? { message: trimmed } : {};
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  const o = json as Record<string, unknown>;
  const out: DecodedBody = {};
  // {"error": {type, code, message, request_id}}
  if (o.error && typeof o.error === 'object' && !Array.isArray(o.error)) {
    const e = o.error as Record<string, unknown>;
    out.code = str(e.code) ?? str(e.type);
    out.message = str(e.message);
    out.requestId = str(e.request_id) ?? str(e.requestId);
  } else if (str(o.error)) {
    // {"error": "..."}; with a sibling message ({statusCode, error: 'Unauthorized', message}) the message is the reason.
    out.message = str(o.message) ?? str(o.error);
  }
  // {"detail": "..."} or FastAPI's list of objects.
  if (!out.message) {
    if (str(o.detail)) out.message = str(o.detail);
    else if (Array.isArray(o.detail)) out.message = detailList(o.detail);
    else if (o.detail && typeof o.detail === 'object') out.message = str((o.detail as Record<string, unknown>).message);
  }
  // {code, message, resolution_url}
  out.code ??= str(o.code);
  out.message ??= str(o.message);
  out.requestId ??= str(o.request_id) ?? str(o.requestId);
  out.link = str(o.resolution_url) ?? str(o.resolutionUrl);
  return out;
}

// ---- Echo scrubbing -------------------------------------------------------------------------
// A server (or a proxy in front of it) may echo the key it was sent back in an error: whole, or
// URL-encoded, JSON-escaped, base64'd (as in `Basic base64(user:key)`), or split by a line break.
// The text is decoded (with a map back to the original positions) and searched, so the cost is
// linear in the text and no key-sized regex is ever compiled.

/** A decoded view of a text: `from[i]`..`to[i]` is the source span of decoded character i. */
interface View {
  text: string;
  from: number[];
  to: number[];
}

const PERCENT = /%([0-9a-fA-F]{2})/y;
const U_ESCAPE = /\\u([0-9a-fA-F]{4})/y;
const ENTITY = /&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));/y;

interface Decoders {
  percent?: boolean;
  json?: boolean;
  entity?: boolean;
}
const ALL: Decoders = { percent: true, json: true, entity: true };

/** One level of decoding (%XX, \uXXXX \" \\ \/, &#…;, as chosen), gaps (whitespace, an escaped \r \n \t) dropped. */
function decodeOnce(v: View, d: Decoders = ALL): View {
  const s = v.text;
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0') {
      i += 1;
      continue;
    }
    if (c === '\\' && (s[i + 1] === 'r' || s[i + 1] === 'n' || s[i + 1] === 't')) {
      i += 2;
      continue;
    }
    let ch = c;
    let len = 1;
    let m: RegExpExecArray | null = null;
    if (c === '%' && d.percent) {
      PERCENT.lastIndex = i;
      m = PERCENT.exec(s);
      if (m) ch = String.fromCharCode(parseInt(m[1], 16));
    } else if (c === '\\' && d.json) {
      U_ESCAPE.lastIndex = i;
      m = U_ESCAPE.exec(s);
      if (m) ch = String.fromCharCode(parseInt(m[1], 16));
      else if (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === '/') {
        ch = s[i + 1];
        len = 2;
      }
    } else if (c === '&' && d.entity) {
      ENTITY.lastIndex = i;
      m = ENTITY.exec(s);
      if (m) ch = String.fromCodePoint(Math.min(0x10ffff, m[1] ? parseInt(m[1], 16) : Number(m[2])));
    }
    if (m) len = m[0].length;
    out.push(ch);
    from.push(v.from[i]);
    to.push(v.to[i + len - 1]);
    i += len;
  }
  return { text: out.join(''), from, to };
}

/**
 * The base64 runs that appear inside base64(anything + key + anything), whatever the key's offset:
 * for each of the three alignments, the encoding of the whole 3-byte groups of the key.
 */
export function base64Cores(key: string): string[] {
  const bytes = Buffer.from(key, 'utf8');
  const out = new Set<string>();
  for (let s = 0; s < 3; s++) {
    const whole = Math.floor((bytes.length - s) / 3) * 3;
    if (whole < 9) continue; // too short to be told from chance
    const std = bytes.subarray(s, s + whole).toString('base64');
    out.add(std);
    out.add(std.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...out];
}

/**
 * Replaces every echo of `key` in a text: exact, URL-encoded once or twice, JSON-escaped, HTML
 * entities, base64 (std or url-safe, at any alignment), split by whitespace or an escaped line break.
 */
export function echoScrubber(key: string, mask: string): (text: string) => string {
  const needles = key.length >= 8 ? [key, ...base64Cores(key)] : [key];
  return (text) => {
    if (!text || !key) return text;
    const spans: Array<[number, number]> = [];
    const find = (v: View) => {
      for (const n of needles)
        for (let at = v.text.indexOf(n); at >= 0; at = v.text.indexOf(n, at + 1)) spans.push([v.from[at], v.to[at + n.length - 1]]);
    };
    const raw: View = { text, from: Array.from({ length: text.length }, (_, i) => i), to: Array.from({ length: text.length }, (_, i) => i + 1) };
    // One decoder at a time, all together, and twice (a URL-encoded JSON string, a double-encoded URL):
    // a key that itself contains `%41` must still be found after its quotes are unescaped.
    find(raw);
    for (const d of [{}, { json: true }, { percent: true }, { entity: true }]) find(decodeOnce(raw, d));
    const once = decodeOnce(raw);
    find(once);
    find(decodeOnce(once));
    if (!spans.length) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let pos = 0;
    for (const [a, b] of spans) {
      if (b <= pos) continue;
      out += text.slice(pos, Math.max(pos, a)) + (a >= pos ? mask : '');
      pos = b;
    }
    return out + text.slice(pos);
  };
}

function clip(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE - 1)}…` : clean;
}

const DASHBOARD_ONLY = /dashboard/i;

export function nextStepFor(status: number, message: string): NextStep {
  if (status === 0) return 'retry-later';
  if (status === 401) return 'reenter-key';
  if (status === 402) return 'billing';
  if (status === 403) return DASHBOARD_ONLY.test(message) ? 'use-dashboard' : 'missing-scope';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'wait';
  if (status === 408 || status >= 500) return 'retry-later';
  if (status >= 400) return 'fix-request';
  return 'report';
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  402: 'Payment required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Invalid request',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

export interface ResponseErrorInput {
  provider: ProviderEntry;
  status: number;
  body: string;
  contentType?: string;
  headerRequestId?: string;
  retryAt?: number;
  /** Removes secrets the body may echo back. */
  scrub?: (s: string) => string;
}

export function errorFromResponse(i: ResponseErrorInput): ApiError {
  const d = decodeErrorBody(i.body, i.contentType);
  const scrub = i.scrub ?? ((s: string) => s);
  const message = clip(scrub(d.message ?? STATUS_TEXT[i.status] ?? `HTTP ${i.status}`));
  // Code, request id and link are shown too: a hostile server could echo the key in any of them.
  const field = (v: string | undefined) => (v === undefined ? undefined : clip(scrub(v)));
  const nextStep = nextStepFor(i.status, message);
  let link: string | undefined;
  const bodyLink = field(d.link);
  if (nextStep === 'billing') link = bodyLink ?? i.provider.billingUrl;
  else if (nextStep === 'use-dashboard') link = i.provider.dashboardUrl ?? bodyLink;
  else link = bodyLink;
  return new ApiError({
    status: i.status,
    code: field(d.code),
    message,
    requestId: field(d.requestId ?? i.headerRequestId),
    nextStep,
    link,
    retryAt: nextStep === 'wait' ? i.retryAt : undefined,
    provider: i.provider.name,
  });
}

const NETWORK_TEXT: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stopped arriving',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  UND_ERR_CLOSED: 'the connection was closed',
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed while sending',
  ECONNABORTED: 'the connection was aborted',
  UND_ERR_ABORTED: 'the request was cancelled',
  ABORT_ERR: 'the request was cancelled',
};

export function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && e.code) return e.code;
  if (e.name === 'AbortError') return 'ABORT_ERR';
  return errorCode(e.cause);
}

/** Status 0: the request never got an HTTP answer (network, timeout, proxy, cancel). */
export function networkError(provider: ProviderEntry, err: unknown, scrub?: (s: string) => string): ApiError {
  const code = errorCode(err) ?? 'NETWORK';
  // Unknown errors keep their text, minus any user:password of a proxy URL.
  const raw = NETWORK_TEXT[code] ?? (err instanceof Error ? err.message : String(err)).replace(/\/\/[^/\s@]+@/g, '//***@');
  return new ApiError({
    status: 0,
    code,
    message: clip(scrub ? scrub(raw) : raw),
    nextStep: code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' ? 'fix-request' : 'retry-later',
    provider: provider.name,
  });
}

/** A 2xx answer keyward cannot read. `what` must never quote a secret. */
export function malformedResponse(provider: ProviderEntry, what: string, requestId?: string, status = 0): ApiError {
  return new ApiError({ status, code: 'malformed_response', message: clip(what), requestId, nextStep: 'report', provider: provider.name });
}

function when(ms: number): string {
  const secs = Math.max(0, Math.ceil((ms - Date.now()) / 1000));
  return `${new Date(ms).toISOString().slice(11, 19)} UTC (in ${secs} s)`;
}

/** One sentence a person can act on, plus the request id to quote. */
export function userMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const p = err.provider ?? 'The provider';
  const s = err.status;
  const m = err.message.replace(/[.\s]+$/, '');
  let text: string;
  switch (err.nextStep) {
    case 'reenter-key':
      text = s === 0 ? `${p}: ${m}. Sign in with a valid key.` : `${p} rejected the key (${s}): ${m}. Sign in again with a valid key.`;
      break;
    case 'billing':
      text = `${p} says the account has no credits left (402): ${m}. Add credits or upgrade${err.link ? ` at ${err.link}` : ' in the billing settings'}.`;
      break;
    case 'use-dashboard':
      text = `${p} only allows this from its web dashboard (403): ${m}.${err.link ? ` Open ${err.link}.` : ''}`;
      break;
    case 'missing-scope':
      text = `${p} refused the request (403): ${m}. The key lacks a permission this needs; use a key with that scope.`;
      break;
    case 'not-found':
      text = `${p} could not find it (404): ${m}. Refresh the key list.`;
      break;
    case 'conflict':
      text = `${p} reported a conflict (409${err.code ? ` ${err.code}` : ''}): ${m}. Start the action again.`;
      break;
    case 'wait':
      text = `${p} rate limit reached (429). Try again ${err.retryAt ? `after ${when(err.retryAt)}` : 'in a minute'}.`;
      break;
    case 'retry-later':
      text = s === 0 ? `Could not reach ${p}: ${m}. Check the connection or proxy settings and try again later.` : `${p} had a server error (${s}): ${m}. Try again later.`;
      break;
    case 'fix-request':
      text = s === 0 ? `${p} request stopped: ${m}.` : `${p} rejected the request (${s}): ${m}.`;
      break;
    default:
      text = `${p} sent a response keyward could not read: ${m}. Please report this.`;
  }
  return err.requestId ? `${text} Request id ${err.requestId}.` : text;
}
