// Keeps secrets out of log lines and messages: known values are replaced wherever they appear,
// and token-looking values next to an auth header or key field are masked even when unknown.

export interface Redactor {
  /** Remember a secret so every later redact() hides it. Ignores empty or very short values. */
  add(secret: string | undefined): void;
  redact(text: string): string;
}

const TOKEN = '[A-Za-z0-9._~+/=-]{8,}';
// After the token: neither more token characters nor the ellipsis of an already masked value.
const END = '(?![A-Za-z0-9._~+/=\u2026-])';

/** Places where a value is a credential even when keyward has not seen it before. Data, not code. */
const CONTEXT_PATTERNS: RegExp[] = [
  // X-API-Key: v, api_key=v, "secret_key": "v", Authorization: Bearer v, token=v ...
  new RegExp(
    `((?:x-api-key|api[-_]?key|apikey|secret[-_]?key|client[-_]?secret|access[-_]?token|auth[-_]?token|password|authorization|"key")["']?\\s*[:=]\\s*["']?(?:Bearer\\s+|Basic\\s+|Token\\s+)?)(${TOKEN})${END}`,
    'gi',
  ),
  new RegExp(`(\\bBearer\\s+)(${TOKEN})${END}`, 'gi'),
];

/** Key shapes masked anywhere (provider prefixes from the spec, plus common vendor ones). */
const SHAPE_PATTERNS: RegExp[] = [/\b(?:pio_sk|fast_sk|pi_live|pi_test|sk_live|sk_test|rk_live|pk)_[A-Za-z0-9_-]{12,}(?![A-Za-z0-9_\u2026-])/g];

/** A short, non-secret prefix (e.g. `pio_sk_`) and the length: enough to recognise, useless to an attacker. */
export function maskSecret(secret: string): string {
  const len = secret.length;
  if (len < 16) return `\u2026[${len} chars]`;
  const m = /^[A-Za-z]{1,6}(?:[_-][A-Za-z]{1,6})?[_-]/.exec(secret);
  const prefix = m && m[0].length <= 8 ? m[0] : secret.slice(0, 4);
  return `${prefix}\u2026[${len} chars]`;
}

export function createRedactor(): Redactor {
  const known = new Set<string>();
  let ordered: string[] = [];
  return {
    add(secret) {
      const s = secret?.trim();
      // Very short values would mask ordinary words; real keys are far longer.
      if (!s || s.length < 8 || known.has(s)) return;
      known.add(s);
      ordered = [...known].sort((a, b) => b.length - a.length);
    },
    redact(text) {
      if (!text) return text;
      let out = text;
      for (const s of ordered) if (out.includes(s)) out = out.split(s).join(maskSecret(s));
      for (const re of CONTEXT_PATTERNS) out = out.replace(re, (_m, lead: string, tok: string) => `${lead}${maskSecret(tok)}`);
      for (const re of SHAPE_PATTERNS) out = out.replace(re, (tok: string) => maskSecret(tok));
      return out;
    },
  };
}

/** One-off redaction of a text against a few known secrets. */
export function redactWith(text: string, secrets: Iterable<string | undefined>): string {
  const r = createRedactor();
  for (const s of secrets) r.add(s);
  return r.redact(text);
}
