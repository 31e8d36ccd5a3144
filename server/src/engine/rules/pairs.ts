// Reading `name <sep> value` around a keyword hit, in the syntaxes of many languages:
//   NAME = "v" · name: 'v' · "name": "v" · 'name' => 'v' · ("X-API-Key", "v") · name := "v"
//   apiKey: string = "v" · dict["name"] = "v" · f(name="v") · .apiKey("v") · process.env.X || "v"
//   "X-API-Key: v" · "Authorization: Bearer v" · NAME=v (config) · ENV NAME v · --api-key v
// Every regex here is sticky, bounded and limited to one line ([ \t], never \s).
import type { LanguageEntry } from '../../../../shared/languages';

export type PairMode = 'quoted' | 'unquoted' | 'in-string' | 'expr' | 'shorthand';

export interface Pair {
  name: string;
  nameStart: number;
  nameEnd: number;
  nameQuoted: boolean;
  sep: string;
  mode: PairMode;
  /** Raw value (inside the quotes when quoted) and where it starts. */
  value: string;
  valueStart: number;
  quote?: string;
  /** The whole literal including quotes (and a string prefix like r"" / @""). */
  literalStart?: number;
  literalEnd?: number;
  /** The literal is only part of the value ("abc" + x): not a whole secret. */
  partial?: boolean;
}

const QUOTES = '"\'`';
// Characters of an identifier-ish name: letters, digits, _ $ . @ - (X-API-Key, $apiKey, @token, api.key).
const IDENT = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$.@-') IDENT[c.charCodeAt(0)] = 1;
const isIdent = (code: number) => code < 128 && IDENT[code] === 1;

/** Identifier-ish run around `pos` within [lineStart, lineEnd). */
export function expandName(text: string, pos: number, lineStart: number, lineEnd: number): [number, number] {
  let s = pos;
  let e = pos;
  while (s > lineStart && s > pos - 128 && isIdent(text.charCodeAt(s - 1))) s--;
  while (e < lineEnd && e < pos + 128 && isIdent(text.charCodeAt(e))) e++;
  // A trailing '.' or '-' belongs to punctuation (`apiKey.` / `token-`), not to the name.
  while (e > s && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
  // Leading '.' is a member access (`.apiKey`): the name starts after it.
  while (s < e && text[s] === '.') s++;
  return [s, e];
}

// Type annotation between name and `=`: TS/Python/Kotlin/Swift `: Type`, Rust `: &'static str`, Go `name Type`.
const TYPE_RE = /(?:[ \t]{0,3}:[ \t]{0,3}&?(?:'[a-z]{1,10}[ \t]{1,3})?[\w.<>[\]?|*]{1,60}|[ \t]{1,3}\*?[\w.[\]]{1,30})(?=[ \t]{0,3}:?=(?![=>]))/y;
const SEP_RE = /[ \t]{0,6}(===?|!==?|:=|=>|\?\?=|\|\|=|=|:(?!:)|,|\()[ \t]{0,6}/y;
const SPACE_SEP_RE = /[ \t]{1,6}(?=[^ \t\r\n=:])/y;
// `process.env.X || "fallback"`, `os.getenv("X") or "fallback"`: the literal after the fallback operator is hardcoded.
const FALLBACK_RE = /(?:[\w$.]{1,80}(?:\[["'][\w.-]{1,60}["']\]|\((?:[^()\n]{0,80})\))?)[ \t]{0,3}(?:\|\||\?\?|\bor\b|\?:)[ \t]{0,3}(?=[rRbBuUfF@$]{0,2}["'`])/y;
const STRING_PREFIX_RE = /(?:[rRbBuUfF]{1,2}|@\$?|\$@?)(?=["'`])/y;
// Unquoted literal: no quotes, no whitespace; trailing , ; are punctuation.
const BARE_RE = /[^\s"'`]{1,1024}/y;
const EXPR_RE = /[^,;)}\]\r\n]{1,200}/y;
const SCHEME_TOKEN_RE = /[ \t]{1,3}([^\s"'`]{1,1024})/y;
const IN_STRING_SEP_RE = /[ \t]{0,3}([:=])[ \t]{0,3}/y;
const PARTIAL_RE = /^[ \t]*(?:\+(?!\+)|\.\.(?!\.)|<<|%[ \t(]|\.(?:length|split|replace|match|test|includes|indexOf|startsWith|endsWith|format)\b)/;
const AUTH_SCHEME = /^(?:Bearer|bearer|BEARER|Token|token|Basic|basic|Bot|Digest|ApiKey|Api-Key|apikey|SSWS|Key|JWT|OAuth|GenieKey|DeepL-Auth-Key)$/;

function stickyAt(re: RegExp, text: string, pos: number, lineEnd: number): RegExpExecArray | undefined {
  re.lastIndex = pos;
  const m = re.exec(text);
  if (!m || pos + m[0].length > lineEnd) return undefined;
  return m;
}

/** Closing quote `q` after `from` on the same line, skipping backslash escapes; -1 if none within bounds. */
function closingQuote(text: string, from: number, q: string, lineEnd: number): number {
  const limit = Math.min(lineEnd, from + 2048);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === q) return i;
  }
  return -1;
}

/** End of an unquoted value: end of line, or whitespace then a comment; `midLine` also accepts any whitespace. */
function bareEnds(text: string, pos: number, lineEnd: number, midLine: boolean): boolean {
  let i = pos;
  while (i < lineEnd && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  if (i >= lineEnd) return true;
  if (midLine && i > pos) return true;
  if (text[i] === '\\' && i + 1 >= lineEnd) return true; // shell line continuation
  return i > pos && (text[i] === '#' || text[i] === ';' || text.startsWith('//', i));
}

/**
 * Kubernetes / compose env lists: `- name: API_KEY` with `value: …` on the next line. Returns the
 * pair with the value from that line (the finding then starts one line below the name).
 */
export function parseNameValueLines(text: string, s: number, e: number, lineStart: number, lineEnd: number, opts: PairOptions): Pair | undefined {
  if (opts.lang.base !== 'yaml') return undefined;
  if (!/^[ \t]*-?[ \t]*name:[ \t]*["']?$/.test(text.slice(lineStart, s))) return undefined;
  if (!/^["']?[ \t]*(?:#.*)?$/.test(text.slice(e, lineEnd))) return undefined;
  const nl = text.indexOf('\n', lineEnd);
  if (nl < 0) return undefined;
  const nextEnd = (() => {
    const n2 = text.indexOf('\n', nl + 1);
    const end = n2 < 0 ? text.length : n2;
    return end > nl + 1 && text[end - 1] === '\r' ? end - 1 : end;
  })();
  const m = /^[ \t]*value:[ \t]*/.exec(text.slice(nl + 1, Math.min(nextEnd, nl + 200)));
  if (!m) return undefined;
  const pair = parseValue(text, nl + 1 + m[0].length, nextEnd, { name: text.slice(s, e), nameStart: s, nameEnd: e, nameQuoted: false, sep: ':' }, opts);
  return pair && (pair.mode === 'quoted' || pair.mode === 'unquoted') ? pair : undefined;
}

export interface PairOptions {
  /** The file's row of the language table. */
  lang: LanguageEntry;
  /** Dockerfile ENV/ARG line, CLI flag: whitespace may separate name and value, and end the value. */
  spaceSeparated: boolean;
  /** Also return non-literal values (mode 'expr'): query-parameter objects flag variables too. */
  wantExpr: boolean;
}

/** Parse the value standing at the name [s, e). */
export function parsePair(text: string, s: number, e: number, lineStart: number, lineEnd: number, opts: PairOptions): Pair | undefined {
  const name = text.slice(s, e);
  const q1 = s > lineStart ? text[s - 1] : '';
  const nameQuoted = q1 !== '' && QUOTES.includes(q1);
  let i = e;
  if (nameQuoted) {
    if (text[i] !== q1) return parseInString(text, s, e, q1, lineEnd, name);
    i++;
    if (text[i] === ']') i++;
    // Markup: <add key="ApiKey" value="…"/> and <string name="api_key">…</string>.
    const attr = stickyAt(XML_VALUE_ATTR, text, i, lineEnd);
    if (attr) return parseValue(text, i + attr[0].length, lineEnd, { name, nameStart: s, nameEnd: e, nameQuoted, sep: '=' }, opts);
    if (text[i] === '>') return elementText(text, i + 1, lineEnd, { name, nameStart: s, nameEnd: e, nameQuoted, sep: '>' });
  } else if (text[i] === ']') {
    return undefined;
  } else if (q1 === '<' && text[i] === '>') {
    // <apiKey>…</apiKey>
    return elementText(text, i + 1, lineEnd, { name, nameStart: s, nameEnd: e, nameQuoted, sep: '>' });
  }
  const t = stickyAt(TYPE_RE, text, i, lineEnd);
  if (t && !nameQuoted) i += t[0].length;
  let sep: string;
  let m = stickyAt(SEP_RE, text, i, lineEnd);
  if (m) {
    sep = m[1];
    // `,` pairs a quoted name with its value (Header.Set("X-API-Key", "v")); `(` is a setter call (.apiKey("v")).
    // ... and only as a call's first argument: in a list ('a_key', 'b_key') the next item is no value.
    if (sep === ',' && (!nameQuoted || !/[([][ \t]*$/.test(text.slice(Math.max(lineStart, s - 12), s - 1)))) return undefined;
    if (sep === '(' && (nameQuoted || text[i] !== '(')) return undefined;
  } else if (opts.spaceSeparated || /^-/.test(name)) {
    m = stickyAt(SPACE_SEP_RE, text, i, lineEnd);
    if (!m) return undefined;
    sep = ' ';
  } else {
    return undefined;
  }
  const v = i + m[0].length;
  const pair = parseValue(text, v, lineEnd, { name, nameStart: s, nameEnd: e, nameQuoted, sep }, opts);
  // ("a_key", "b", "c"): a third string makes it a list of names, not a (name, value) call.
  if (pair && sep === ',' && pair.literalEnd !== undefined && /^[ \t]*,[ \t]*["'`]/.test(text.slice(pair.literalEnd, Math.min(lineEnd, pair.literalEnd + 8)))) return undefined;
  return pair;
}

const XML_VALUE_ATTR = /[ \t]{1,4}value[ \t]{0,2}=[ \t]{0,2}(?=["'])/y;

/** Text content of a markup element up to its closing tag, on the same line. */
function elementText(text: string, v: number, lineEnd: number, head: Pick<Pair, 'name' | 'nameStart' | 'nameEnd' | 'nameQuoted' | 'sep'>): Pair | undefined {
  const m = stickyAt(/[ \t]{0,2}([^<\s]{1,1024})[ \t]{0,2}<\//y, text, v, lineEnd);
  if (!m) return undefined;
  const valueStart = v + m[0].indexOf(m[1]);
  return { ...head, mode: 'unquoted', value: m[1], valueStart };
}

function parseValue(
  text: string,
  v0: number,
  lineEnd: number,
  head: Pick<Pair, 'name' | 'nameStart' | 'nameEnd' | 'nameQuoted' | 'sep'>,
  opts: PairOptions,
): Pair | undefined {
  let v = v0;
  // The fallback regex backtracks over its bounded name; try it only when an operator is in reach.
  const ahead = text.slice(v, Math.min(lineEnd, v + 200));
  const fb = ahead.includes('||') || ahead.includes('??') || ahead.includes(' or ') || ahead.includes('?:') ? stickyAt(FALLBACK_RE, text, v, lineEnd) : undefined;
  if (fb) v += fb[0].length;
  const literalStart = v;
  const pre = stickyAt(STRING_PREFIX_RE, text, v, lineEnd);
  if (pre) v += pre[0].length;
  const q = text[v];
  if (q !== undefined && QUOTES.includes(q)) {
    if (text[v + 1] === q && text[v + 2] === q) return undefined; // triple-quoted block: multi-line, not a key
    const close = closingQuote(text, v + 1, q, lineEnd);
    if (close < 0) return undefined;
    const after = text.slice(close + 1, Math.min(lineEnd, close + 8));
    return {
      ...head,
      mode: 'quoted',
      value: text.slice(v + 1, close),
      valueStart: v + 1,
      quote: q,
      literalStart,
      literalEnd: close + 1,
      // Concatenated, formatted, or used as an operand ("…".length): not a whole stored secret.
      partial: PARTIAL_RE.test(after),
    };
  }
  if (fb) return undefined;
  const allowBare = opts.lang.literals === 'unquoted' || head.sep === ' ';
  if (allowBare && head.sep !== '(' && head.sep !== ',') {
    const b = stickyAt(BARE_RE, text, v, lineEnd);
    if (b) {
      let value = b[0].replace(/[,;`]+$/, '');
      let end = v + value.length;
      // "Authorization: Bearer abc" unquoted (.http files, docs): scheme, space, token.
      if (AUTH_SCHEME.test(value)) {
        const rest = stickyAt(SCHEME_TOKEN_RE, text, end, lineEnd);
        if (rest) {
          const tok = rest[1].replace(/[,;`]+$/, '');
          end = end + rest[0].length - (rest[1].length - tok.length);
          value = text.slice(v, end);
        }
      }
      const midLine = opts.spaceSeparated || head.sep === ' ' || (opts.lang.base === 'shell' && head.sep === '=' && /^[A-Z][A-Z0-9_]*$/.test(head.name));
      if (bareEnds(text, end + (text[end] === '`' ? 1 : 0), lineEnd, midLine)) {
        return { ...head, mode: 'unquoted', value, valueStart: v };
      }
      return undefined;
    }
  }
  // An expression (variable, call): not a literal. Kept for query-parameter objects, which flag variables too.
  if (!opts.wantExpr) return undefined;
  const ex = stickyAt(EXPR_RE, text, v, lineEnd);
  if (ex) return { ...head, mode: 'expr', value: ex[0].trimEnd(), valueStart: v };
  return undefined;
}

/** `"X-API-Key: value"`, `'Authorization: Bearer value'`, `"api_key=value"`: the name opens a string literal. */
function parseInString(text: string, s: number, e: number, q: string, lineEnd: number, name: string): Pair | undefined {
  const m = stickyAt(IN_STRING_SEP_RE, text, e, lineEnd);
  if (!m) return undefined;
  const v = e + m[0].length;
  const close = closingQuote(text, v, q, lineEnd);
  if (close < 0) return undefined;
  const value = text.slice(v, close).trimEnd();
  // The value must be the rest of the string: "X-API-Key: " + key leaves an empty value.
  if (!value || /\s/.test(value.replace(/^\S+[ \t]+(?=\S+$)/, ''))) return undefined;
  // "a=1&b=2" is a form-encoded example, not one credential.
  if (m[1] === '=' && /[&=]/.test(value)) return undefined;
  return {
    name,
    nameStart: s,
    nameEnd: e,
    nameQuoted: true,
    sep: m[1],
    mode: 'in-string',
    value,
    valueStart: v,
    quote: q,
    literalStart: s - 1,
    literalEnd: close + 1,
    partial: /^[ \t]*\+(?!\+)/.test(text.slice(close + 1, Math.min(lineEnd, close + 4))),
  };
}

/** Split "Bearer abc" into the scheme and the credential; a value without a scheme is the credential. */
export function splitAuthScheme(value: string): { scheme?: string; offset: number; credential: string } {
  const m = /^([A-Za-z][\w-]{1,20})[ \t]+(\S+)$/.exec(value);
  if (m && AUTH_SCHEME.test(m[1])) return { scheme: m[1], offset: value.length - m[2].length, credential: m[2] };
  return { offset: 0, credential: value };
}
