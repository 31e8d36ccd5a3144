// Small lexical questions the rewrites ask about the code around a literal.

/** Previous non-blank character before `at` (and its index), skipping spaces, tabs and line breaks. */
export function prevChar(text: string, at: number): [string, number] {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return [i >= 0 ? text[i] : '', i];
}

export function nextChar(text: string, at: number): [string, number] {
  let i = at;
  while (i < text.length && /[ \t]/.test(text[i])) i++;
  return [i < text.length ? text[i] : '', i];
}

/** The word just before `at` (e.g. `return`, `from`, `case`). */
export function prevWord(text: string, at: number): string {
  const m = /([A-Za-z_$][\w$]*)\s*$/.exec(text.slice(Math.max(0, at - 64), at));
  return m ? m[1] : '';
}

/**
 * Whether `a OP b` can stand where the literal stood without parentheses: the neighbours bind looser
 * than string concatenation (argument lists, assignments, returns, the same operator).
 */
export function binarySafe(text: string, start: number, end: number, op: string): boolean {
  const [p, pi] = prevChar(text, start);
  const prevOk = p === '' || '(,=[{:;'.includes(p) || (p === '>' && text[pi - 1] === '=') || text.slice(pi - op.length + 1, pi + 1) === op || prevWord(text, start) === 'return';
  const [n, ni] = nextChar(text, end);
  const nextOk = n === '' || n === '\n' || n === '\r' || '),;]}'.includes(n) || (n === ':' && text[ni + 1] !== ':') || (text.startsWith(op, ni) && text[ni + op.length] !== '=') || text.startsWith('//', ni) || n === '#';
  return prevOk && nextOk;
}

/** Start offset of the line holding `at`. */
export function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Text of the line before `at`, from the line start. */
export function linePrefix(text: string, at: number): string {
  return text.slice(lineStartOf(text, at), at);
}

/**
 * Offsets of `{` that are still open at `at`, for C-like code. Skips strings, chars and comments well
 * enough for declarations; not a parser.
 */
export function openBraces(text: string, at: number): number[] {
  const stack: number[] = [];
  let i = 0;
  while (i < at) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? at : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e === -1 ? at : e + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      if (text.startsWith('"""', i)) {
        const e = text.indexOf('"""', i + 3);
        i = e === -1 ? at : e + 3;
        continue;
      }
      i++;
      while (i < at && text[i] !== c && !(c !== '`' && text[i] === '\n')) i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '{') stack.push(i);
    else if (c === '}') stack.pop();
    i++;
  }
  return stack;
}

/** Text of the declaration header before a `{` (back to the previous ; { or }). */
export function headerBefore(text: string, brace: number): string {
  let i = brace - 1;
  while (i >= 0 && !';{}'.includes(text[i])) i--;
  return text.slice(i + 1, brace);
}

/** Which part of an HTML-like file (Vue, Svelte, Astro, HTML) an offset is in. */
export function htmlSection(text: string, offset: number): 'script' | 'style' | 'markup' {
  // Astro's frontmatter between the leading --- fences is TypeScript.
  const fm = /^---\r?\n[\s\S]*?\r?\n---/.exec(text);
  if (fm && offset < fm[0].length) return 'script';
  const before = text.slice(0, offset).toLowerCase();
  const lastOpen = (tag: string) => before.lastIndexOf(`<${tag}`);
  const lastClose = (tag: string) => before.lastIndexOf(`</${tag}`);
  if (lastOpen('script') > lastClose('script')) return 'script';
  if (lastOpen('style') > lastClose('style')) return 'style';
  return 'markup';
}
