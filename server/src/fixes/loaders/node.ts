// Node: load .env with `dotenv/config` at the top of the file that reads the key (plus the
// dependency in package.json), or with `--env-file=.env` in the npm script that runs the file.
import { edit, eolOf } from '../text';
import { packageJson, type PackageJson } from './manifests';
import { setJson, spanEdit } from './textEdits';
import type { LoaderContext, LoaderPlan } from './types';

/** The dotenv range written into package.json: the version whose `dotenv/config` the tests run (silent on load). */
export const DOTENV_RANGE = '^17.4.2';

const SCRIPT_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** ES module syntax or CommonJS, by extension, then the file's own statements, then package.json "type". */
function isEsm(ctx: LoaderContext, pkg: PackageJson): boolean {
  const p = ctx.source.path;
  if (/\.(?:mjs|mts)$/.test(p)) return true;
  if (/\.(?:cjs|cts)$/.test(p)) return false;
  if (/\.tsx?$/.test(p)) return true;
  const t = ctx.source.text;
  if (/^[ \t]*(?:import[\s{'"*]|export\s)/m.test(t)) return true;
  if (/\brequire\s*\(/.test(t)) return false;
  return pkg.type === 'module';
}

/** Offset of the first statement after a shebang, leading comments and directives ('use strict', "use client"). */
export function afterPrologue(text: string): number {
  let i = text.startsWith('#!') ? (text.indexOf('\n') + 1 || text.length) : 0;
  for (;;) {
    const rest = text.slice(i);
    const m = /^(?:[ \t\r\n]+|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|(['"])use [\w -]+\1;?[ \t]*(?:\r?\n|$))/.exec(rest);
    if (!m || !m[0]) break;
    i += m[0].length;
  }
  // Back to the start of the line the statement is on.
  return text.lastIndexOf('\n', i - 1) + 1;
}

/** The package.json scripts that run `node [flags] <file>` on the file being fixed. */
function scriptsRunning(ctx: LoaderContext, pkg: PackageJson): string[] {
  const pkgDir = pkg.path.includes('/') ? pkg.path.slice(0, pkg.path.lastIndexOf('/') + 1) : '';
  if (!ctx.source.path.startsWith(pkgDir)) return [];
  const rel = ctx.source.path.slice(pkgDir.length);
  const noExt = rel.replace(SCRIPT_EXT, '');
  return Object.entries(pkg.scripts)
    .filter(([, cmd]) =>
      cmd.split(/&&|\|\||;/).some((seg) => {
        const m = /(?:^|\s)node((?:\s+-[^\s]+)*)\s+(?:\.\/)?(\S+)/.exec(seg);
        return !!m && !/--env-file/.test(m[1]) && (m[2] === rel || m[2] === noExt);
      }),
    )
    .map(([name]) => name);
}

/** The Node loader actions for this file: dotenv, and --env-file where an npm script runs it. */
export function planNodeLoaders(ctx: LoaderContext): LoaderPlan[] {
  const pkg = packageJson(ctx);
  // dotenv/config and --env-file read .env from the working directory: the package must be the folder
  // whose .env the move writes, and only plain script files get a top-of-file import.
  if (!pkg || pkg.path !== 'package.json' || !SCRIPT_EXT.test(ctx.source.path)) return [];
  const out: LoaderPlan[] = [];
  const text = ctx.source.text;
  const at = afterPrologue(text);
  const line = isEsm(ctx, pkg) ? "import 'dotenv/config';" : "require('dotenv/config');";
  const manifest = spanEdit(pkg.text, setJson(pkg.text, [{ path: ['dependencies', 'dotenv'], value: DOTENV_RANGE }]));
  out.push({
    label: 'dotenv',
    sourceEdits: [edit(text, at, at, `${line}${eolOf(text)}`)],
    files: manifest ? [{ path: pkg.path, edits: [manifest] }] : [],
    install: 'npm install',
  });
  for (const name of scriptsRunning(ctx, pkg)) {
    const cmd = pkg.scripts[name].replace(/(^|\s)node(?=\s)/, '$1node --env-file=.env');
    const e = spanEdit(pkg.text, setJson(pkg.text, [{ path: ['scripts', name], value: cmd }]));
    if (e) out.push({ label: `node --env-file in npm script "${name}"`, sourceEdits: [], files: [{ path: pkg.path, edits: [e] }] });
  }
  return out;
}
