// Finds the string literal around a secret and splits it into prefix / delimiters / content, so a
// rewrite can keep the rest of the string and its quoting exactly as written.
import type { Finding } from '../engine/types';
import { languageOf, type Family } from '../../../shared/languages';
import { lineBounds, lineStarts, positionAt } from './text';

export interface Literal {
  start: number; // first char of the prefix (f, r, $, @, b ...) or of the quote
  end: number; // one past the closing delimiter
  prefix: string; // string prefix letters/sigils, as written
  open: string; // opening quote run (", ', `, """, ''')
  close: string; // closing run (quote plus Rust raw hashes)
  contentStart: number;
  contentEnd: number;
}

// Quotes, prefixes and triple-quoted blocks per family come from the language table.
const PREFIXES = (family: Family): RegExp | undefined => languageOf(family).strings?.prefixes;
const QUOTES = (family: Family): string | undefined => languageOf(family).strings?.quotes;
const TRIPLE = (family: Family): boolean => languageOf(family).strings?.triple === true;

/** Quote kinds whose content takes no backslash escapes. */
function rawQuote(family: Family, prefix: string, q: string): boolean {
  if (q === "'" && (family === 'shell' || family === 'dockerfile' || family === 'makefile' || family === 'yaml' || family === 'compose' || family === 'github-actions' || family === 'powershell')) return true;
  if (q === '`' && family === 'go') return true;
  if (family === 'csharp' && prefix.includes('@')) return true;
  if (family === 'rust' && prefix.includes('r')) return true;
  return false;
}

/** Splits a literal whose exact bounds are known (from the engine). */
export function splitLiteral(text: string, family: Family, start: number, end: number): Literal | undefined {
  let s = start;
  // The engine may point at the quote; string prefixes sit right before it.
  const pre = PREFIXES(family);
  if (pre && /['"]/.test(text[s] ?? '')) {
    for (let k = Math.max(0, s - 4); k < s; k++) {
      if (pre.test(text.slice(k, s)) && !/[\w$]/.test(text[k - 1] ?? '')) {
        s = k;
        break;
      }
    }
  }
  const slice = text.slice(s, end);
  const m = /^([A-Za-z0-9$@]*)(#*)("""|'''|"|'|`)/.exec(slice);
  if (!m) return undefined;
  const prefix = m[1] + m[2];
  const open = m[3];
  const close = open + m[2];
  if (slice.length < m[0].length + close.length || !slice.endsWith(close)) return undefined;
  return { start: s, end, prefix, open, close, contentStart: s + m[0].length, contentEnd: end - close.length };
}

/** Fallback when the finding carries no literal range: lex the secret's own line. */
export function literalOnLine(text: string, family: Family, offset: number, length: number): Literal | 'unquoted' | 'multiline' {
  const quotes = QUOTES(family);
  if (!quotes) return 'unquoted';
  const starts = lineStarts(text);
  const line = positionAt(text, offset, starts).line;
  const [ls, le] = lineBounds(text, line, starts);
  const pre = PREFIXES(family);
  let i = ls;
  while (i < le) {
    const c = text[i];
    if (!quotes.includes(c)) {
      // Line comments end the search for literals on this line.
      if (family === 'python' || family === 'ruby' || family === 'shell' || family === 'yaml' || family === 'compose' || family === 'github-actions' || family === 'dockerfile' || family === 'makefile' || family === 'perl' || family === 'r' || family === 'elixir' || family === 'powershell') {
        if (c === '#' && (i === ls || /\s/.test(text[i - 1])) && i < offset) return 'unquoted';
      } else if (c === '/' && text[i + 1] === '/' && i < offset && family !== 'terraform') {
        if (!(family === 'js' && /:$/.test(text.slice(ls, i)))) return 'unquoted';
      }
      i++;
      continue;
    }
    const triple = TRIPLE(family) && text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
    let p = i;
    while (pre && p > ls && /[A-Za-z$@]/.test(text[p - 1])) p--;
    const prefix = pre && pre.test(text.slice(p, i)) ? text.slice(p, i) : '';
    const raw = rawQuote(family, prefix, c);
    let j = i + triple.length;
    let closed = -1;
    while (j < le) {
      if (!raw && text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text.startsWith(triple, j)) {
        if (family === 'csharp' && prefix.includes('@') && text[j + 1] === '"') {
          j += 2;
          continue;
        }
        closed = j;
        break;
      }
      j++;
    }
    const litStart = prefix ? i - prefix.length : i;
    if (closed === -1) return offset >= i ? 'multiline' : 'unquoted';
    const litEnd = closed + triple.length;
    if (offset >= i + triple.length && offset + length <= closed) {
      return { start: litStart, end: litEnd, prefix, open: triple, close: triple, contentStart: i + triple.length, contentEnd: closed };
    }
    if (offset < litEnd) return 'unquoted';
    i = litEnd;
  }
  return 'unquoted';
}

/** The literal around the finding, preferring the engine's range. */
export function findLiteral(text: string, family: Family, finding: Finding): Literal | 'unquoted' | 'multiline' {
  const ctx = finding.context;
  if (ctx && typeof ctx.literalOffset === 'number' && typeof ctx.literalLength === 'number' && ctx.literalLength > 0) {
    const lit = splitLiteral(text, family, ctx.literalOffset, ctx.literalOffset + ctx.literalLength);
    if (lit && lit.contentStart <= finding.offset && finding.offset + finding.length <= lit.contentEnd) return lit;
  }
  return literalOnLine(text, family, finding.offset, finding.length);
}
