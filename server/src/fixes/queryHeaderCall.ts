// The request-call side of "Send the key in a header": finds the fetch/axios/requests call around
// a URL or params object and adds the auth header entry to its options, keywords or headers.
import type { ProviderEntry } from '../../../shared/providers/types';
import { matchClose, openBrackets, splitItems, type CodeLang, type Item } from './brackets';
import { edit } from './text';
import type { TextEdit, Unsupported } from './types';

const WHY_LINK = 'https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url';

const JS_CALLEE = /(?:^|[^\w$.])((?:window\.|globalThis\.)?fetch|\$fetch|ofetch|axios(?:\.(?:get|delete|head|options|post|put|patch|request))?|got(?:\.(?:get|post|put|patch|delete|head))?|ky(?:\.(?:get|post|put|patch|delete|head))?|(?:undici\.)?request|undici\.fetch|https?\.(?:get|request))\s*$/;
export const PY_CALLEE = /(?:^|[^\w.])((?:[A-Za-z_][\w]*\.)*(?:get|post|put|patch|delete|head|options|request|stream))\s*$/;

/** A request call: its parentheses, the callee's name and its top-level arguments. */
export interface Call {
  paren: number;
  close: number;
  callee: string;
  items: Item[];
}

/** The call being edited and the header entry (`X-API-Key: expr`) to add to it. */
export interface HeaderCtx {
  text: string;
  lang: CodeLang;
  entry: string;
  edits: TextEdit[];
}

/** A refusal linking the provider's docs, or why a key in a query string leaks. */
export function unsupported(reason: string, provider?: ProviderEntry): Unsupported {
  return { unsupported: reason, link: provider?.docsUrl ?? WHY_LINK };
}

/** The call whose first (or url-index) argument starts at `argStart`. */
export function callAround(text: string, argStart: number, lang: CodeLang): Call | undefined {
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
export function itemKey(text: string, it: Item): string | undefined {
  const m = /^(['"]?)([\w$-]+)\1\s*(?:[:=](?!=))/.exec(text.slice(it.start, it.end));
  return m ? m[2] : undefined;
}

export function itemValueStart(text: string, it: Item): number {
  const m = /^(['"]?)[\w$-]+\1\s*[:=]\s*/.exec(text.slice(it.start, it.end));
  return it.start + (m ? m[0].length : 0);
}

/** Inserts the header entry into an object/dict literal `{ … }` at [open, close]. */
function insertIntoObject(c: HeaderCtx, open: number, close: number): void {
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
export function addHeader(c: HeaderCtx, container: { open: number; close: number; items: Item[] }, replace?: Item): Unsupported | undefined {
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
export function jsOptions(c: HeaderCtx, call: Call): Unsupported | undefined {
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
