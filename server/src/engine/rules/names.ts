// Which names hold credentials. Data: word lists over the name split into words
// (apiKey, API_KEY, x-api-key, api.key -> [api, key]); the verdict comes from the last words.
import type { Strength } from '../value';

export type NameClass = { strength: Strength; header: boolean; bearerScheme?: boolean; allowHex: boolean };

/** Split an identifier into lower-case words: camelCase, snake_case, kebab-case, dotted, $php, --flags. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Final words that make a key-like name describe something else: api_key_id, token_url, KEY_LENGTH.
const NOT_SECRET_TAIL = new Set(
  (
    'id ids name names type types kind url urls uri endpoint path paths file filename dir length len size count ' +
    'max min limit prefix suffix field fields param params env var variable expiry expires expiration exp ttl timeout ' +
    'format pattern regex re label placeholder hint desc description schema version algorithm alg mode enabled enable ' +
    'required valid validator validation error errors message msg status state hash hashed digest location index idx ' +
    'position ref arn storage store cache callback handler provider providers option options config settings setting ' +
    'keyring number num lifetime duration rotation policy scope scopes usage filter sort input output button btn text ' +
    'title icon class style color route column col table manager generator factory builder request response result ' +
    'fn func module helper util utils loader parser reader event events listener changed exists present missing ' +
    'invalid expired visible header headers name_ key_name spec type_ doc docs link hint char chars bytes bits ' +
    'encoding encoded salt rounds iterations input list map set dict entry entries pair pairs prompt page'
  ).split(' '),
);

// Words anywhere in the name that make it a non-secret: public keys, pagination and CSRF tokens, db keys, i18n.
const NOT_SECRET_ANY = new Set(
  (
    'public publishable pub csrf xsrf page paging next prev previous continuation cursor sync cancel cancellation ' +
    'idempotency dedupe dedup sort partition primary foreign unique composite i18n l10n translation locale lang ' +
    'react query hot shortcut keyboard keyboard keycode keydown keyup keypress cache storage session_id lexer ' +
    'parser tokenizer tokenize tokens_used max_tokens token_count tokenizer_config csrftoken stripe_publishable ' +
    'registration recaptcha_site site analytics tracking measurement segment posthog sentry_dsn dsn encrypted ciphertext sealed'
  ).split(' '),
);

// Words that on their own, at the end of a name, mean credential.
const STRONG_TAIL = new Set(['secret', 'secrets', 'token', 'apikey', 'apitoken', 'accesstoken', 'authtoken', 'refreshtoken', 'secretkey', 'accesskey', 'privatekey', 'credential', 'credentials', 'pat', 'bearer', 'clientsecret', 'apisecret', 'passphrase']);
// <word> key pairs that mean credential: api key, secret key, access key, ...
const STRONG_KEY_QUALIFIER = new Set(['api', 'secret', 'access', 'private', 'auth', 'master', 'signing', 'encryption', 'subscription', 'license', 'app', 'client', 'service', 'admin', 'write', 'read', 'server', 'account', 'webhook', 'integration', 'developer', 'dev', 'personal', 'project', 'management', 'ingest', 'deploy', 'live', 'rest', 'hmac', 'jwt', 'session', 'cookie', 'consumer', 'shared', 'root']);
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passcode']);

/**
 * Classify a name (variable, key, header, parameter, CLI flag). `extra` are the user's
 * keyward.extraKeyNames regexes: a match makes the name a strong credential name.
 */
export function classifyName(name: string, extra?: readonly RegExp[]): NameClass | undefined {
  const bare = name.replace(/^[-$@:]+/, '');
  if (!bare) return undefined;
  if (extra) for (const re of extra) if (re.test(bare)) return { strength: 'strong', header: false, allowHex: true };
  const words = nameWords(bare);
  if (words.length === 0 || words.length > 10) return undefined;
  const last = words[words.length - 1];
  const prev = words.length > 1 ? words[words.length - 2] : '';
  const header = /^x-/i.test(bare) || (bare.includes('-') && /^[A-Za-z]+(?:-[A-Za-z]+)+$/.test(bare) && /^[A-Z]/.test(bare));
  if (last === 'authorization' || last === 'proxyauthorization') return { strength: 'strong', header: true, bearerScheme: true, allowHex: true };
  if (NOT_SECRET_TAIL.has(last)) return undefined;
  for (const w of words) if (NOT_SECRET_ANY.has(w)) return undefined;
  const joined = words.join('_');
  for (const w of NOT_SECRET_ANY) if (w.includes('_') && joined.includes(w)) return undefined;
  if (last === 'bearer' && words.length === 1) return { strength: 'strong', header: true, allowHex: true };
  if (STRONG_TAIL.has(last)) return { strength: 'strong', header, allowHex: true };
  if (last === 'key' || last === 'keys') {
    if (!prev) return undefined; // a bare `key` is a dict key, a React key, a cache key...
    if (STRONG_KEY_QUALIFIER.has(prev)) return { strength: 'strong', header, allowHex: true };
    return { strength: 'weak', header, allowHex: false };
  }
  if (last === 'auth' && words.length <= 3) return { strength: 'weak', header, allowHex: false };
  if (PASSWORD_WORDS.has(last)) return { strength: 'weak', header, allowHex: false };
  // secret_value, token_value, api_key_value: the credential word one step back.
  if ((last === 'value' || last === 'string' || last === 'str') && (STRONG_TAIL.has(prev) || prev === 'key')) {
    return classifyName(words.slice(0, -1).join('_'), extra);
  }
  return undefined;
}
