// "Send the key in a header instead of the query string": for fetch/axios/got/ky/undici calls in
// JS/TS and requests/httpx calls in Python, take the parameter out of the URL (or params object) and
// add the provider's auth header to the call's options (./queryHeaderCall edits the call).
import type { Finding } from '../engine/types';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import { matchClose, openBrackets, removalRange, splitItems, type CodeLang } from './brackets';
import { envLookup } from './envLookup';
import { envNameFor } from './envName';
import { classifyFile, isTypeScript, type Family } from '../../../shared/languages';
import { literalOnLine } from './literal';
import { addHeader, callAround, itemKey, itemValueStart, jsOptions, PY_CALLEE, unsupported, type HeaderCtx } from './queryHeaderCall';
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

/** One planning run: the input, what was decided about it, and the plan being filled. */
interface Job {
  input: QueryHeaderInput;
  text: string;
  finding: Finding;
  providers: readonly ProviderEntry[];
  provider: ProviderEntry;
  family: Family;
  lang: CodeLang;
  bearer: boolean;
  header: string;
  /** The parameter's bounds (`name=value` or the params entry). */
  start: number;
  end: number;
  edits: TextEdit[];
  plan: QueryHeaderPlan;
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
  const bearer = provider.auth.style === 'bearer';
  const header = bearer ? 'Authorization' : provider.auth.header ?? 'X-API-Key';
  const start = finding.offset;
  const end = finding.offset + finding.length;
  if (start < 0 || end > text.length) return unsupported('The finding no longer matches the document; re-run the scan.');
  const edits: TextEdit[] = [];
  const job: Job = { input, text, finding, providers, provider, family, lang: family, bearer, header, start, end, edits, plan: { edits, header } };
  const r = finding.context?.kind === 'params-object' ? moveParamsEntry(job) : moveUrlParam(job);
  return r ?? finish(job.plan);
}

/** The header's value expression for the parameter's value (a literal key moves to an env var). */
function valueExpr(job: Job, raw: string, literal: boolean): string | Unsupported {
  if (!literal) return raw;
  const { input, plan } = job;
  const name = input.name ?? envNameFor(job.finding, [], job.providers);
  const lookup = envLookup({ text: job.text, languageId: input.languageId, filePath: input.filePath, name, family: job.family });
  if ('unsupported' in lookup) return lookup;
  job.edits.push(...lookup.edits);
  plan.value = raw;
  plan.name = lookup.name;
  plan.destination = lookup.destination;
  return lookup.expression + (job.lang === 'js' && isTypeScript(input.languageId, input.filePath) ? '!' : '');
}

/** The header entry for the call's options, quoted like the code around it. */
function entryFor(job: Job, expr: string, quote: string): string {
  const { header, bearer } = job;
  if (job.lang === 'js') {
    const key = /^[A-Za-z_$][\w$]*$/.test(header) ? header : `${quote}${header}${quote}`;
    return `${key}: ${bearer ? `\`Bearer \${${expr}}\`` : expr}`;
  }
  const inner = expr.includes('"') ? "'" : '"';
  return `"${header}": ${bearer ? `f${inner}Bearer {${expr}}${inner}` : expr}`;
}

/** `params: { key: … }` (JS) / `params={…}` (Python): the entry leaves the object, the header joins the call. */
function moveParamsEntry(job: Job): Unsupported | undefined {
  const { text, lang, start, provider, edits } = job;
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
  const literal = !!job.finding.valueIsLiteral;
  const litVal = literal ? /^(['"])(.*)\1$/s.exec(rawValue)?.[2] : undefined;
  if (literal && litVal === undefined) return unsupported('Unexpected parameter value.', provider);
  const expr = valueExpr(job, literal ? litVal! : rawValue, literal);
  if (typeof expr !== 'string') return expr;
  const c: HeaderCtx = { text, lang, entry: entryFor(job, expr, text[it.start] === '"' ? '"' : "'"), edits };
  // The container: the options object (JS) or the call (Python) holding `params`.
  const outerStack = openBrackets(text, obj, lang);
  const outer = outerStack[outerStack.length - 1];
  if (outer === undefined || (lang === 'js' ? text[outer] !== '{' : text[outer] !== '(')) return unsupported('The params object is not passed to a request call directly.', provider);
  if (lang === 'python' && !PY_CALLEE.test(text.slice(Math.max(0, outer - 120), outer))) return unsupported('The params are not passed to a requests/httpx style call.', provider);
  const outerClose = matchClose(text, outer, lang);
  const outerItems = splitItems(text, outer, outerClose, lang);
  const paramsItem = outerItems.find((o) => o.start <= obj && obj < o.end);
  const container = { open: outer, close: outerClose, items: outerItems };
  if (items.length === 1 && paramsItem) {
    // The params object would be empty: the header takes its place.
    if (!outerItems.some((o) => itemKey(text, o) === 'headers')) return addHeader(c, container, paramsItem);
    const [rs, re] = removalRange(text, outerItems, outerItems.indexOf(paramsItem));
    edits.push(edit(text, rs, re, ''));
    return addHeader(c, container);
  }
  const [rs, re] = removalRange(text, items, k);
  edits.push(edit(text, rs, re, ''));
  return addHeader(c, container);
}

/** `name=value` inside a URL literal: the parameter leaves the URL, the header joins the call. */
function moveUrlParam(job: Job): Unsupported | undefined {
  const { text, lang, start, end, provider, edits } = job;
  const lit = literalOnLine(text, job.family, start, job.finding.length);
  if (typeof lit === 'string') return unsupported('The URL is not a single-line string literal here: move the key to a header by hand.', provider);
  const valStart = start + job.finding.param!.length + 1;
  const rawValue = text.slice(valStart, end);
  let expr: string | Unsupported;
  let removeTail: [number, number] | undefined;
  if (job.finding.valueIsLiteral) expr = valueExpr(job, rawValue, true);
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
  const c: HeaderCtx = { text, lang, entry: entryFor(job, expr, lit.open === '"' ? '"' : "'"), edits };
  const err = lang === 'js' ? jsOptions(c, call) : addHeader(c, { open: call.paren, close: call.close, items: call.items });
  if (err) return err;
  // Remove `name=value` with the right separator: `?a&b` keeps `?`, a lone or last parameter takes its own.
  const sep = text[start - 1];
  const after = text[end];
  const [rs, re] = sep === '?' && after === '&' ? [start, end + 1] : [start - 1, end];
  if (sep !== '?' && sep !== '&') return unsupported('Unexpected URL shape.', provider);
  edits.push(edit(text, rs, re, ''));
  if (removeTail) edits.push(edit(text, removeTail[0], removeTail[1], ''));
  return undefined;
}

function finish(plan: QueryHeaderPlan): QueryHeaderPlan {
  plan.edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return plan;
}
