// Go: the blank import of godotenv's autoload package (its init loads .env before this package's
// variables are initialised, so package-level reads get the key too) and the require in go.mod.
import { edit, eolOf } from '../text';
import type { TextEdit } from '../types';
import { nearest } from './manifests';
import { spanEdit } from './textEdits';
import type { LoaderContext, LoaderPlan } from './types';

export const GODOTENV = 'github.com/joho/godotenv';
/** The version Debian ships (golang-github-joho-godotenv-dev), which the tests compile against. */
export const GODOTENV_VERSION = 'v1.5.1';
const AUTOLOAD = `_ "${GODOTENV}/autoload"`;

/** The import as its own group at the end of the import block, or a single import after the last one / the package clause. */
function sourceEdit(text: string): TextEdit | undefined {
  const eol = eolOf(text);
  const block = /^import[ \t]*\([ \t]*\r?\n[\s\S]*?^\)/m.exec(text);
  if (block) {
    const close = block.index + block[0].length - 1;
    return edit(text, close, close, `${eol}\t${AUTOLOAD}${eol}`);
  }
  const singles = [...text.matchAll(/^import[ \t]+(?:[\w.]+[ \t]+)?"[^"]+"[^\n]*$/gm)];
  const last = singles[singles.length - 1];
  const anchor = last ?? /^package[ \t]+\w+[^\n]*?(?=\r?$)/m.exec(text);
  if (!anchor) return undefined;
  const end = anchor.index! + anchor[0].length;
  return edit(text, end, end, `${eol}${eol}import ${AUTOLOAD}`);
}

function goModWith(text: string): string {
  const eol = eolOf(text);
  const req = `${GODOTENV} ${GODOTENV_VERSION}`;
  const block = /^require[ \t]*\([ \t]*\r?\n[\s\S]*?^\)/m.exec(text);
  if (block) {
    const close = block.index + block[0].length - 1;
    return `${text.slice(0, close)}\t${req}${eol}${text.slice(close)}`;
  }
  return `${text}${text.endsWith('\n') ? '' : eol}${eol}require ${req}${eol}`;
}

export function planGoLoader(ctx: LoaderContext): LoaderPlan | undefined {
  const mod = nearest(ctx, ['go.mod']);
  const src = /\.go$/.test(ctx.source.path) ? sourceEdit(ctx.source.text) : undefined;
  // autoload reads .env from the working directory: the module must be the folder whose .env the move writes.
  if (!mod || mod.path !== 'go.mod' || !src) return undefined;
  const e = spanEdit(mod.text, goModWith(mod.text));
  return { label: 'godotenv', sourceEdits: [src], files: e ? [{ path: mod.path, edits: [e] }] : [], install: 'go mod tidy' };
}
