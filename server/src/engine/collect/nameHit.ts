// Credential-word hits: the name around the word (`OPENAI_API_KEY`, `client.apiKey`, `"X-Api-Key"`)
// is read once, then handed to the reader its syntax calls for: a URL parameter, a query object, an
// SDK constructor, or a `name = value` pair whose value is judged as a secret.
import type { EngineConfig } from '../config';
import { classifyName, type NameClass } from '../rules/names';
import { expandName, parseNameValueLines, parsePair, splitAuthScheme, type Pair } from '../rules/pairs';
import { isPlaceholderValue, isWordLike, rejectValue } from '../value';
import { insideCall } from './callSite';
import type { HitLine } from './hitLine';
import { QueryObjects } from './queryObject';
import { readSdkArgument } from './sdkArgument';
import { readUrlParam } from './urlParam';

export class NameHits {
  /** Starts of the names already read: several credential words in one name yield one reading. */
  private readonly seen = new Set<number>();
  private readonly queryObjects: QueryObjects;

  constructor(private readonly line: HitLine) {
    this.queryObjects = new QueryObjects(line);
  }

  /** Reads the name around the credential word at `off` (on the current line). */
  read(off: number): void {
    const line = this.line;
    const { text, ls, le } = line;
    const [s, e] = expandName(text, off, ls, le);
    if (e <= s || this.seen.has(s)) return;
    this.seen.add(s);
    const name = text.slice(s, e);
    const prev = s > ls ? text[s - 1] : '';
    if ((prev === '?' || prev === '&' || (prev === ';' && text.startsWith('&amp;', s - 5))) && text[e] === '=') {
      if (line.wantQuery || line.wantKeys) readUrlParam(line, s, e, name);
      return;
    }
    if (this.queryObjects.read(s, e, name, prev)) return;
    if (!line.wantKeys) return;
    if (line.cfg.sdkNames.size && readSdkArgument(line, s, e, name)) return;
    const cls = classify(line.cfg, name);
    if (!cls) return;
    const opts = { lang: line.lang, spaceSeparated: line.spaceSeparated(), wantExpr: false };
    const pair = parsePair(text, s, e, ls, le, opts) ?? parseNameValueLines(text, s, e, ls, le, opts);
    if (!pair || pair.partial || pair.mode === 'expr' || pair.mode === 'shorthand') return;
    this.fromPair(pair, cls);
  }

  /** A `name = value` pair (or `name: value`, `name(value)`, …) whose value may be a secret. */
  private fromPair(pair: Pair, cls: NameClass): void {
    const line = this.line;
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
    const interpolates = pair.quote === "'" ? false : pair.quote === '`' ? undefined : line.lang.dollarInterpolation;
    if (rejectValue(value, { strength: cls.strength, allowHexAndUuid: cls.allowHex, interpolates })) return;
    const header = cls.header || (pair.mode === 'in-string' && pair.sep === ':');
    line.out.push({
      rule: 'hardcoded-key',
      start: vStart,
      end: vStart + value.length,
      secret: value,
      kind: header ? 'header' : pair.sep === '=' || pair.sep === ':' || pair.sep === '(' ? (insideCall(line, pair.nameStart - (pair.nameQuoted ? 1 : 0)) || pair.sep === '(' ? 'sdk-option' : 'assignment') : 'assignment',
      name: /^bearer$/i.test(pair.name) ? 'Authorization' : pair.name.replace(/^[-]+/, ''),
      quote: pair.quote,
      literalStart: pair.literalStart,
      literalEnd: pair.literalEnd,
      priority: 1,
    });
  }
}

/** The name's class (credential strength, header, hex allowed), cached across files in the config. */
function classify(cfg: EngineConfig, name: string): NameClass | undefined {
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
