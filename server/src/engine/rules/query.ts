// Credentials in URL query strings, as data: which parameter names carry credentials, which URLs
// make a generic name (`key`, `token`) one, and which calls turn an object into a query string.

/** always: a credential wherever it appears; api-url: only on an API-looking URL or with a key-like literal. */
export type ParamPolicy = 'always' | 'api-url';

export const QUERY_PARAMS: ReadonlyMap<string, ParamPolicy> = new Map<string, ParamPolicy>([
  ...(
    'api_key apikey api-key api_token apitoken api-token access_token accesstoken access-token auth_token authtoken ' +
    'auth-token client_secret clientsecret client-secret api_secret apisecret app_secret secret_key private_token ' +
    'private-token x-api-key x_api_key subscription-key subscription_key access_key accesskey hapikey auth_key authkey ' +
    'app_key appkey password passwd secret'
  )
    .split(' ')
    .map((n) => [n, 'always'] as [string, ParamPolicy]),
  // Generic names: Google's ?key=, OpenWeather's ?appid=, Firebase's ?auth=, many APIs' ?token=.
  ['key', 'api-url'],
  ['appid', 'api-url'],
  ['token', 'api-url'],
  ['auth', 'api-url'],
]);

/** URL text that marks an API call (the part before the parameter, same line). */
export const API_URL_HINT = /api|\/v\d+\b|\/rest\/|\/graphql|\/services\/|\/data\/|\.json\b|webhook/i;

/** One-time links: a token in them is the link's purpose, not an API credential (reset, invite, verify). */
export const ONE_TIME_LINK = /reset|verif|confirm|invit|unsubscribe|activat|magic|signup|sign-up|register|join|share|download|email|login-link|callback/i;

/** Form bodies look like query strings but travel in the request body (OAuth token requests do this). */
export const FORM_BODY_HINT = /grant_type|\bbody\b|\bdata\s*[=:]|\bform\b|x-www-form-urlencoded|payload|\bmethod\s*[:=]\s*["']?post\b|\.post\s*\(/i;

/** URLs whose token is public by design (coverage badges, embeds). */
export const PUBLIC_URL = /badge|\.svg\b|shields\.io|codecov\.io|coveralls/i;

/** A variable or expression that reads like a credential (for generic parameter names such as `key`). */
export const CREDENTIAL_EXPR = /key|token|secret|auth|cred|pass/i;

/**
 * Calls and names that turn an object / pairs into a query string. Each ends at an opener (`{`, `[`,
 * `(`) that must still be open where the parameter stands.
 */
export const QUERY_BUILDERS: readonly string[] = [
  '\\b(?:params|query_?params|queryParams|search_?params|searchParams|query|qs|querystring)\\s*(?:[:=]|=>)\\s*(?:dict\\s*\\(\\s*)?[{[(]',
  '\\bURLSearchParams\\s*\\(\\s*[{[]',
  '\\b(?:searchParams|params|query|qs|q|values|v|HttpParams\\(\\))\\s*\\.\\s*(?:set|append|add|Set|Add)\\s*\\(',
  '\\b(?:addQueryParameter|setQueryParameter|queryParam|addParameter|AddQueryString|add_query_param|withQueryParameters?|queryParams?|setQueryParam)\\s*\\((?:[^(),"\'`]{1,80},)?',
  '\\burl\\.Values\\s*\\{',
  '\\b(?:urlencode|encode_www_form|http_build_query|stringify|buildQuery|build_query|URI\\.encode_www_form)\\s*\\(\\s*(?:dict\\s*\\(\\s*)?[{[(]?',
  '\\.query\\s*\\(\\s*\\{',
  '\\bparams\\s*\\[',
];
