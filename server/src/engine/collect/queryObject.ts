// Query objects: `params={"api_key": k}`, `{ api_key }`, `searchParams.set("api_key", k)` — an entry
// of an object or call that a query builder opened (on this line or a few above) becomes a query string.
import { parsePair, type Pair } from '../rules/pairs';
import { API_URL_HINT, CREDENTIAL_EXPR, FORM_BODY_HINT, QUERY_PARAMS, type ParamPolicy } from '../rules/query';
import { isPlaceholderValue, rejectValue } from '../value';
import type { HitLine } from './hitLine';
import { QUERY_LOOKBACK_LINES } from './lookback';

export class QueryObjects {
  /** Line start -> ends of the query-builder matches on that line (many hits share a line). */
  private readonly builderCache = new Map<number, number[]>();

  constructor(private readonly line: HitLine) {}

  /**
   * Reads the name at [s, e) (after the character `prev`) as a query-object entry; true when it is
   * one (its candidates are pushed), false when the name is for the other readers.
   */
  read(s: number, e: number, name: string, prev: string): boolean {
    const policy = QUERY_PARAMS.get(name.toLowerCase());
    if (!policy) return false;
    const line = this.line;
    const qpair = parsePair(line.text, s, e, line.ls, line.le, { lang: line.lang, spaceSeparated: line.spaceSeparated(), wantExpr: true });
    // An entry (`name: v`, `"name", v`) or a JS shorthand `{ name }`; generic names (`key`, `token`)
    // also need a credential-like value before the (costlier) builder lookback.
    const entry = qpair ? qpair.sep !== '(' && qpair.sep !== ' ' : this.isShorthand(s, e);
    const worth = entry && (policy === 'always' || qpair?.mode === 'quoted' || CREDENTIAL_EXPR.test(qpair ? qpair.value : name));
    if (!worth || !this.inQueryBuilder(s, prev)) return false;
    this.paramObject(s, e, name, qpair, policy);
    return true;
  }

  private paramObject(s: number, e: number, name: string, pair: Pair | undefined, policy: ParamPolicy): void {
    const line = this.line;
    const { text, ls, le } = line;
    // Code quoted in a comment describes the practice; a literal secret there is still reported as a key.
    if (line.inComment(s)) return;
    const rangeStart = pair?.nameQuoted || (s > ls && '"\''.includes(text[s - 1])) ? s - 1 : s;
    let end: number;
    let literal = false;
    let value = '';
    if (!pair) {
      if (!this.isShorthand(s, e)) return;
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
    const around = text.slice(Math.max(line.lookback.linesUp(ls, QUERY_LOOKBACK_LINES), s - 1200), Math.min(line.lookback.linesDown(le, QUERY_LOOKBACK_LINES), s + 1200));
    // URLSearchParams / urlencode also build form bodies (OAuth token requests send client_secret there, correctly).
    if (FORM_BODY_HINT.test(around)) return;
    // `key`, `token`: generic names; a dict key in a query object is a credential only with an API
    // around and a value that reads like one (`{ key: API_KEY }`, not `{ key: userName }`).
    if (policy === 'api-url' && !strongLiteral && (!API_URL_HINT.test(around) || !CREDENTIAL_EXPR.test(value || name))) return;
    if (literal && isPlaceholderValue(value) && line.lang.doc) return;
    if (line.wantQuery) {
      line.out.push({ rule: 'query-string-auth', start: rangeStart, end, secret: value, kind: 'params-object', name, priority: 1, param: name, valueIsLiteral: literal });
    }
    if (line.wantKeys && strongLiteral && pair) {
      line.out.push({
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
  private isShorthand(s: number, e: number): boolean {
    const { text, ls, le } = this.line;
    if (this.line.lang.base !== 'js' || !/^[ \t]*(?:[,}]|$)/.test(text.slice(e, Math.min(le, e + 4)))) return false;
    let p = s - 1;
    while (p >= ls && (text[p] === ' ' || text[p] === '\t')) p--;
    return p < ls || text[p] === '{' || text[p] === ',';
  }

  /** Whether the name at `s` stands inside an object/call that becomes a query string. */
  private inQueryBuilder(s: number, prev: string): boolean {
    const text = this.line.text;
    const nameStart = prev === '"' || prev === "'" ? s - 1 : s;
    const lookFrom = nameStart - 800;
    // The closest builder opener in this line or the QUERY_LOOKBACK_LINES above it.
    let lastEnd = -1;
    for (const start of this.line.lookback.startsAbove(this.line.ls)) {
      for (const end of this.buildersOfLine(start)) if (end <= nameStart && end >= lookFrom && end > lastEnd) lastEnd = end;
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
  private buildersOfLine(lineStart: number): number[] {
    let ends = this.builderCache.get(lineStart);
    if (ends) return ends;
    ends = [];
    const text = this.line.text;
    const nl = text.indexOf('\n', lineStart);
    const lineText = text.slice(lineStart, nl < 0 ? text.length : nl);
    const re = this.line.cfg.queryBuilders;
    re.lastIndex = 0;
    for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
      if (m[0].length === 0) re.lastIndex++;
      ends.push(lineStart + m.index + m[0].length);
    }
    this.builderCache.set(lineStart, ends);
    return ends;
  }
}
