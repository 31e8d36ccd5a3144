// Hits -> candidates. Each keyword hit is read in place: the name around it, the syntax after the
// name, the value. Formats run only on the lines (or bounded windows of long lines) where one of
// their keywords occurs. Nothing here decides severity, provider or message (see finalize.ts).
import type { EngineConfig } from './config';
import { matchFormat } from './formats/match';
import type { LanguageEntry } from '../../../shared/languages';
import { forEachHit } from './prefilter';
import { classifyName, type NameClass } from './rules/names';
import { expandName, parseNameValueLines, parsePair, splitAuthScheme, type Pair } from './rules/pairs';
import { pemFinder } from './rules/pem';
import { API_URL_HINT, CREDENTIAL_EXPR, FORM_BODY_HINT, ONE_TIME_LINK, PUBLIC_URL, QUERY_PARAMS, type ParamPolicy } from './rules/query';
import type { RunFormat } from './rules/formats';
import type { ContextKind, RuleId } from './types';
import { isPlaceholderValue, isWordLike, rejectValue } from './value';

export interface Candidate {
  rule: RuleId;
  /** Offsets of the secret (hardcoded-key) or of `name=value` (query-string-auth). */
  start: number;
  end: number;
  /** The secret, or for query-string-auth the parameter's value text (may be a variable). */
  secret: string;
  kind: ContextKind;
  name?: string;
  quote?: string;
  literalStart?: number;
  literalEnd?: number;
  run?: RunFormat;
  /** Higher wins when candidates overlap: PEM 4, catalogue format 3, provider shape 2, context 1. */
  priority: number;
  param?: string;
  valueIsLiteral?: boolean;
  pemLabel?: string;
  /** Provider known from the detector itself (its SDK constructor). */
  providerId?: string;
}

export const QUERY_LOOKBACK_LINES = 5;

export interface CollectInput {
  text: string;
  /** The file's row of the language table (literal, prose and interpolation syntax). */
  lang: LanguageEntry;
  cfg: EngineConfig;
  maxLineLength: number;
  wantKeys: boolean;
  wantQuery: boolean;
}

/** Candidates whose keyword hit lies in [start, end) (both on line boundaries). */
export function collect(input: CollectInput, start: number, end: number): Candidate[] {
  const { text, lang, cfg, maxLineLength, wantKeys, wantQuery } = input;
  const out: Candidate[] = [];
  const seenNames = new Set<number>();
  const builderCache = new Map<number, number[]>();
  const upCache = new Map<number, number[]>();
  const pemBlockAt = pemFinder(text);
  let spaceLine = -1;
  let spaceSeparated = false;
  const halfWindow = Math.max(256, Math.min(2048, maxLineLength >> 1));

  let line = -1;
  let ls = 0;
  let le = 0;
  let formatHits = new Map<number, number[]>();
  let contextHits: number[] = [];

  const flushLine = () => {
    if (line < 0) return;
    if (contextHits.length) for (const fi of cfg.unkeyedFormats) formatHits.set(fi, contextHits);
    if (formatHits.size) {
      for (const [fi, hits] of formatHits) runFormat(cfg.formats[fi], hits);
      formatHits = new Map();
    }
    if (contextHits.length) contextHits = [];
  };

  const runFormat = (rf: RunFormat, hits: number[]) => {
    if (!wantKeys) return;
    for (const [a, b] of segments(hits)) {
      for (const m of matchFormat(rf.format, text.slice(a, b))) {
        const s = a + m.offset;
        const e = s + m.secret.length;
        out.push({ rule: 'hardcoded-key', start: s, end: e, secret: m.secret, kind: 'format', run: rf, priority: rf.provider ? 2 : 3, ...enclosingLiteral(s, e) });
      }
    }
  };

  /** The whole line, or merged windows around the hits when the line is too long (minified code). */
  const segments = (hits: number[]): [number, number][] => {
    if (le - ls <= maxLineLength) return [[ls, le]];
    const segs: [number, number][] = [];
    for (const h of hits) {
      const a = Math.max(ls, h - halfWindow);
      const b = Math.min(le, h + halfWindow);
      const last = segs[segs.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else segs.push([a, b]);
    }
    return segs;
  };

  forEachHit(cfg.prefilter, text, start, end, (off, _len, tag) => {
    if (line < 0 || off >= le) {
      flushLine();
      // Local line bounds: the full line index is built only if a finding needs positions.
      line = 1;
      ls = text.lastIndexOf('\n', off - 1) + 1;
      const nl = text.indexOf('\n', off);
      le = nl < 0 ? text.length : nl > ls && text[nl - 1] === '\r' ? nl - 1 : nl;
    }
    for (const fi of tag.formats) {
      const arr = formatHits.get(fi);
      if (arr) arr.push(off);
      else formatHits.set(fi, [off]);
    }
    if (tag.context) {
      contextHits.push(off);
      onContextHit(off);
    }
    if (tag.pem && wantKeys) onPem(off);
  });
  flushLine();
  return out;

  function onPem(off: number): void {
    const block = pemBlockAt(off);
    if (!block) return;
    const q = off > 0 ? text[off - 1] : '';
    let literalStart: number | undefined;
    let literalEnd: number | undefined;
    if (q && '"\'`'.includes(q)) {
      const after = text.startsWith('\\n', block.end) ? block.end + 2 : block.end;
      if (text[after] === q) {
        literalStart = off - 1;
        literalEnd = after + 1;
      }
    }
    out.push({
      rule: 'hardcoded-key',
      start: block.start,
      end: block.end,
      secret: text.slice(block.start, block.end),
      kind: 'private-key',
      quote: literalStart !== undefined ? q : undefined,
      literalStart,
      literalEnd,
      priority: 4,
      pemLabel: block.label,
    });
  }

  function onContextHit(off: number): void {
    const [s, e] = expandName(text, off, ls, le);
    if (e <= s || seenNames.has(s)) return;
    seenNames.add(s);
    const name = text.slice(s, e);
    const prev = s > ls ? text[s - 1] : '';
    if ((prev === '?' || prev === '&' || (prev === ';' && text.startsWith('&amp;', s - 5))) && text[e] === '=') {
      if (wantQuery || wantKeys) urlParam(s, e, name);
      return;
    }
    // Dockerfile `ENV NAME value`, C `#define NAME "value"`: whitespace separates name and value.
    if (spaceLine !== ls) {
      spaceLine = ls;
      const head = text.slice(ls, Math.min(le, ls + 16));
      spaceSeparated = (lang.base === 'dockerfile' && /^[ \t]*(?:ENV|ARG)[ \t]/i.test(head)) || (head.includes('define') && /^[ \t]*#[ \t]*define[ \t]/.test(head));
    }
    const policy = QUERY_PARAMS.get(name.toLowerCase());
    if (policy) {
      const qpair = parsePair(text, s, e, ls, le, { lang, spaceSeparated, wantExpr: true });
      // An entry (`name: v`, `"name", v`) or a JS shorthand `{ name }`; generic names (`key`, `token`)
      // also need a credential-like value before the (costlier) builder lookback.
      const entry = qpair ? qpair.sep !== '(' && qpair.sep !== ' ' : isShorthand(s, e);
      const worth = entry && (policy === 'always' || qpair?.mode === 'quoted' || CREDENTIAL_EXPR.test(qpair ? qpair.value : name));
      if (worth && inQueryBuilder(s, prev)) {
        paramObject(s, e, name, qpair, policy);
        return;
      }
    }
    if (!wantKeys) return;
    if (cfg.sdkNames.size && sdkPositional(s, e, name)) return;
    const cls = classify(name);
    if (!cls) return;
    const opts = { lang, spaceSeparated, wantExpr: false };
    const pair = parsePair(text, s, e, ls, le, opts) ?? parseNameValueLines(text, s, e, ls, le, opts);
    if (!pair || pair.partial || pair.mode === 'expr' || pair.mode === 'shorthand') return;
    fromPair(pair, cls);
  }

  /** `new Pioneer("…")`, `pioneer.NewClient("…")`: a provider SDK constructor with the key as first argument. */
  function sdkPositional(s: number, e: number, name: string): boolean {
    // `Pioneer(…)` / `new Pinecall(…)`, or a package function that builds a client (`pioneer.NewClient(…)`).
    if (text[e] !== '(' && text[e] !== ' ' && text[e] !== ':' && text[e] !== '.') return false;
    const lastDot = name.lastIndexOf('.');
    const last = lastDot < 0 ? name : name.slice(lastDot + 1);
    const provider =
      cfg.sdkNames.get(last) ??
      (lastDot > 0 && /^(?:New\w{0,30}|\w{0,30}Client|create\w{0,30}|init|connect)$/.test(last) ? cfg.sdkNames.get(name.slice(0, name.indexOf('.'))) : undefined);
    if (!provider) return false;
    const m = /^[ \t]*(?:\.[ \t]*\w{1,40}[ \t]*)?(?:::new[ \t]*)?\([ \t]*/.exec(text.slice(e, Math.min(le, e + 80)));
    if (!m) return false;
    const v = e + m[0].length;
    const q = text[v];
    if (q !== '"' && q !== "'" && q !== '`') return false;
    const close = text.indexOf(q, v + 1);
    if (close < 0 || close > le) return false;
    const value = text.slice(v + 1, close);
    if (!/^[ \t]*[,)]/.test(text.slice(close + 1, Math.min(le, close + 4)))) return false;
    if (rejectValue(value, { strength: 'strong', allowHexAndUuid: true })) return false;
    out.push({ rule: 'hardcoded-key', start: v + 1, end: close, secret: value, kind: 'sdk-option', name, quote: q, literalStart: v, literalEnd: close + 1, priority: 1, providerId: provider });
    return true;
  }

  function classify(name: string): NameClass | undefined {
    const cache = cfg.nameCache;
    let c = cache.get(name);
    if (c === undefined) {
      c = classifyName(name, cfg.extraNames) ?? null;
      if (cache.size > 20000) cache.clear();
      // `name` is a slice of the file's text: V8 keeps the whole text alive through it. Store a copy,
      // or the cache pins every scanned file (the CLI and the server grew ~3 MB per 1,000 files).
      cache.set([...name].join(''), c);
    }
    return c ?? undefined;
  }

  function fromPair(pair: Pair, cls: NameClass): void {
    let value = pair.value;
    let vStart = pair.valueStart;
    const lead = value.length - value.trimStart().length;
    value = value.trim();
    vStart += lead;
    const sch = splitAuthScheme(value);
    if (sch.scheme) {
      if (/^basic$/i.test(sch.scheme) && !basicHasSecret(sch.credential)) return;
      value = sch.credential;
      vStart += sch.offset;
    }
    const interpolates = pair.quote === "'" ? false : pair.quote === '`' ? undefined : lang.dollarInterpolation;
    if (rejectValue(value, { strength: cls.strength, allowHexAndUuid: cls.allowHex, interpolates })) return;
    const header = cls.header || (pair.mode === 'in-string' && pair.sep === ':');
    out.push({
      rule: 'hardcoded-key',
      start: vStart,
      end: vStart + value.length,
      secret: value,
      kind: header ? 'header' : pair.sep === '=' || pair.sep === ':' || pair.sep === '(' ? (insideCall(pair.nameStart - (pair.nameQuoted ? 1 : 0)) || pair.sep === '(' ? 'sdk-option' : 'assignment') : 'assignment',
      name: /^bearer$/i.test(pair.name) ? 'Authorization' : pair.name.replace(/^[-]+/, ''),
      quote: pair.quote,
      literalStart: pair.literalStart,
      literalEnd: pair.literalEnd,
      priority: 1,
    });
  }

  /** `name=` directly after `?` or `&`: a credential in a URL. */
  function urlParam(s: number, e: number, name: string): void {
    const lname = name.toLowerCase();
    const policy = QUERY_PARAMS.get(lname);
    if (!policy) return;
    const v = e + 1;
    let j = v;
    const limit = Math.min(le, v + 1024);
    if (text.startsWith('${', v) || text.startsWith('#{', v)) {
      const close = text.indexOf('}', v);
      j = close > 0 && close < limit ? close + 1 : v;
    } else {
      while (j < limit && !/[&#?"'`\s<>\\)]/.test(text[j])) j++;
    }
    const raw = text.slice(v, j);
    const isExpr = raw === '' || /^[$%{<]|\$\{|#\{|%s|%\(|\{[\w.]*\}|^:\w/.test(raw);
    const before = text.slice(Math.max(ls, s - 300), s);
    const after = text.slice(j, Math.min(le, j + 120));
    const lineSnip = before + after;
    // The URL this parameter belongs to: back to the last quote, space or bracket.
    const url = before.slice(Math.max(before.lastIndexOf(' '), before.lastIndexOf('"'), before.lastIndexOf("'"), before.lastIndexOf('`'), before.lastIndexOf('('), before.lastIndexOf('<')) + 1);
    // `&name=` with no `?` before it on the line: a form body (OAuth token request) unless the line clearly builds a URL.
    if (text[s - 1] !== '?' && !/\?/.test(before) && (FORM_BODY_HINT.test(lineSnip) || !/url|uri|endpoint|href|fetch|\bget\b|request|http/i.test(lineSnip))) return;
    if (PUBLIC_URL.test(url)) return;
    const strongLiteral = !isExpr && !rejectValue(raw, { strength: 'strong', allowHexAndUuid: policy === 'always' });
    if (policy === 'api-url' && !API_URL_HINT.test(url || before)) return;
    if (policy === 'api-url' && ONE_TIME_LINK.test(url || before)) return;
    const placeholder = !isExpr && isPlaceholderValue(raw);
    // In docs a parameter with a placeholder value describes an API; in code it is a call.
    if (lang.doc && (isExpr || placeholder)) return;
    // Prose naming the parameter (`(?api_key=, token=, …)`): no value and no string continuing it.
    if (/^[,;.]*$/.test(raw) && (raw !== '' || j >= le || /[\s)\]]/.test(text[j]))) return;
    // A comment describing the practice (`// ?api_key=value in a URL`) is documentation too.
    if ((isExpr || placeholder) && inComment(s)) return;
    if (wantQuery) {
      out.push({ rule: 'query-string-auth', start: s, end: raw ? j : e + 1, secret: raw, kind: 'url-param', name, priority: 1, param: name, valueIsLiteral: !isExpr });
    }
    if (wantKeys && strongLiteral) {
      const lit = enclosingLiteral(s, j);
      out.push({ rule: 'hardcoded-key', start: v, end: j, secret: raw, kind: 'url-param', name, priority: 1, ...lit });
    }
  }

  /** Whether position `s` follows a comment marker on its line (`//`, `#`, `/*`, ` * `, `--`, `;`, `<!--`). */
  function inComment(s: number): boolean {
    // On a line over the cap (minified code) look back one window, as the formats do: a slice from
    // the line start per hit made 20k hits on one line quadratic.
    const from = le - ls > maxLineLength ? Math.max(ls, s - halfWindow) : ls;
    if (from > ls) return /\s(?:\/\/|#(?!!)|--|<!--)\s/.test(text.slice(from, s));
    return /(?:^[ \t]*(?:\/?\*|;)|(?:^|\s)(?:\/\/|#(?!!)|--|<!--)\s)/.test(text.slice(ls, s));
  }

  /** `params={"api_key": k}`, `{ api_key }`, `searchParams.set("api_key", k)`: an object that becomes a query string. */
  function paramObject(s: number, e: number, name: string, pair: Pair | undefined, policy: ParamPolicy): void {
    // Code quoted in a comment describes the practice; a literal secret there is still reported as a key.
    if (inComment(s)) return;
    const rangeStart = pair?.nameQuoted || (s > ls && '"\''.includes(text[s - 1])) ? s - 1 : s;
    let end: number;
    let literal = false;
    let value = '';
    if (!pair) {
      if (!isShorthand(s, e)) return;
      end = e;
    } else if (pair.mode === 'quoted' && !pair.partial) {
      literal = true;
      value = pair.value;
      end = pair.literalEnd ?? pair.valueStart + pair.value.length;
    } else {
      if (!pair.value) return;
      value = pair.value;
      end = pair.valueStart + pair.value.length;
      if (pair.quote) end = pair.literalEnd ?? end;
    }
    const strongLiteral = literal && !rejectValue(value, { strength: 'strong', allowHexAndUuid: policy === 'always' });
    const around = text.slice(Math.max(linesUp(ls, QUERY_LOOKBACK_LINES), s - 1200), Math.min(linesDown(le, QUERY_LOOKBACK_LINES), s + 1200));
    // URLSearchParams / urlencode also build form bodies (OAuth token requests send client_secret there, correctly).
    if (FORM_BODY_HINT.test(around)) return;
    // `key`, `token`: generic names; a dict key in a query object is a credential only with an API
    // around and a value that reads like one (`{ key: API_KEY }`, not `{ key: userName }`).
    if (policy === 'api-url' && !strongLiteral && (!API_URL_HINT.test(around) || !CREDENTIAL_EXPR.test(value || name))) return;
    if (literal && isPlaceholderValue(value) && lang.doc) return;
    if (wantQuery) {
      out.push({ rule: 'query-string-auth', start: rangeStart, end, secret: value, kind: 'params-object', name, priority: 1, param: name, valueIsLiteral: literal });
    }
    if (wantKeys && strongLiteral && pair) {
      out.push({
        rule: 'hardcoded-key',
        start: pair.valueStart,
        end: pair.valueStart + pair.value.length,
        secret: pair.value,
        kind: 'params-object',
        name,
        quote: pair.quote,
        literalStart: pair.literalStart,
        literalEnd: pair.literalEnd,
        priority: 1,
      });
    }
  }

  /** JS shorthand property `{ api_key }` / `{ api_key, … }`: starts an entry (after `{` or `,`), ends one. */
  function isShorthand(s: number, e: number): boolean {
    if (lang.base !== 'js' || !/^[ \t]*(?:[,}]|$)/.test(text.slice(e, Math.min(le, e + 4)))) return false;
    let p = s - 1;
    while (p >= ls && (text[p] === ' ' || text[p] === '\t')) p--;
    return p < ls || text[p] === '{' || text[p] === ',';
  }

  /** Whether the name at `s` stands inside an object/call that becomes a query string. */
  function inQueryBuilder(s: number, prev: string): boolean {
    const nameStart = prev === '"' || prev === "'" ? s - 1 : s;
    const lookFrom = nameStart - 800;
    // The closest builder opener in this line or the QUERY_LOOKBACK_LINES above it.
    let lastEnd = -1;
    for (const start of startsAbove(ls)) {
      for (const end of buildersOfLine(start)) if (end <= nameStart && end >= lookFrom && end > lastEnd) lastEnd = end;
      if (lastEnd >= 0) break;
    }
    if (lastEnd < 0) return false;
    // The builder's opener must still be open where the name stands.
    let depth = 1;
    for (let i = lastEnd; i < nameStart; i++) {
      const c = text[i];
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') {
        if (--depth <= 0) return false;
      }
    }
    return true;
  }

  /** Ends of query-builder matches on the line starting at `lineStart` (cached: many hits share a line). */
  function buildersOfLine(lineStart: number): number[] {
    let ends = builderCache.get(lineStart);
    if (ends) return ends;
    ends = [];
    const nl = text.indexOf('\n', lineStart);
    const lineText = text.slice(lineStart, nl < 0 ? text.length : nl);
    const re = cfg.queryBuilders;
    re.lastIndex = 0;
    for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
      if (m[0].length === 0) re.lastIndex++;
      ends.push(lineStart + m.index + m[0].length);
    }
    builderCache.set(lineStart, ends);
    return ends;
  }

  /** Starts of this line and of the QUERY_LOOKBACK_LINES lines above it, nearest first (cached per line). */
  function startsAbove(lineStart: number): number[] {
    let arr = upCache.get(lineStart);
    if (arr) return arr;
    arr = [lineStart];
    let p = lineStart;
    for (let k = 0; k < QUERY_LOOKBACK_LINES && p > 0; k++) {
      p = p <= 1 ? 0 : text.lastIndexOf('\n', p - 2) + 1;
      arr.push(p);
    }
    upCache.set(lineStart, arr);
    return arr;
  }

  /** The name sits in call arguments (`OpenAI(api_key=…)`, `new Pinecall({ apiKey: … })`). */
  function insideCall(s: number): boolean {
    let depth = 0;
    for (let i = s - 1; i >= Math.max(ls, s - 300); i--) {
      const c = text[i];
      if (c === ')' || c === '}' || c === ']') depth++;
      else if (c === '(' || c === '{' || c === '[') {
        if (depth > 0) {
          depth--;
          continue;
        }
        if (c === '[') return false;
        let j = i - 1;
        while (j >= ls && (text[j] === ' ' || text[j] === '\t')) j--;
        if (c === '(') return j >= ls && /[\w$]/.test(text[j]);
        if (j < ls) return previousLineOpensCall();
        return text[j] === '(' && j > ls && /[\w$\s]/.test(text[j - 1]);
      }
    }
    return previousLineOpensCall();
  }

  function previousLineOpensCall(): boolean {
    if (ls === 0) return false;
    const prevStart = linesUp(ls, 1);
    const prevText = text.slice(Math.max(prevStart, ls - 2000), ls);
    return /[\w$]\s*\(\s*\{?\s*$/.test(prevText);
  }

  /** Start of the line `n` (<= QUERY_LOOKBACK_LINES) lines above the line starting at `lineStart`. */
  function linesUp(lineStart: number, n: number): number {
    const arr = startsAbove(lineStart);
    return arr[Math.min(n, arr.length - 1)];
  }

  /** End (past the break) of the line `n` lines below the line ending at `lineEnd`. */
  function linesDown(lineEnd: number, n: number): number {
    let p = lineEnd;
    for (let k = 0; k < n && p < text.length; k++) {
      const nl = text.indexOf('\n', p + 1);
      p = nl < 0 ? text.length : nl;
    }
    return Math.min(text.length, p + 1);
  }

  /** The quoted literal around [a, b) on this line, if any (a URL, "Bearer …"). */
  function enclosingLiteral(a: number, b: number): Pick<Candidate, 'quote' | 'literalStart' | 'literalEnd'> {
    for (let i = a - 1; i >= Math.max(ls, a - 2048); i--) {
      const c = text[i];
      if (c === '"' || c === "'" || c === '`') {
        for (let k = b; k < Math.min(le, b + 2048); k++) {
          if (text[k] === c) return { quote: c, literalStart: i, literalEnd: k + 1 };
          if (text[k] === '"' || text[k] === "'" || text[k] === '`') break;
        }
        return {};
      }
    }
    return {};
  }
}

/** `Authorization: Basic <b64>` holds a secret when it decodes to user:password with a real password. */
function basicHasSecret(b64: string): boolean {
  let decoded: string;
  try {
    decoded = atob(b64);
  } catch {
    return false;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0 || /[^\x20-\x7e]/.test(decoded)) return false;
  const pass = decoded.slice(colon + 1);
  return pass.length >= 6 && !isPlaceholderValue(pass) && !isWordLike(pass);
}
