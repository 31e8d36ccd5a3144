// Judgement of a candidate value found at a credential position: is it a real-looking secret, or a
// placeholder, a reference, an identifier, a path, a hash or prose? Each rejection is a false alarm
// avoided, so the checks lean towards "not a secret" whenever the value reads like something else.

/** strong: the name says credential (api_key, token, secret); weak: it only might (stripeKey, password). */
export type Strength = 'strong' | 'weak';

export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

// Marks of documentation and templates, anywhere in the value.
const PLACEHOLDER_ANYWHERE =
  /your|x{4}|X{4}|\*{3}|•{2}|\.{3}|…|<[^>]{0,60}>|\$\{|\{\{|\}\}|%\(|%s\b|#\{|\[\[|change[-_ ]?me|replace|example|placeholder|dummy|sample|redacted|insert|fake|not[-_ ]?(?:a|my|your)?[-_ ]?real|lorem|ipsum|todo|fixme|goes[-_ ]?here|_here\b|-here\b/i;

// References to a secret kept elsewhere: shell/Make/Windows variables, templating, YAML tags,
// secret-manager URIs. The value is a pointer, not the secret.
const REFERENCE_PREFIX =
  /^(?:\$|%[A-Za-z_][\w]*%$|\{|@|!|&|\*[A-Za-z]|ENC\[|vault:|op:\/\/|arn:aws:|secretsmanager:|ssm:|sm:\/\/|projects\/[^/]+\/secrets\/|azure:|kv:|ref\+|env:|secret:|file:|http:|https:|data:|mailto:)/i;

// Whole-value stop words: nobody's key is "none" or "test-api-key-123".
const STOP_WORDS = new Set(
  (
    'test testing tests none null nil undefined true false yes no on off foo bar baz qux quux abc xyz demo default ' +
    'string str value values empty blank temp tmp hidden masked required optional env key keys api apikey token tokens ' +
    'secret secrets password passwd pass pwd auth bearer basic my mine our the a an here put set get new old sk pk ' +
    'admin root user username guest public private local dev development prod production staging stage ' +
    'app application client server service access id name live mock stub todo unknown invalid valid'
  ).split(' '),
);

/** The value reads as a placeholder or a stand-in ("YOUR_API_KEY", "<token>", "${KEY}", "test-key-1"). */
export function isPlaceholderValue(v: string): boolean {
  if (PLACEHOLDER_ANYWHERE.test(v)) return true;
  if (REFERENCE_PREFIX.test(v)) return true;
  // Mostly one repeated character (0000…, aaaa…), or a keyboard run.
  if (/(.)\1{5,}/.test(v) && new Set(v).size <= Math.max(3, v.length / 4)) return true;
  if (/0123456|123456789|abcdefgh|qwerty|asdfgh/i.test(v)) return true;
  const parts = v.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (parts.length > 0 && parts.every((p) => STOP_WORDS.has(p) || /^\d{1,6}$/.test(p))) return true;
  return false;
}

// Lookups of a secret kept elsewhere, in many languages: the value is not hardcoded.
const ENV_LOOKUP =
  /process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|ENV\.fetch|Deno\.env|env::var|std::env|Bun\.env|\$_ENV|\$_SERVER|env\(|config\(|Settings\.|settings\.|secrets\.|vault\./;

/** An expression that reads the value from the environment or a secret store. */
export function isEnvLookup(expr: string): boolean {
  return ENV_LOOKUP.test(expr);
}

/** Percent-decoded or base64-decoded text of the value, when it is printable ASCII; undefined otherwise. */
function decodedForm(v: string): string | undefined {
  let out: string | undefined;
  if (/%[0-9A-Fa-f]{2}/.test(v)) {
    try {
      out = decodeURIComponent(v);
    } catch {
      out = undefined;
    }
  } else if (v.length % 4 === 0 && /^[A-Za-z0-9+/]{8,}={0,2}$/.test(v)) {
    try {
      out = atob(v);
    } catch {
      out = undefined;
    }
  }
  return out !== undefined && /^[\x20-\x7e]+$/.test(out) ? out : undefined;
}

const HEX_ONLY = /^[0-9a-fA-F]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SRI = /^(?:sha(?:1|256|384|512))-[A-Za-z0-9+/]{20,}={0,2}$/;
// PNG, JPEG, GIF, WebP, SVG and PDF payloads in base64.
const BASE64_MEDIA = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|PHN2Zy|JVBERi0)/;
const VERSION_OR_DATE = /^v?\d+(?:[._:/-]\d+)+(?:[-+.][\w.]+)?$/;

/**
 * Identifier, dotted/kebab/snake name or a few words: `userProfile`, `auth.login.title`,
 * `my-app-secret`, `API_KEY_HEADER`. Random strings break such shapes (digits inside letters,
 * long consonant runs, case flips mid-word).
 */
export function isWordLike(v: string): boolean {
  const parts = v.split(/[-_.:/ ]+/).filter(Boolean);
  if (parts.length === 0) return true;
  let letters = 0;
  for (const part of parts) {
    if (/^\d{1,4}$/.test(part)) continue;
    // camelCase / PascalCase / UPPER / lower words, optionally a short number at the end.
    // (Checked word by word: one regex with nested quantifiers would backtrack exponentially.)
    if (part.length > 64 || !/^[A-Za-z]+\d{0,3}$/.test(part)) return false;
    for (const w of part.replace(/\d+$/, '').split(/(?=[A-Z][a-z])|(?<=[a-z])(?=[A-Z])/)) {
      if (!/^(?:[A-Z]?[a-z]+|[A-Z]+)$/.test(w)) return false;
      // Real words have vowels and no long consonant runs; random letters do not.
      if (w.length >= 4 && !/[aeiouyAEIOUY]/.test(w)) return false;
      if (/[^aeiouyAEIOUY\d]{5,}/.test(w)) return false;
      letters += w.length;
    }
  }
  return letters > 0;
}

/** A filesystem path or a module specifier, not a secret. */
export function isPathLike(v: string): boolean {
  if (/^(?:\.{1,2}[\\/]|~[\\/]|\/[A-Za-z._-]|[A-Za-z]:[\\/])/.test(v)) return true;
  if (!v.includes('/')) return /^[\w-]+\.(?:json|ya?ml|pem|key|crt|cer|p12|pfx|txt|env|js|ts|py|rb|go|java|cs|php|html|css|png|jpe?g|svg|gif|ico|toml|ini|conf|cfg|xml|md|log|sh)$/i.test(v);
  const segs = v.split('/');
  return segs.every((s) => s === '' || isWordLike(s) || /^[\w.-]{1,40}\.[a-z]{1,5}$/.test(s) || /^@?[a-z0-9][a-z0-9._-]{0,40}$/.test(s));
}

const MIN_LENGTH: Record<Strength, number> = { strong: 10, weak: 16 };

/** Minimum Shannon entropy for a value of this length: short random strings cannot reach high values. */
function minEntropy(len: number, strength: Strength): number {
  const log = Math.log2(len);
  return strength === 'strong' ? Math.min(3.0, 0.75 * log) : Math.min(3.4, 0.85 * log);
}

export interface ValueContext {
  strength: Strength;
  /** Hex/UUID values are accepted only where the name is an unambiguous api key / secret / token. */
  allowHexAndUuid?: boolean;
  /** false when the literal cannot interpolate `$name` (single quotes, JS/Python/Java strings): `$` is a character. */
  interpolates?: boolean;
}

/**
 * Why `v` is not a secret, or undefined when it looks like one. `v` is the bare value (quotes and
 * an auth scheme like "Bearer " already removed).
 */
export function rejectValue(v: string, ctx: ValueContext): string | undefined {
  const len = v.length;
  if (len < MIN_LENGTH[ctx.strength]) return 'short';
  if (len > 1024) return 'long';
  // Keys are printable ASCII without spaces or code punctuation.
  if (/[^\x21-\x7e]/.test(v)) return 'charset';
  if (/[\s"'`\\(){}[\]<>;,|]/.test(v)) return 'code';
  // Fragments of concatenations and member chains: "+e.maxKeys+", ".apiKey".
  if (/^[+.=&]|[+.&]$/.test(v) || /[+][A-Za-z_$][\w$]*\.[A-Za-z_$]/.test(v)) return 'code';
  if (isPlaceholderValue(v)) return 'placeholder';
  // `$name` inside a string that interpolates (shell, PHP, Perl, Kotlin double quotes): a template.
  if (ctx.interpolates !== false && /\$[A-Za-z_{(]/.test(v)) return 'interpolation';
  // What the value hides behind encodings: "secret%3Dpassword", base64 of "user:not my real password".
  const decoded = decodedForm(v);
  if (decoded !== undefined && (isPlaceholderValue(decoded) || /\s\S+\s/.test(decoded))) return 'placeholder';
  if (/^-?\d+(?:\.\d+)?$/.test(v) || VERSION_OR_DATE.test(v)) return 'number';
  if (/:\/\//.test(v)) return 'url';
  if (SRI.test(v) || BASE64_MEDIA.test(v)) return 'hash';
  if (/^pk_(?:live|test)_/.test(v)) return 'public-key'; // Stripe publishable keys are meant to be public
  // A JWT is three dot-separated parts; a lone header ("eyJhbGciOi…") is a constant.
  if (/^eyJ/.test(v) && !/^eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*$/.test(v)) return 'jwt-fragment';
  // Short hex runs are ids and abbreviated hashes (git short SHAs, colours), not keys.
  if (HEX_ONLY.test(v) && len < 20) return 'short-hex';
  if (UUID.test(v) || (HEX_ONLY.test(v) && (len === 32 || len === 40 || len === 64 || len === 128))) {
    if (!ctx.allowHexAndUuid) return 'hash';
  } else if (HEX_ONLY.test(v) && /^[0-9]+[a-f]?$/i.test(v)) {
    return 'number';
  }
  if (isPathLike(v)) return 'path';
  if (/^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(v)) return 'email';
  if (isWordLike(v)) return 'words';
  if (shannonEntropy(v) < minEntropy(len, ctx.strength)) return 'entropy';
  const hasDigit = /\d/.test(v);
  const hasLetter = /[A-Za-z]/.test(v);
  if (!hasLetter) return 'no-letters';
  if (!hasDigit) {
    // Letter-only keys exist (base64 without digits is rare); require length and mixed case.
    if (!(len >= 20 && /[a-z]/.test(v) && /[A-Z]/.test(v))) return 'no-digits';
  }
  if (ctx.strength === 'weak') {
    // Names like stripeKey/password: only clearly random values count.
    const classes = +/[a-z]/.test(v) + +/[A-Z]/.test(v) + +hasDigit + +/[^A-Za-z0-9]/.test(v);
    if (classes < 2 || (HEX_ONLY.test(v) && !ctx.allowHexAndUuid)) return 'weak-shape';
  }
  return undefined;
}
