// A small code walker for JS/TS and Python: visits only characters that are code (not strings or
// comments; JS template holes are code again), so calls, objects and dicts can be matched up.

export type CodeLang = 'js' | 'python';

/** Calls `visit` for each code character in [from, to); stop early by returning true. */
export function scanCode(text: string, from: number, to: number, lang: CodeLang, visit: (i: number, c: string) => boolean | void): void {
  const holes: number[] = []; // brace depth at which each open `${` began
  let braces = 0;
  let inTemplate = false;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (inTemplate) {
      if (c === '\\') i += 2;
      else if (c === '`') {
        inTemplate = false;
        i++;
      } else if (c === '$' && text[i + 1] === '{') {
        holes.push(braces);
        braces++;
        inTemplate = false;
        i += 2;
      } else i++;
      continue;
    }
    if (lang === 'js' && c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      i = end === -1 ? to : text[i + 1] === '/' ? end : end + 2;
      continue;
    }
    if (lang === 'python' && c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? to : end;
      continue;
    }
    if (lang === 'js' && c === '`') {
      inTemplate = true;
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = lang === 'python' && text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + triple.length;
      while (j < to && !text.startsWith(triple, j) && (triple.length === 3 || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      i = j + triple.length;
      continue;
    }
    if (c === '{') braces++;
    if (c === '}') {
      braces--;
      if (holes.length && holes[holes.length - 1] === braces) {
        holes.pop();
        inTemplate = true;
        i++;
        continue;
      }
    }
    if (visit(i, c)) return;
    i++;
  }
}

const OPEN = '([{';
const CLOSE = ')]}';

/** Offsets of the brackets still open at `at` (outermost first). */
export function openBrackets(text: string, at: number, lang: CodeLang): number[] {
  const stack: number[] = [];
  scanCode(text, 0, at, lang, (i, c) => {
    if (OPEN.includes(c)) stack.push(i);
    else if (CLOSE.includes(c)) stack.pop();
  });
  return stack;
}

/** Offset of the bracket closing the one at `open`, or -1. */
export function matchClose(text: string, open: number, lang: CodeLang): number {
  let depth = 0;
  let found = -1;
  scanCode(text, open, text.length, lang, (i, c) => {
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && --depth === 0) {
      found = i;
      return true;
    }
  });
  return found;
}

export interface Item {
  /** First and one-past-last non-blank characters of the item. */
  start: number;
  end: number;
}

/** Comma-separated items directly inside the bracket pair (open, close). */
export function splitItems(text: string, open: number, close: number, lang: CodeLang): Item[] {
  const cuts: number[] = [open];
  let depth = 0;
  scanCode(text, open + 1, close, lang, (i, c) => {
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
    else if (c === ',' && depth === 0) cuts.push(i);
  });
  cuts.push(close);
  const items: Item[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    let s = cuts[k] + 1;
    let e = cuts[k + 1];
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) items.push({ start: s, end: e });
  }
  return items;
}

/** Range that removes item `k` of `items` together with one neighbouring comma. */
export function removalRange(text: string, items: Item[], k: number): [number, number] {
  if (k + 1 < items.length) return [items[k].start, items[k + 1].start];
  if (k > 0) return [items[k - 1].end, items[k].end];
  // Only item: take a trailing comma with it.
  let e = items[k].end;
  const m = /^\s*,/.exec(text.slice(e, e + 20));
  if (m) e += m[0].length;
  return [items[k].start, e];
}
