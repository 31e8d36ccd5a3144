// "Ignore this line": a keyward-ignore-next-line comment above the line, in the file's own comment
// syntax, or a same-line keyward-ignore where a line above would change the program or the data.
import { classifyFile, languageOf, type CommentSyntax, type Family } from '../../../shared/languages';
import { htmlSection } from './syntax';
import { edit, eolOf, indentOf, lineBounds, lineStarts } from './text';
import type { TextEdit } from './types';

const NEXT = 'keyward-ignore-next-line';
const SAME = 'keyward-ignore';

type Comment = CommentSyntax;
const SLASH: Comment = { open: '//' };
const HASH: Comment = { open: '#' };

interface StringKind {
  open: string;
  close: string;
  multiline: boolean;
  escapes: boolean;
}
interface LexSpec {
  line: string[];
  block?: [string, string];
  strings: StringKind[];
  /** Shell/Ruby/PHP/Terraform heredocs. */
  heredoc?: boolean;
}

const s = (open: string, multiline: boolean, escapes = true, close = open): StringKind => ({ open, close, multiline, escapes });
const C_LIKE: LexSpec = { line: ['//'], block: ['/*', '*/'], strings: [s('"', false), s("'", false)] };
const LEX: Partial<Record<Family, LexSpec>> = {
  js: { line: ['//'], block: ['/*', '*/'], strings: [s('`', true), s('"', false), s("'", false)] },
  python: { line: ['#'], strings: [s('"""', true), s("'''", true), s('"', false), s("'", false)] },
  go: { line: ['//'], block: ['/*', '*/'], strings: [s('`', true, false), s('"', false), s("'", false)] },
  java: { ...C_LIKE, strings: [s('"""', true), ...C_LIKE.strings] },
  kotlin: { ...C_LIKE, strings: [s('"""', true), ...C_LIKE.strings] },
  scala: { ...C_LIKE, strings: [s('"""', true), ...C_LIKE.strings] },
  swift: { ...C_LIKE, strings: [s('"""', true), ...C_LIKE.strings] },
  dart: { ...C_LIKE, strings: [s('"""', true), s("'''", true), ...C_LIKE.strings] },
  csharp: { ...C_LIKE, strings: [s('"""', true), s('@"', true, false, '"'), ...C_LIKE.strings] },
  rust: { line: ['//'], block: ['/*', '*/'], strings: [s('r#"', true, false, '"#'), s('"', true)] },
  c: C_LIKE,
  php: { line: ['//', '#'], block: ['/*', '*/'], strings: [s('"', true), s("'", true)], heredoc: true },
  ruby: { line: ['#'], strings: [s('"', true), s("'", true)], heredoc: true },
  perl: { line: ['#'], strings: [s('"', true), s("'", true)], heredoc: true },
  shell: { line: ['#'], strings: [s('"', true), s("'", true, false)], heredoc: true },
  powershell: { line: ['#'], strings: [s('"', true), s("'", true, false)] },
  terraform: { line: ['#', '//'], block: ['/*', '*/'], strings: [s('"', false)], heredoc: true },
};

/** Whether the start of `line` lies inside a string or heredoc (a comment there would become data). */
function insideString(text: string, spec: LexSpec, lineOffset: number): boolean {
  let i = 0;
  const heredocs: string[] = [];
  // Only these characters can start a string, comment or heredoc: skip the rest cheaply.
  const starters = new Set([...spec.line, ...(spec.block ? [spec.block[0]] : []), ...spec.strings.map((k) => k.open), ...(spec.heredoc ? ['<', '\n'] : [])].map((t) => t[0]));
  const next = new RegExp(`[${[...starters].map((c) => (c === '\n' ? '\\n' : c.replace(/[\]\\^-]/g, '\\$&'))).join('')}]`, 'g');
  while (i < lineOffset) {
    const ch = text[i];
    if (!starters.has(ch)) {
      next.lastIndex = i;
      const m = next.exec(text);
      i = m ? m.index : lineOffset;
      continue;
    }
    if (ch === '\n' && heredocs.length) {
      // Skip heredoc bodies up to their terminator lines.
      let j = i + 1;
      while (heredocs.length && j < text.length) {
        const nl = text.indexOf('\n', j);
        const lineEnd = nl === -1 ? text.length : nl;
        const body = text.slice(j, lineEnd).replace(/\r$/, '').trim();
        if (lineOffset >= j && lineOffset <= lineEnd && body !== heredocs[0]) return true;
        if (body === heredocs[0]) heredocs.shift();
        j = lineEnd + 1;
      }
      i = j;
      continue;
    }
    const lc = spec.line.find((l) => text.startsWith(l, i) && (l !== '#' || i === 0 || /[\s;({]/.test(text[i - 1])));
    if (lc) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    if (spec.block && text.startsWith(spec.block[0], i)) {
      const e = text.indexOf(spec.block[1], i + spec.block[0].length);
      i = e === -1 ? text.length : e + spec.block[1].length;
      continue;
    }
    if (spec.heredoc) {
      const m = /^<<[-~]?[ \t]*(["']?)([A-Za-z_]\w*)\1/.exec(text.slice(i, i + 80));
      if (m && text[i - 1] !== '<') {
        heredocs.push(m[2]);
        i += m[0].length;
        continue;
      }
    }
    const str = spec.strings.find((k) => text.startsWith(k.open, i));
    if (str) {
      let j = i + str.open.length;
      let closed = false;
      while (j < text.length) {
        if (str.escapes && text[j] === '\\') {
          j += 2;
          continue;
        }
        if (!str.multiline && text[j] === '\n') break;
        if (text.startsWith(str.close, j)) {
          closed = true;
          break;
        }
        j++;
      }
      if (str.multiline && j >= lineOffset && lineOffset > i) return true;
      i = closed ? j + str.close.length : j;
      continue;
    }
    i++;
  }
  return false;
}

function prevNonBlank(text: string, line: number, starts: number[]): string | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const t = text.slice(...lineBounds(text, l, starts));
    if (t.trim()) return t;
  }
  return undefined;
}

/** YAML: the line sits in a block scalar (`key: |`); returns that key and the indicator. */
function yamlBlockScalar(text: string, line: number, starts: number[]): { key: string; literal: boolean } | undefined {
  const target = text.slice(...lineBounds(text, line, starts));
  const indent = indentOf(target).length;
  for (let l = line - 1; l >= 0; l--) {
    const t = text.slice(...lineBounds(text, l, starts));
    if (!t.trim()) continue;
    if (indentOf(t).length < indent) {
      const m = /^\s*(?:-\s+)?(?:([\w.-]+)\s*:\s*)?([|>])[-+0-9]*\s*(?:#.*)?$/.exec(t);
      return m ? { key: m[1] ?? '', literal: m[2] === '|' } : undefined;
    }
  }
  return undefined;
}

const FENCE_COMMENT: Record<string, Comment> = {
  js: SLASH, javascript: SLASH, ts: SLASH, typescript: SLASH, jsx: SLASH, tsx: SLASH, go: SLASH, java: SLASH,
  kotlin: SLASH, csharp: SLASH, cs: SLASH, rust: SLASH, c: SLASH, cpp: SLASH, swift: SLASH, php: SLASH,
  python: HASH, py: HASH, ruby: HASH, rb: HASH, bash: HASH, sh: HASH, shell: HASH, zsh: HASH, console: HASH,
  yaml: HASH, yml: HASH, toml: HASH, dockerfile: HASH, docker: HASH, env: HASH, dotenv: HASH, sql: { open: '--' },
  lua: { open: '--' }, html: { open: '<!--', close: '-->' }, xml: { open: '<!--', close: '-->' },
};

/** The fence language when the line is inside a fenced Markdown code block. */
function markdownFence(text: string, line: number, starts: number[]): string | undefined {
  let open: string | undefined;
  let fence: string | undefined;
  for (let l = 0; l < line; l++) {
    const t = text.slice(...lineBounds(text, l, starts));
    const m = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(t);
    if (!m) continue;
    if (fence === undefined) {
      fence = m[1];
      open = m[2].toLowerCase();
    } else if (m[1][0] === fence[0] && m[1].length >= fence.length && !m[2]) {
      fence = undefined;
      open = undefined;
    }
  }
  return fence === undefined ? undefined : open ?? '';
}

function render(c: Comment, body: string): string {
  return c.close ? `${c.open} ${body} ${c.close}` : `${c.open} ${body}`;
}

/** Ignore comment for `line` (0-based), or undefined where no comment can be added without changing the file's meaning. */
/** `family`: the scan's classification (Finding.family); the file is classified here when absent. */
export function planIgnoreLine(text: string, languageId: string, line: number, filePath = '', family: Family = classifyFile(filePath, languageId)): TextEdit | undefined {
  const starts = lineStarts(text);
  if (line < 0 || line >= starts.length) return undefined;
  if (family === 'json') return undefined; // strict JSON has no comments
  if (family === 'notebook') return notebookIgnore(text, line, starts);
  let comment: Comment | undefined = languageOf(family).comment;
  const [ls, le] = lineBounds(text, line, starts);
  const lineText = text.slice(ls, le);
  const indent = indentOf(lineText);
  const eol = eolOf(text);
  const prev = line > 0 ? text.slice(...lineBounds(text, line - 1, starts)) : '';
  if (prev.includes(NEXT)) return undefined;

  const htmlLike = /^(vue|svelte|html|astro)$/.test(languageId) || /\.(vue|svelte|html?|astro)$/i.test(filePath);
  if (htmlLike) {
    const section = htmlSection(text, ls);
    comment = section === 'script' ? SLASH : section === 'style' ? { open: '/*', close: '*/' } : { open: '<!--', close: '-->' };
    if (section !== 'script') return edit(text, ls, ls, `${indent}${render(comment, NEXT)}${eol}`, starts);
  }
  if (!comment) return undefined;

  if (family === 'markdown') {
    const fence = markdownFence(text, line, starts);
    if (fence !== undefined) comment = FENCE_COMMENT[fence] ?? comment;
    // A comment line would split a table: the same-line form is an invisible extra cell.
    else if (/^\s*\|/.test(lineText) && /^\s*\|/.test(prev)) return edit(text, le, le, ` ${render(comment, SAME)}`, starts);
  }

  if (languageOf(family).base === 'yaml') {
    const block = yamlBlockScalar(text, line, starts);
    if (block) {
      // Only literal shell scripts treat a # line as a comment; anywhere else it would become data.
      if (!block.literal || !/^(run|script|command|entrypoint|before_script|after_script|shell)$/.test(block.key)) return undefined;
    }
  }

  const spec = htmlLike ? LEX.js : LEX[family];
  if (spec && insideString(text, spec, ls)) return undefined;

  // A line joined to the previous one by a trailing backslash cannot take a comment line in between.
  if (/\\\s*$/.test(prev) && family !== 'dockerfile') {
    if (/\\\s*$/.test(lineText) || family === 'c') return undefined;
    return edit(text, le, le, ` ${render(comment, SAME)}`, starts);
  }

  // JSX children render // as text; an expression container holds the comment instead.
  if (family === 'js' && !htmlLike && /\.(jsx|tsx)$|react/i.test(`${filePath} ${languageId}`)) {
    const p = prevNonBlank(text, line, starts)?.trimEnd() ?? '';
    const tagLine = /^\s*</.test(p) && />$/.test(p) && !/=>$/.test(p);
    const inChildren = tagLine && !/^\s*[\w.:-]+\s*=/.test(lineText) && !/^\s*\/?>/.test(lineText);
    if (inChildren) return edit(text, ls, ls, `${indent}{/* ${NEXT} */}${eol}`, starts);
  }

  return edit(text, ls, ls, `${indent}${render(comment, NEXT)}${eol}`, starts);
}

/** Notebook code lines are JSON strings: the same-line comment goes inside the string, before its \\n. */
function notebookIgnore(text: string, line: number, starts: number[]): TextEdit | undefined {
  const [ls, le] = lineBounds(text, line, starts);
  const m = /^(\s*")((?:[^"\\]|\\.)*)("\s*,?\s*)$/.exec(text.slice(ls, le));
  if (!m) return undefined;
  const body = m[2];
  if (body.includes(SAME)) return undefined;
  const at = ls + m[1].length + (body.endsWith('\\n') ? body.length - 2 : body.length);
  return edit(text, at, at, ` # ${SAME}`, starts);
}
