// "Send the key in a header instead of the query string": for fetch/axios/got/ky/undici calls in
// JS/TS and requests/httpx calls in Python, take the parameter out of the URL (or params object) and
// add the provider's auth header to the call's options.
import type { Finding } from '../engine/types';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import { matchClose, openBrackets, removalRange, splitItems, type CodeLang, type Item } from './brackets';
import { envLookup } from './envLookup';
import { envNameFor } from './envName';
import { classifyFile, isTypeScript } from '../../../shared/languages';
import { literalOnLine } from './literal';
import { edit } from './text';
import type { EnvDestination, TextEdit, Unsupported } from './types';

export interface QueryHeaderInput {
  text: string;
  languageId: string;
  filePath: string;
  finding: Finding;
  /** Env var for a literal value (defaults to envNameFor(finding)). */
  name?: string;
  /** Built-ins plus the user's custom providers. */
  providers?: readonly ProviderEntry[];
}

export interface QueryHeaderPlan {
  edits: TextEdit[];
  /** The header now sent, e.g. "X-API-Key" or "Authorization" (value "Bearer …"). */
  header: string;
  /** Set when the parameter held a literal key: it moves to the env var `name` (write it to .env). */
  value?: string;
  name?: string;
  destination?: EnvDestination;
}

const WHY_LINK = 'https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url';

const JS_CALLEE = /(?:^|[^\w$.])((?:window\.|globalThis\.)?fetch|\$fetch|ofetch|axios(?:\.(?:get|delete|head|options|post|put|patch|request))?|got(?:\.(?:get|post|put|patch|delete|head))?|ky(?:\.(?:get|post|put|patch|delete|head))?|(?:undici\.)?request|undici\.fetch|https?\.(?:get|request))\s*$/;
const PY_CALLEE = /(?:^|[^\w.])((?:[A-Za-z_][\w]*\.)*(?:get|post|put|patch|delete|head|options|request|stream))\s*$/;

interface Ctx {
  text: string;
  lang: CodeLang;
  entry: string;
  edits: TextEdit[];
}

function unsupported(reason: string, provider?: ProviderEntry): Unsupported {
  return { unsupported: reason, link: provider?.docsUrl ?? WHY_LINK };
}

/** The call whose first (or url-index) argument starts at `argStart`. */
function callAround(text: string, argStart: number, lang: CodeLang): { paren: number; close: number; callee: string; items: Item[] } | undefined {
  const stack = openBrackets(text, argStart, lang);
  const paren = stack[stack.length - 1];
  if (paren === undefined || text[paren] !== '(') return undefined;
  const calleeMatch = (lang === 'js' ? JS_CALLEE : PY_CALLEE).exec(text.slice(Math.max(0, paren - 120), paren));
  if (!calleeMatch) return undefined;
  const close = matchClose(text, paren, lang);
  if (close === -1) return undefined;
  return { paren, close, callee: calleeMatch[1], items: splitItems(text, paren, close, lang) };
}

/** Key of an object/dict entry or keyword argument (`headers:`, `"headers":`, `headers=`). */
function itemKey(text: string, it: Item): string | undefined {
  const m = /^(['"]?)([\w$-]+)\1\s*(?:[:=](?!=))/.exec(text.slice(it.start, it.end));
  return m ? m[2] : undefined;
}

function itemValueStart(text: string, it: Item): number {
  const m = /^(['"]?)[\w$-]+\1\s*[:=]\s*/.exec(text.slice(it.start, it.end));
  return it.start + (m ? m[0].length : 0);
}

/** Inserts the header entry into an object/dict literal `{ … }` at [open, close]. */
function insertIntoObject(c: Ctx, open: number, close: number): void {
  const items = splitItems(c.text, open, close, c.lang);
  if (!items.length) {
    c.edits.push(edit(c.text, open + 1, close, ` ${c.entry} `));
    return;
  }
  const gap = c.text.slice(open + 1, items[0].start);
  const sep = gap.includes('\n') ? `,${gap.slice(gap.lastIndexOf('\n') - (gap.includes('\r\n') ? 1 : 0))}` : ', ';
  c.edits.push(edit(c.text, items[0].start, items[0].start, `${c.entry}${sep}`));
}

/** Adds the header to an options object (JS) / the call's keywords (Python); `replace` swaps out a removed item. */
function addHeader(c: Ctx, container: { open: number; close: number; items: Item[] }, replace?: Item): Unsupported | undefined {
  const { text, lang } = c;
  const headers = container.items.find((it) => itemKey(text, it) === 'headers');
  if (headers) {
    const v = itemValueStart(text, headers);
    if (text[v] === '{' && matchClose(text, v, lang) === headers.end - 1) {
      insertIntoObject(c, v, headers.end - 1);
      return undefined;
    }
    if (lang === 'python' && /^[A-Za-z_][\w.]*$/.test(text.slice(v, headers.end))) {
      c.edits.push(edit(text, v, headers.end, `{**${text.slice(v, headers.end)}, ${c.entry}}`));
      return undefined;
    }
    return unsupported('The call passes headers that are not an object literal: add the header there by hand.');
  }
  const prop = lang === 'js' ? `headers: { ${c.entry} }` : `headers={${c.entry}}`;
  if (replace) {
    c.edits.push(edit(text, replace.start, replace.end, prop));
    return undefined;
  }
  if (lang === 'js') {
    if (!container.items.length) c.edits.push(edit(text, container.open + 1, container.close, ` ${prop} `));
    else c.edits.push(edit(text, container.items[0].start, container.items[0].start, `${prop}, `));
  } else {
    const last = container.items[container.items.length - 1];
    c.edits.push(edit(text, last.end, last.end, `, ${prop}`));
  }
  return undefined;
}

/** Options argument of a JS call: existing object literal, or a new one appended. */
function jsOptions(c: Ctx, call: { paren: number; close: number; callee: string; items: Item[] }): Unsupported | undefined {
  const idx = /^axios\.(post|put|patch)$/.test(call.callee) ? 2 : 1;
  const { text } = c;
  if (call.items.length > idx) {
    const opt = call.items[idx];
    if (text[opt.start] !== '{' || matchClose(text, opt.start, 'js') !== opt.end - 1) return unsupported('The request options are not an object literal here: add the header where they are built.');
    return addHeader(c, { open: opt.start, close: opt.end - 1, items: splitItems(text, opt.start, opt.end - 1, 'js') });
  }
  const last = call.items[call.items.length - 1];
  const filler = idx === 2 && call.items.length === 1 ? ', undefined' : '';
  c.edits.push(edit(text, last.end, last.end, `${filler}, { headers: { ${c.entry} } }`));
  return undefined;
}

export function planQueryToHeader(input: QueryHeaderInput): QueryHeaderPlan | Unsupported {
  const { text, finding } = input;
  const providers = input.providers ?? BUILTIN_PROVIDERS;
  const provider = finding.provider ? providers.find((p) => p.id === finding.provider) : undefined;
  if (finding.ruleId !== 'query-string-auth' || !finding.param) return unsupported('This fix applies to credentials in query strings.');
  // The scan classified the file; classify here only for a finding built without a scan.
  const family = finding.family ?? classifyFile(input.filePath, input.languageId);
  if (family !== 'js' && family !== 'python') return unsupported('keyward rewrites query-string credentials in JavaScript/TypeScript and Python calls; move this one to the provider\'s auth header by hand.', provider);
  // Guessing a header for an unknown API could break the call: say so instead.
  if (!provider) return unsupported('keyward does not know which header this API reads: check its docs (often Authorization: Bearer or X-API-Key) and move the key there.');
  const lang: CodeLang = family === 'js' ? 'js' : 'python';
  const bearer = provider.auth.style === 'bearer';
  const header = bearer ? 'Authorization' : provider.auth.header ?? 'X-API-Key';
  const start = finding.offset;
  const end = finding.offset + finding.length;
  if (start < 0 || end > text.length) return unsupported('The finding no longer matches the document; re-run the scan.');
  const edits: TextEdit[] = [];
  const plan: QueryHeaderPlan = { edits, header };

  /** The header's value expression for the parameter's value (a literal key moves to an env var). */
  const valueExpr = (raw: string, literal: boolean): string | Unsupported => {
    if (!literal) return raw;
    const name = input.name ?? envNameFor(finding, [], providers);
    const lookup = envLookup({ text, languageId: input.languageId, filePath: input.filePath, name, family });
    if ('unsupported' in lookup) return lookup;
    edits.push(...lookup.edits);
    plan.value = raw;
    plan.name = lookup.name;
    plan.destination = lookup.destination;
    return lookup.expression + (lang === 'js' && isTypeScript(input.languageId, input.filePath) ? '!' : '');
  };
  const entryFor = (expr: string, quote: string): string => {
    if (lang === 'js') {
      const key = /^[A-Za-z_$][\w$]*$/.test(header) ? header : `${quote}${header}${quote}`;
      return `${key}: ${bearer ? `\`Bearer \${${expr}}\`` : expr}`;
    }
    const inner = expr.includes('"') ? "'" : '"';
    return `"${header}": ${bearer ? `f${inner}Bearer {${expr}}${inner}` : expr}`;
  };

  if (finding.context?.kind === 'params-object') {
    const stack = openBrackets(text, start, lang);
    const obj = stack[stack.length - 1];
    if (obj === undefined || text[obj] !== '{') return unsupported('The parameter is not in an object literal keyward can edit.', provider);
    const before = text.slice(Math.max(0, obj - 40), obj);
    const isProp = lang === 'js' ? /\b(params|searchParams|query)\s*:\s*$/.test(before) : /\bparams\s*=\s*$/.test(before);
    if (!isProp) return unsupported('The query parameters are built apart from the request call: put the key in the request\'s headers by hand.', provider);
    const objClose = matchClose(text, obj, lang);
    const items = splitItems(text, obj, objClose, lang);
    const k = items.findIndex((it) => it.start <= start && start < it.end);
    if (k === -1) return unsupported('Could not find the parameter in its object.', provider);
    const it = items[k];
    const vStart = itemValueStart(text, it);
    const rawValue = vStart === it.start ? text.slice(it.start, it.end) : text.slice(vStart, it.end);
    const literal = !!finding.valueIsLiteral;
    const litVal = literal ? /^(['"])(.*)\1$/s.exec(rawValue)?.[2] : undefined;
    if (literal && litVal === undefined) return unsupported('Unexpected parameter value.', provider);
    const expr = valueExpr(literal ? litVal! : rawValue, literal);
    if (typeof expr !== 'string') return expr;
    const c: Ctx = { text, lang, entry: entryFor(expr, text[it.start] === '"' ? '"' : "'"), edits };
    // The container: the options object (JS) or the call (Python) holding `params`.
    const outerStack = openBrackets(text, obj, lang);
    const outer = outerStack[outerStack.length - 1];
    if (outer === undefined || (lang === 'js' ? text[outer] !== '{' : text[outer] !== '(')) return unsupported('The params object is not passed to a request call directly.', provider);
    if (lang === 'python' && !PY_CALLEE.test(text.slice(Math.max(0, outer - 120), outer))) return unsupported('The params are not passed to a requests/httpx style call.', provider);
    const outerClose = matchClose(text, outer, lang);
    const outerItems = splitItems(text, outer, outerClose, lang);
    const paramsItem = outerItems.find((o) => o.start <= obj && obj < o.end);
    if (items.length === 1 && paramsItem) {
      // The params object would be empty: the header takes its place.
      const hasHeaders = outerItems.some((o) => itemKey(text, o) === 'headers');
      if (hasHeaders) {
        const [rs, re] = removalRange(text, outerItems, outerItems.indexOf(paramsItem));
        edits.push(edit(text, rs, re, ''));
        const err = addHeader(c, { open: outer, close: outerClose, items: outerItems });
        if (err) return err;
      } else {
        const err = addHeader(c, { open: outer, close: outerClose, items: outerItems }, paramsItem);
        if (err) return err;
      }
    } else {
      const [rs, re] = removalRange(text, items, k);
      edits.push(edit(text, rs, re, ''));
      const err = addHeader(c, { open: outer, close: outerClose, items: outerItems });
      if (err) return err;
    }
    return finish(plan);
  }

  // url-param: `name=value` inside a URL literal.
  const lit = literalOnLine(text, family, start, finding.length);
  if (typeof lit === 'string') return unsupported('The URL is not a single-line string literal here: move the key to a header by hand.', provider);
  const valStart = start + finding.param.length + 1;
  const rawValue = text.slice(valStart, end);
  let expr: string | Unsupported;
  let removeTail: [number, number] | undefined;
  if (finding.valueIsLiteral) expr = valueExpr(rawValue, true);
  else if (lang === 'js' && /^\$\{[^{}]+\}$/.test(rawValue) && lit.open === '`') expr = rawValue.slice(2, -1).trim();
  else if (lang === 'python' && /^\{[^{}!:]+\}$/.test(rawValue) && /f/i.test(lit.prefix)) expr = rawValue.slice(1, -1).trim();
  else if (rawValue === '' && end === lit.contentEnd) {
    // "…?api_key=" + key, as the last piece of the URL.
    const m = /^\s*\+\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?)(?=\s*[,)])/.exec(text.slice(lit.end, lit.end + 200));
    if (!m) return unsupported('The URL is assembled in a way keyward does not rewrite: send the key in a header by hand.', provider);
    expr = m[1];
    removeTail = [lit.end, lit.end + m[0].length];
  } else return unsupported('The value is formatted into the URL in a way keyward does not rewrite.', provider);
  if (typeof expr !== 'string') return expr;
  const call = callAround(text, lit.start, lang);
  if (!call) return unsupported('The URL is not passed straight to fetch/axios/got/ky/undici (JS) or requests/httpx (Python): send the key in a header where the request is made.', provider);
  const urlIndex = lang === 'python' && /\.request$/.test(call.callee) ? 1 : 0;
  const positional = call.items[urlIndex]?.start === lit.start;
  const keyword = lang === 'python' && call.items.some((it) => it.start < lit.start && it.end === lit.end && /^url\s*=\s*$/.test(text.slice(it.start, lit.start)));
  if (!positional && !keyword) return unsupported('The URL is not the request call\'s URL argument.', provider);
  const c: Ctx = { text, lang, entry: entryFor(expr, lit.open === '"' ? '"' : "'"), edits };
  const err = lang === 'js' ? jsOptions(c, call) : addHeader(c, { open: call.paren, close: call.close, items: call.items });
  if (err) return err;
  // Remove `name=value` with the right separator: `?a&b` keeps `?`, a lone or last parameter takes its own.
  const sep = text[start - 1];
  const after = text[end];
  const [rs, re] = sep === '?' && after === '&' ? [start, end + 1] : [start - 1, end];
  if (sep !== '?' && sep !== '&') return unsupported('Unexpected URL shape.', provider);
  edits.push(edit(text, rs, re, ''));
  if (removeTail) edits.push(edit(text, removeTail[0], removeTail[1], ''));
  return finish(plan);
}

function finish(plan: QueryHeaderPlan): QueryHeaderPlan {
  plan.edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return plan;
}
