// Adds the one import an env lookup needs (Python `import os`, Go "os", C stdlib, Dart dart:io ...),
// placed where the language and its formatters expect it. Returns how to refer to the module.
import type { TextEdit } from './types';
import { edit, eolOf, lineBounds, lineStarts } from './text';

export interface ImportResult {
  /** How the code refers to the module afterwards (an existing alias wins). */
  ref: string;
  edit?: TextEdit;
}

export interface PyStatement {
  kind: 'docstring' | 'future' | 'import' | 'from' | 'comment' | 'blank' | 'code';
  startLine: number;
  endLine: number;
  head: string;
}

/** Top-level logical lines of a Python module: enough structure to place an import. */
export function pythonStatements(text: string): PyStatement[] {
  const starts = lineStarts(text);
  const out: PyStatement[] = [];
  let line = 0;
  let first = true;
  while (line < starts.length) {
    const [s, e] = lineBounds(text, line, starts);
    const lt = text.slice(s, e);
    if (!lt.trim()) {
      out.push({ kind: 'blank', startLine: line, endLine: line, head: '' });
      line++;
      continue;
    }
    if (/^\s*#/.test(lt)) {
      out.push({ kind: 'comment', startLine: line, endLine: line, head: lt });
      line++;
      continue;
    }
    // Follow the statement through open brackets, triple-quoted strings and backslash continuations.
    let depth = 0;
    let triple: string | null = null;
    let endLine = line;
    for (let l = line; l < starts.length; l++) {
      const [ls, le] = lineBounds(text, l, starts);
      let i = ls;
      while (i < le) {
        const c = text[i];
        if (triple) {
          if (c === '\\') i += 2;
          else if (text.startsWith(triple, i)) {
            i += 3;
            triple = null;
          } else i++;
          continue;
        }
        if (c === '#') break;
        if (c === '"' || c === "'") {
          if (text.startsWith(c.repeat(3), i)) {
            triple = c.repeat(3);
            i += 3;
            continue;
          }
          i++;
          while (i < le && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
          i++;
          continue;
        }
        if ('([{'.includes(c)) depth++;
        else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
        i++;
      }
      endLine = l;
      const continued = triple !== null || depth > 0 || /\\$/.test(text.slice(ls, le));
      if (!continued) break;
    }
    const indented = /^\s/.test(lt);
    let kind: PyStatement['kind'] = 'code';
    if (!indented) {
      if (first && /^[rRuUbB]{0,2}("""|'''|"|')/.test(lt)) kind = 'docstring';
      else if (/^from\s+__future__\s+import\b/.test(lt)) kind = 'future';
      else if (/^import\s/.test(lt)) kind = 'import';
      else if (/^from\s+\S+\s+import\b/.test(lt)) kind = 'from';
    }
    out.push({ kind, startLine: line, endLine, head: text.slice(lineBounds(text, line, starts)[0], lineBounds(text, endLine, starts)[1]) });
    first = false;
    line = endLine + 1;
  }
  return out;
}

function pyImportedModules(head: string): { mod: string; alias?: string }[] {
  const body = head.replace(/^import\s+/, '').replace(/#.*$/, '').replace(/[()\\\r\n]/g, ' ');
  return body
    .split(',')
    .map((p) => p.trim().split(/\s+as\s+/))
    .filter((p) => p[0])
    .map(([mod, alias]) => ({ mod: mod.trim(), alias: alias?.trim() }));
}

/** `import os` for a Python module: after the docstring and __future__ imports, sorted into the first import block. */
export function pythonOsImport(text: string): ImportResult {
  const stmts = pythonStatements(text);
  for (const st of stmts) {
    if (st.kind === 'import') {
      for (const m of pyImportedModules(st.head)) {
        if (m.mod === 'os' && m.alias) return { ref: `${m.alias}` };
        if ((m.mod === 'os' || m.mod.startsWith('os.')) && !m.alias) return { ref: 'os' };
      }
    }
  }
  const eol = eolOf(text);
  const starts = lineStarts(text);
  const at = (line: number) => (line < starts.length ? starts[line] : text.length);
  const firstImport = stmts.findIndex((st) => st.kind === 'import' || st.kind === 'from');
  if (firstImport !== -1) {
    // The first block: import statements until a blank line or code.
    const block: PyStatement[] = [];
    for (let k = firstImport; k < stmts.length && (stmts[k].kind === 'import' || stmts[k].kind === 'from' || stmts[k].kind === 'comment'); k++) block.push(stmts[k]);
    const plain = block.filter((st) => st.kind === 'import');
    const after = plain.find((st) => (pyImportedModules(st.head)[0]?.mod ?? '').toLowerCase() > 'os');
    let line: number;
    if (after) line = after.startLine;
    else if (plain.length) line = plain[plain.length - 1].endLine + 1;
    else line = block[0].startLine;
    const lead = line >= starts.length && !/\n$/.test(text) ? eol : '';
    return { ref: 'os', edit: edit(text, at(line), at(line), `${lead}import os${eol}`, starts) };
  }
  // No imports: after the shebang/encoding comments, the docstring and __future__ imports.
  let headerEnd = -1;
  let sawHeader = false;
  for (const st of stmts) {
    if (st.kind === 'docstring' || st.kind === 'future') {
      headerEnd = st.endLine;
      sawHeader = true;
    } else if (st.kind === 'comment' && !sawHeader && st.startLine === headerEnd + 1) headerEnd = st.endLine;
    else if (st.kind !== 'blank' && st.kind !== 'comment') break;
  }
  const line = headerEnd + 1;
  const nextBlank = line < starts.length ? !text.slice(...lineBounds(text, line, starts)).trim() : true;
  const lead = (line >= starts.length && text.length && !/\n$/.test(text) ? eol : '') + (sawHeader ? eol : '');
  const tail = nextBlank || line >= starts.length ? '' : eol;
  return { ref: 'os', edit: edit(text, at(line), at(line), `${lead}import os${eol}${tail}`, starts) };
}

/** `"os"` for a Go file: into the import block (sorted), next to single imports, or after `package`. */
export function goOsImport(text: string): ImportResult | undefined {
  const eol = eolOf(text);
  const starts = lineStarts(text);
  const spec = /^[ \t]*(?:import[ \t]+)?(?:([\w.]+)[ \t]+)?"os"[ \t]*(?:\/\/.*)?$/m;
  const block = /^import[ \t]*\([ \t]*\r?\n([\s\S]*?)^\)/m.exec(text);
  const singles = [...text.matchAll(/^import[ \t]+(?:[\w.]+[ \t]+)?"[^"]+"[^\n]*$/gm)];
  const inImports = [...(block ? [block[1]] : []), ...singles.map((m) => m[0])].join('\n');
  const existing = spec.exec(inImports);
  if (existing) {
    const alias = existing[1];
    if (alias === '.') return { ref: '' };
    if (alias && alias !== '_') return { ref: alias };
    if (!alias) return { ref: 'os' };
  }
  if (block) {
    const bodyStart = block.index + block[0].length - block[1].length - 1;
    const lines = block[1].split('\n');
    let off = bodyStart;
    let insertAt = -1;
    let lastInGroup = -1;
    for (const l of lines) {
      if (!l.trim()) {
        if (lastInGroup !== -1) break;
      } else {
        const m = /"([^"]+)"/.exec(l);
        if (m && m[1] > 'os' && insertAt === -1) insertAt = off;
        lastInGroup = off + l.length + 1;
      }
      off += l.length + 1;
    }
    const pos = insertAt !== -1 ? insertAt : lastInGroup !== -1 ? lastInGroup : bodyStart;
    return { ref: 'os', edit: edit(text, pos, pos, `\t"os"${eol}`, starts) };
  }
  if (singles.length) {
    const last = singles[singles.length - 1];
    const end = last.index! + last[0].length;
    return { ref: 'os', edit: edit(text, end, end, `${eol}import "os"`, starts) };
  }
  const pkg = /^package[ \t]+\w+[^\n]*?(?=\r?$)/m.exec(text);
  if (!pkg) return undefined;
  const end = pkg.index + pkg[0].length;
  return { ref: 'os', edit: edit(text, end, end, `${eol}${eol}import "os"`, starts) };
}

/** Inserts `line` after the last line matching `after`, else at the top (after leading comment lines when `skipComments`). */
export function insertLineAfterLast(text: string, after: RegExp, line: string, top: RegExp = /^$/): TextEdit {
  const eol = eolOf(text);
  const starts = lineStarts(text);
  let lastEnd = -1;
  for (let l = 0; l < starts.length; l++) {
    const [s, e] = lineBounds(text, l, starts);
    if (after.test(text.slice(s, e))) lastEnd = e;
  }
  if (lastEnd !== -1) return edit(text, lastEnd, lastEnd, `${eol}${line}`, starts);
  let l = 0;
  while (l < starts.length) {
    const [s, e] = lineBounds(text, l, starts);
    if (!top.test(text.slice(s, e)) || s === e) break;
    l++;
  }
  const pos = l < starts.length ? starts[l] : text.length;
  return edit(text, pos, pos, `${line}${eol}`, starts);
}
