// Python: `from dotenv import load_dotenv` + `load_dotenv()` after the module's imports (before any
// code reads the environment), and python-dotenv in the nearest dependency manifest.
import { pythonStatements } from '../imports';
import { edit, eolOf, lineBounds, lineStarts } from '../text';
import type { TextEdit } from '../types';
import { PYTHON_MANIFESTS } from './ecosystems';
import { nearest } from './manifests';
import { appendLine, spanEdit } from './textEdits';
import type { FileEdit, LoaderContext, LoaderPlan } from './types';

export const PYTHON_DOTENV = 'python-dotenv';

/** The loader lines, inserted after the last import that precedes the first top-level code. */
function sourceEdit(text: string): TextEdit {
  const eol = eolOf(text);
  const starts = lineStarts(text);
  const stmts = pythonStatements(text);
  const firstCode = stmts.findIndex((s) => s.kind === 'code');
  const head = firstCode < 0 ? stmts : stmts.slice(0, firstCode);
  const lastImport = [...head].reverse().find((s) => s.kind === 'import' || s.kind === 'from' || s.kind === 'future' || s.kind === 'docstring');
  // Without imports: below the shebang/encoding comment lines at the very top.
  let line = 0;
  if (lastImport) line = lastImport.endLine + 1;
  else for (const s of stmts) if (s.kind === 'comment' && s.startLine === line) line = s.endLine + 1;
  const at = line < starts.length ? starts[line] : text.length;
  const lead = at === text.length && text.length && !text.endsWith('\n') ? eol : '';
  const nextIsBlank = line >= starts.length || !text.slice(...lineBounds(text, line, starts)).trim();
  const gap = lastImport && lastImport.kind !== 'import' && lastImport.kind !== 'from' ? eol : '';
  return edit(text, at, at, `${lead}${gap}from dotenv import load_dotenv${eol}${eol}load_dotenv()${eol}${nextIsBlank ? '' : eol}`, starts);
}

/** python-dotenv added to `[project] dependencies` or `[tool.poetry.dependencies]` of a pyproject.toml. */
function pyprojectWith(text: string): string | undefined {
  const eol = eolOf(text);
  const poetry = /^\[tool\.poetry\.dependencies\][ \t]*\r?\n/m.exec(text);
  const project = /^\[project\][ \t]*$/m.exec(text);
  if (project) {
    const tableEnd = text.slice(project.index + project[0].length).search(/^\[/m);
    const table = tableEnd < 0 ? text.slice(project.index) : text.slice(project.index, project.index + project[0].length + tableEnd);
    const dep = /^dependencies[ \t]*=[ \t]*\[/m.exec(table);
    if (dep) {
      const open = project.index + dep.index + dep[0].length;
      // The closing bracket, skipping strings (a requirement like "requests[socks]" holds brackets).
      let i = open;
      let quote = '';
      for (; i < text.length; i++) {
        const c = text[i];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i) - 1;
        else if (c === ']') break;
      }
      if (i >= text.length) return undefined;
      const inner = text.slice(open, i);
      if (!inner.trim()) return `${text.slice(0, open)}"${PYTHON_DOTENV}"${text.slice(i)}`;
      const body = inner.replace(/\s+$/, '');
      const comma = /,\s*(#[^\n]*)?$/.test(body) ? '' : ',';
      if (inner.includes('\n')) {
        const indent = /\n([ \t]+)\S/.exec(inner)?.[1] ?? '    ';
        return `${text.slice(0, open)}${body}${comma}${eol}${indent}"${PYTHON_DOTENV}",${eol}${text.slice(open + inner.length)}`;
      }
      return `${text.slice(0, open)}${body}${comma} "${PYTHON_DOTENV}"${text.slice(open + inner.length)}`;
    }
  }
  if (poetry) {
    const at = poetry.index + poetry[0].length;
    return `${text.slice(0, at)}${PYTHON_DOTENV} = "^1.0"${eol}${text.slice(at)}`;
  }
  return undefined;
}

function manifestEdit(ctx: LoaderContext): FileEdit | undefined {
  const found = nearest(ctx, PYTHON_MANIFESTS.filter((n) => n !== 'setup.cfg'));
  if (!found) return { path: 'requirements.txt', edits: [edit('', 0, 0, `${PYTHON_DOTENV}\n`)], create: true };
  let after: string | undefined;
  if (found.path.endsWith('requirements.txt')) after = appendLine(found.text, PYTHON_DOTENV);
  else if (found.path.endsWith('pyproject.toml')) after = pyprojectWith(found.text);
  else {
    const packages = /^\[packages\][ \t]*\r?\n/m.exec(found.text);
    if (packages) after = `${found.text.slice(0, packages.index + packages[0].length)}${PYTHON_DOTENV} = "*"${eolOf(found.text)}${found.text.slice(packages.index + packages[0].length)}`;
  }
  const e = after === undefined ? undefined : spanEdit(found.text, after);
  return e && { path: found.path, edits: [e] };
}

export function planPythonLoader(ctx: LoaderContext): LoaderPlan | undefined {
  if (!/\.pyw?$/.test(ctx.source.path)) return undefined;
  const manifest = manifestEdit(ctx);
  return {
    label: PYTHON_DOTENV,
    sourceEdits: [sourceEdit(ctx.source.text)],
    files: manifest ? [manifest] : [],
    install: manifest ? `pip install ${PYTHON_DOTENV}` : `pip install ${PYTHON_DOTENV} (and add it to your dependencies)`,
  };
}
