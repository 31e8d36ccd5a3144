// "Move key to environment variable": replaces the secret in the source with the language's env
// lookup, keeping the rest of the string, its quoting and the statement valid.
import type { Finding } from '../engine/types';
import { envLookup, type EnvLookup } from './envLookup';
import { isTypeScript, type Family } from './languages';
import { findLiteral, type Literal } from './literal';
import { binarySafe, headerBefore, linePrefix, lineStartOf, nextChar, openBraces, prevChar, prevWord } from './syntax';
import { edit, lineStarts } from './text';
import type { MovePlan, TextEdit, Unsupported } from './types';

export interface MoveInput {
  text: string;
  languageId: string;
  filePath: string;
  finding: Finding;
  /** Env var name to read (see envNameFor). */
  name: string;
}

interface Rewrite {
  start: number;
  end: number;
  newText: string;
  extra?: TextEdit[];
  note?: string;
  /** The variable name is fixed by the file (an env example line names it). */
  name?: string;
}

interface Ctx {
  text: string;
  family: Family;
  lit?: Literal;
  /** The secret's bounds. */
  s: number;
  e: number;
  lookup: EnvLookup;
  input: MoveInput;
}

const un = (unsupported: string): Unsupported => ({ unsupported });

function parts(c: Ctx): { pre: string; suf: string; whole: boolean } {
  const lit = c.lit!;
  const pre = c.text.slice(lit.contentStart, c.s);
  const suf = c.text.slice(c.e, lit.contentEnd);
  return { pre, suf, whole: !pre && !suf };
}

/** `"pre" OP expr OP "suf"`, keeping the literal's own prefix and quotes on each remaining piece. */
function concat(c: Ctx, op: string, expression: string): Rewrite {
  const lit = c.lit!;
  const { pre, suf } = parts(c);
  const pieces: string[] = [];
  if (pre) pieces.push(lit.prefix + lit.open + pre + lit.close);
  pieces.push(expression);
  if (suf) pieces.push(lit.prefix + lit.open + suf + lit.close);
  let out = pieces.join(` ${op} `);
  if (pieces.length > 1 && !binarySafe(c.text, lit.start, lit.end, op)) out = `(${out})`;
  return { start: lit.start, end: lit.end, newText: out };
}

/** Insert an interpolation in place of the secret, leaving the literal as is. */
function interpolate(c: Ctx, hole: string): Rewrite {
  return { start: c.s, end: c.e, newText: hole };
}

function wholeLiteral(c: Ctx, expression: string): Rewrite {
  return { start: c.lit!.start, end: c.lit!.end, newText: expression };
}

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

function rewriteJs(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment or regex?): delete it and revoke it.');
  const { text, lit } = c;
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

function rewritePython(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?): delete it and revoke it.');
  const { lit } = c;
  const { pre, suf, whole } = parts(c);
  const expression = c.lookup.expression;
  const prefix = lit.prefix.toLowerCase();
  if (prefix.includes('b')) {
    if (whole) return wholeLiteral(c, `${expression}.encode()`);
    return concat(c, '+', `${expression}.encode()`);
  }
  if (whole) return wholeLiteral(c, expression);
  // Before Python 3.12 an f-string's expression may not reuse the string's quote character.
  const other = lit.open[0] === '"' ? "'" : '"';
  const hole = `{${expression.replace(/"/g, other)}}`;
  if (prefix.includes('f')) return interpolate(c, hole);
  const braces = (s: string) => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
  const newPrefix = lit.prefix.replace(/[uU]/, '') + (lit.prefix === lit.prefix.toUpperCase() && lit.prefix ? 'F' : 'f');
  return { start: lit.start, end: lit.end, newText: newPrefix + lit.open + braces(pre) + hole + braces(suf) + lit.close };
}

/** Go constants cannot hold a run-time value: the declaration becomes a var. */
function goConstToVar(c: Ctx): TextEdit[] | Unsupported {
  const { text } = c;
  const start = c.lit ? c.lit.start : c.s;
  const line = linePrefix(text, start);
  const single = /^([ \t]*)const\b/.exec(line);
  if (single) {
    const at = lineStartOf(text, start) + single[1].length;
    return [edit(text, at, at + 5, 'var')];
  }
  const before = text.slice(0, start);
  const blockRe = /^[ \t]*const[ \t]*\(/gm;
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  while ((m = blockRe.exec(before))) last = m;
  if (last && !/^[ \t]*\)/m.test(before.slice(last.index + last[0].length))) {
    const close = /^[ \t]*\)/m.exec(text.slice(start));
    const block = text.slice(last.index, close ? start + close.index : text.length);
    if (/\biota\b/.test(block)) return un('This const block uses iota: move the key out of the block into its own var first.');
    const at = last.index + last[0].indexOf('const');
    return [edit(text, at, at + 5, 'var')];
  }
  return [];
}

function rewriteGo(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment or struct tag?).');
  if (prevChar(c.text, c.lit.start)[0] === '`' || /`[^`]*$/.test(linePrefix(c.text, c.lit.start))) return un('Struct tags must be literals.');
  const extra = goConstToVar(c);
  if ('unsupported' in extra) return extra;
  const r = parts(c).whole ? wholeLiteral(c, c.lookup.expression) : concat(c, '+', c.lookup.expression);
  return { ...r, extra };
}

function annotationArgument(text: string, at: number): boolean {
  return /@[\w.]+\s*\([^()]*$/.test(text.slice(Math.max(0, at - 300), at)) || /\[[\w.]+\s*\([^()]*$/.test(linePrefix(text, at));
}

function rewriteJavaLike(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?): delete it and revoke it.');
  const { text, lit, family } = c;
  const { whole } = parts(c);
  if (family !== 'csharp' && annotationArgument(text, lit.start)) return un('Annotation arguments must be compile-time constants: read the key where the annotation is used instead.');
  if (family === 'csharp' && /\[[\w.]+(?:Attribute)?\s*\([^()\]]*$/.test(linePrefix(text, lit.start))) return un('Attribute arguments must be compile-time constants.');
  const extra: TextEdit[] = [];
  const line = linePrefix(text, lit.start);
  const ls = lineStartOf(text, lit.start);
  if (family === 'kotlin') {
    const m = /\bconst[ \t]+(?=val\b)/.exec(line);
    if (m) extra.push(edit(text, ls + m.index, ls + m.index + m[0].length, ''));
    if (whole) return { ...wholeLiteral(c, c.lookup.expression), extra };
    return { ...interpolate(c, `\${${c.lookup.expression}}`), extra };
  }
  if (family === 'csharp') {
    const m = /\bconst[ \t]+/.exec(line);
    if (m) {
      // Members become static readonly; locals simply drop const.
      const braces = openBraces(text, ls + m.index);
      const inner = braces[braces.length - 1];
      const member = inner === undefined || /\b(class|struct|record|interface)\b/.test(headerBefore(text, inner));
      extra.push(edit(text, ls + m.index, ls + m.index + m[0].length, member ? 'static readonly ' : ''));
    }
  }
  if (family === 'dart') {
    const m = /\bconst(?=[ \t]+)/.exec(line);
    if (m) extra.push(edit(text, ls + m.index, ls + m.index + 5, 'final'));
  }
  if (whole) return { ...wholeLiteral(c, c.lookup.expression), extra };
  if (lit.open.length === 3 && family !== 'scala') return un('Splitting a multi-line text block is not supported: move the key out by hand.');
  return { ...concat(c, '+', c.lookup.expression), extra };
}

function rewriteRust(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?).');
  const { text, lit } = c;
  const { pre, suf, whole } = parts(c);
  if (/^[ \t]*(pub(\([\w ]+\))?[ \t]+)?(const|static)\b/.test(linePrefix(text, lit.start))) return un('Rust const/static items need compile-time values: turn the item into a function or a LazyLock that reads std::env::var.');
  if (lit.prefix.startsWith('b') || lit.prefix === 'c') return un('Byte/C string literals are not rewritten.');
  if (text.slice(Math.max(0, lit.start - 2), lit.start).replace(/\s/g, '').endsWith('!(') || /!\(\s*$/.test(text.slice(Math.max(0, lit.start - 20), lit.start))) {
    return un('This literal is a macro\'s format string: move the key into an argument first.');
  }
  const owned = /^\s*\.(to_string|to_owned|into)\(\)/.test(text.slice(lit.end, lit.end + 20)) || /String::from\(\s*$/.test(text.slice(Math.max(0, lit.start - 20), lit.start));
  const amp = owned ? '' : '&';
  if (whole) return wholeLiteral(c, `${amp}${c.lookup.expression}`);
  const esc = (s: string) => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
  return { start: lit.start, end: lit.end, newText: `${amp}format!(${lit.prefix}${lit.open}${esc(pre)}{}${esc(suf)}${lit.close}, ${c.lookup.expression})` };
}

function rewriteRubyLike(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?): delete it and revoke it.');
  const { family, lit, text } = c;
  const { whole } = parts(c);
  const expression = c.lookup.expression;
  const head = linePrefix(text, lit.start);
  if (family === 'php' && (/^[ \t]*const\b/.test(head) || /^[ \t]*((public|private|protected|static|readonly|var|final)[ \t]+)+(const\b|(\??[\w\\]+[ \t]+)?\$\w+[ \t]*=)/.test(head))) {
    return un('PHP constants and property defaults must be constant expressions: read getenv() in the constructor instead.');
  }
  if (family === 'elixir' && /^[ \t]*@\w+/.test(linePrefix(text, lit.start))) return un('Module attributes are evaluated at compile time: read the key at run time with System.fetch_env!/1 inside a function.');
  if (whole) return wholeLiteral(c, expression);
  const dq = lit.open === '"' || lit.open === '"""';
  switch (family) {
    case 'ruby':
      return dq ? interpolate(c, `#{${expression}}`) : concat(c, '+', expression);
    case 'elixir':
      return interpolate(c, `#{${expression}}`);
    case 'perl':
      return dq ? interpolate(c, expression) : concat(c, '.', expression);
    case 'php':
      return concat(c, '.', expression);
    case 'lua':
      return concat(c, '..', expression);
    case 'powershell':
      return dq ? interpolate(c, `$(${expression})`) : concat(c, '+', expression);
    case 'r': {
      const { pre, suf } = parts(c);
      const args = [pre && lit.open + pre + lit.close, expression, suf && lit.open + suf + lit.close].filter(Boolean);
      return { start: lit.start, end: lit.end, newText: `paste0(${args.join(', ')})` };
    }
    default:
      return concat(c, '+', expression);
  }
}

function rewriteC(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?).');
  if (!parts(c).whole) return un('C strings cannot be joined at run time without buffers: build the value by hand from getenv().');
  const cpp = /\bstd::/.test(c.lookup.expression);
  const line = linePrefix(c.text, c.lit.start);
  if (!cpp && !/^[ \t]*#[ \t]*define\b/.test(line) && openBraces(c.text, c.lit.start).length === 0) {
    return un('File-scope initialisers in C must be constants: call getenv() inside a function.');
  }
  if (/\bconstexpr\b/.test(line)) return un('constexpr values cannot come from getenv().');
  return wholeLiteral(c, c.lookup.expression);
}

/** Shell words: double quotes take the expansion, single quotes are closed and reopened. */
function rewriteShellWord(c: Ctx, variable: string): Rewrite | Unsupported {
  const { lit } = c;
  if (!lit) return { start: c.s, end: c.e, newText: `"${variable}"` };
  const { pre, suf, whole } = parts(c);
  if (lit.open === '"') return interpolate(c, variable);
  if (lit.open === "'") {
    if (whole) return wholeLiteral(c, `"${variable}"`);
    return { start: lit.start, end: lit.end, newText: (pre ? `'${pre}'` : '') + `"${variable}"` + (suf ? `'${suf}'` : '') };
  }
  return un('Unsupported quoting.');
}

/** The Dockerfile instruction the offset belongs to, following backslash continuations. */
function dockerInstruction(text: string, at: number): { keyword: string; keywordEnd: number; rest: string } | undefined {
  let ls = lineStartOf(text, at);
  while (ls > 0) {
    const prevStart = lineStartOf(text, ls - 1);
    if (!/\\[ \t]*\r?\n$/.test(text.slice(prevStart, ls))) break;
    ls = prevStart;
  }
  const m = /^[ \t]*([A-Za-z]+)\b/.exec(text.slice(ls, ls + 200));
  if (!m) return undefined;
  return { keyword: m[1].toUpperCase(), keywordEnd: ls + m[0].length, rest: text.slice(ls + m[0].length, at) };
}

function rewriteDockerfile(c: Ctx): Rewrite | Unsupported {
  const ins = dockerInstruction(c.text, c.s);
  const name = c.lookup.name;
  if (!ins || ins.keyword === 'ENV' || ins.keyword === 'ARG' || ins.keyword === 'LABEL') {
    return un('Image layers keep ENV/ARG/LABEL values: pass the key at run time (docker run -e) or as a build secret (RUN --mount=type=secret).');
  }
  if (/^\s*\[/.test(ins.rest)) return un('Exec-form instructions do not expand variables: use the shell form or read the variable in the program.');
  const r = rewriteShellWord(c, c.lookup.expression);
  if ('unsupported' in r) return r;
  if (ins.keyword === 'RUN') {
    // A BuildKit secret mount exposes the variable to this RUN only, never to the image history.
    if (!new RegExp(`--mount=type=secret,id=${name}\\b`).test(ins.rest)) {
      r.extra = [edit(c.text, ins.keywordEnd, ins.keywordEnd, ` --mount=type=secret,id=${name},env=${name}`)];
    }
    r.note = `Build with: docker build --secret id=${name},env=${name} . (BuildKit; env= needs Dockerfile syntax 1.10 or later).`;
  } else {
    r.note = `Pass the key when the container starts: docker run -e ${name}.`;
  }
  return r;
}

function rewriteTerraform(c: Ctx): Rewrite | Unsupported {
  if (/\.tfvars(\.json)?$/i.test(c.input.filePath)) return un(`.tfvars files hold values, not expressions: delete the line and export ${c.lookup.name} instead.`);
  if (!c.lit) return un('The key is not inside a string here.');
  if (parts(c).whole) return wholeLiteral(c, c.lookup.expression);
  return interpolate(c, `\${${c.lookup.expression}}`);
}

/** .env.example: empty the value in place; the line's own name is the variable the program reads. */
function rewriteEnvExample(c: Ctx): Rewrite | Unsupported {
  const ls = lineStartOf(c.text, c.s);
  const nl = c.text.indexOf('\n', ls);
  const line = c.text.slice(ls, nl === -1 ? c.text.length : nl).replace(/\r$/, '');
  const m = /^([ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*)/.exec(line);
  if (!m) return un('The key is not the value of a NAME=value line.');
  const vStart = ls + m[1].length;
  const rest = line.slice(m[1].length);
  const q = rest[0];
  let vEnd: number;
  if (q === '"' || q === "'" || q === '`') {
    const close = rest.indexOf(q, 1);
    vEnd = vStart + (close === -1 ? rest.length : close + 1);
  } else {
    const hash = rest.search(/\s#/);
    vEnd = vStart + (hash === -1 ? rest.length : hash);
    while (vEnd > vStart && /\s/.test(c.text[vEnd - 1])) vEnd--;
  }
  if (c.s < vStart || c.e > vEnd) return un('The key is not the value of a NAME=value line.');
  return { start: vStart, end: vEnd, newText: '', name: m[2] };
}

const REWRITERS: Partial<Record<Family, (c: Ctx) => Rewrite | Unsupported>> = {
  js: rewriteJs,
  python: rewritePython,
  go: rewriteGo,
  java: rewriteJavaLike,
  kotlin: rewriteJavaLike,
  csharp: rewriteJavaLike,
  scala: rewriteJavaLike,
  swift: rewriteJavaLike,
  dart: rewriteJavaLike,
  rust: rewriteRust,
  c: rewriteC,
  ruby: rewriteRubyLike,
  php: rewriteRubyLike,
  perl: rewriteRubyLike,
  lua: rewriteRubyLike,
  elixir: rewriteRubyLike,
  r: rewriteRubyLike,
  powershell: rewriteRubyLike,
  shell: (c) => rewriteShellWord(c, c.lookup.expression),
  dockerfile: rewriteDockerfile,
  // Make expands $(NAME) before any shell sees the line, whatever the quoting.
  makefile: (c) => ({ start: c.s, end: c.e, newText: c.lookup.expression }),
  // Compose interpolates ${NAME} inside any YAML scalar; Actions substitutes ${{ }} textually.
  compose: (c) => ({ start: c.s, end: c.e, newText: c.lookup.expression }),
  'github-actions': (c) => ({ start: c.s, end: c.e, newText: c.lookup.expression }),
  terraform: rewriteTerraform,
  // These formats expand ${NAME} wherever the value stands, quoted or not.
  spring: (c) => ({ start: c.s, end: c.e, newText: c.lookup.expression }),
  npmrc: (c) => ({ start: c.s, end: c.e, newText: c.lookup.expression }),
  'gitlab-ci': (c) => ({ start: c.s, end: c.e, newText: c.lookup.expression }),
  'env-example': rewriteEnvExample,
};

export function planMoveToEnv(input: MoveInput): MovePlan | Unsupported {
  const { text, finding } = input;
  const lookup = envLookup(input);
  if ('unsupported' in lookup) return lookup;
  const s = finding.offset;
  const e = finding.offset + finding.length;
  if (!(s >= 0 && e <= text.length && e > s)) return un('The finding no longer matches the document; re-run the scan.');
  const value = text.slice(s, e);
  if (finding.context?.kind === 'private-key' || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) || /[\r\n]/.test(value)) {
    return un('Private keys and multi-line secrets belong in a file outside the repository: load it from a path given by an environment variable.');
  }
  if (value.includes('\\')) return un('The key contains escape sequences: move it by hand so its value stays exact.');
  const rewrite = REWRITERS[lookup.family];
  if (!rewrite) return un('keyward does not know how this file type reads environment variables.');
  const lit = findLiteral(text, lookup.family, finding);
  if (lit === 'multiline') return un('The key sits in a string that spans several lines: move it by hand.');
  const ctx: Ctx = { text, family: lookup.family, lit: lit === 'unquoted' ? undefined : lit, s, e, lookup, input };
  if (ctx.lit) {
    const pre = text.slice(ctx.lit.contentStart, s);
    if (/(^|[^\\])(\\\\)*\\$/.test(pre)) return un('The key follows an escape sequence: move it by hand.');
  }
  const r = rewrite(ctx);
  if ('unsupported' in r) return r;
  const starts = lineStarts(text);
  const edits = [edit(text, r.start, r.end, r.newText, starts), ...(r.extra ?? []), ...lookup.edits];
  const note = [lookup.note, r.note].filter(Boolean).join(' ') || undefined;
  return { edits, value, name: r.name ?? lookup.name, destination: lookup.destination, ...(note ? { note } : {}) };
}
