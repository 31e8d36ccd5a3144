// URL parameters: `?name=` / `&name=` with a credential name. Reports the practice (query-string-auth)
// and, when the value is a literal that reads like a key, the key itself (hardcoded-key).
import { API_URL_HINT, FORM_BODY_HINT, ONE_TIME_LINK, PUBLIC_URL, QUERY_PARAMS } from '../rules/query';
import { isPlaceholderValue, rejectValue } from '../value';
import type { HitLine } from './hitLine';

/** `name=` directly after `?` or `&` (name at [s, e)): a credential in a URL. */
export function readUrlParam(line: HitLine, s: number, e: number, name: string): void {
  const lname = name.toLowerCase();
  const policy = QUERY_PARAMS.get(lname);
  if (!policy) return;
  const { text, ls, le } = line;
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
  if (line.lang.doc && (isExpr || placeholder)) return;
  // Prose naming the parameter (`(?api_key=, token=, …)`): no value and no string continuing it.
  if (/^[,;.]*$/.test(raw) && (raw !== '' || j >= le || /[\s)\]]/.test(text[j]))) return;
  // A comment describing the practice (`// ?api_key=value in a URL`) is documentation too.
  if ((isExpr || placeholder) && line.inComment(s)) return;
  if (line.wantQuery) {
    line.out.push({ rule: 'query-string-auth', start: s, end: raw ? j : e + 1, secret: raw, kind: 'url-param', name, priority: 1, param: name, valueIsLiteral: !isExpr });
  }
  if (line.wantKeys && strongLiteral) {
    const lit = line.enclosingLiteral(s, j);
    line.out.push({ rule: 'hardcoded-key', start: v, end: j, secret: raw, kind: 'url-param', name, priority: 1, ...lit });
  }
}
