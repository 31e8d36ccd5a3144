// JavaScript / TypeScript (and Vue/Svelte scripts): template literals, JSX attributes, TS non-null.
import { isTypeScript } from '../../../../shared/languages';
import { htmlSection, nextChar, prevChar, prevWord } from '../syntax';
import type { Unsupported } from '../types';
import { interpolate, parts, un } from './common';
import type { Ctx, Rewrite } from './types';

/** Escapes text for a JS template literal; existing escapes are kept as written. */
function toTemplateText(raw: string, jsx: boolean): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') {
      if (jsx) out += '\\\\';
      else {
        out += raw.slice(i, i + 2);
        i++;
      }
    } else if (ch === '`') out += '\\`';
    else if (ch === '$' && raw[i + 1] === '{') out += '\\$';
    else out += ch;
  }
  return out;
}

/** A JSX attribute value (`<Tag attr="..."`) needs braces around an expression. */
function isJsxAttribute(text: string, litStart: number): boolean {
  if (text[litStart - 1] !== '=') return false;
  const window = text.slice(Math.max(0, litStart - 2000), litStart);
  return /<[A-Za-z][\w.:-]*(?:\s+(?:[\w:.-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?|\{\.\.\.[^{}]*\}))*\s+[\w:.-]+=$/.test(window);
}

const CLIENT_NOTE = 'If this code runs in the browser, bundlers inline env values into it: keep secret keys on a server.';

export function rewriteJs(c: Ctx): Rewrite | Unsupported {
  const r = rewriteJsLiteral(c);
  // Component files usually ship to browsers; say so rather than pretend the key is now private.
  if (!('unsupported' in r) && /\.(vue|svelte|jsx|tsx)$/i.test(c.input.filePath) && !c.lookup.note) r.note = CLIENT_NOTE;
  return r;
}

function rewriteJsLiteral(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment or regex?): delete it and revoke it.');
  const { text, lit } = c;
  if (/\.(vue|svelte|astro|html?)$/i.test(c.input.filePath) || /^(vue|svelte|astro|html)$/.test(c.input.languageId)) {
    if (htmlSection(text, lit.start) !== 'script') return un('Templates run in the browser and cannot read server environment variables: fetch the data from a server that holds the key, then revoke this one.');
  }
  const { pre, suf, whole } = parts(c);
  const jsx = lit.open !== '`' && isJsxAttribute(text, lit.start);
  const expression = c.lookup.expression;
  if (/^(from|import)$/.test(prevWord(text, lit.start))) return un('Module specifiers must be plain strings.');
  if (whole) {
    const ts = isTypeScript(c.input.languageId, c.input.filePath) && !expression.startsWith('Deno.');
    // TypeScript types env reads as string | undefined; the literal was a string.
    const value = ts ? `${expression}!` : expression;
    return { start: lit.start, end: lit.end, newText: jsx ? `{${value}}` : value };
  }
  if (lit.open === '`') return interpolate(c, `\${${expression}}`);
  let tpl = '`' + toTemplateText(pre, jsx) + `\${${expression}}` + toTemplateText(suf, jsx) + '`';
  if (jsx) tpl = `{${tpl}}`;
  else {
    // A quoted object key cannot become a template literal; a computed key can.
    const [p] = prevChar(text, lit.start);
    const [n] = nextChar(text, lit.end);
    if ((p === '{' || p === ',') && n === ':') tpl = `[${tpl}]`;
  }
  return { start: lit.start, end: lit.end, newText: tpl };
}
