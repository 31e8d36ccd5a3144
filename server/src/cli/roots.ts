// Turns the command-line paths into scan roots: resolved, checked, de-duplicated, plus the one
// folder every reported path is relative to.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { CliError, describeIoError } from './errors';

export interface Roots {
  /** Absolute paths, none inside another. */
  roots: { abs: string; isDir: boolean }[];
  /** The scanned folder, or the common folder of several roots (a file root counts as its folder). */
  base: string;
}

export async function resolveRoots(paths: string[], cwd: string): Promise<Roots> {
  const found: { abs: string; isDir: boolean }[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    try {
      const st = await stat(abs);
      if (!st.isDirectory() && !st.isFile()) throw new CliError(`cannot scan '${p}': not a file or folder`);
      found.push({ abs, isDir: st.isDirectory() });
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`cannot scan '${p}': ${describeIoError(err)}`, 'check the path (it is resolved from the current folder)');
    }
  }
  // A root inside another would be scanned twice.
  const roots = found
    .sort((a, b) => a.abs.length - b.abs.length)
    .filter((r, i, all) => !all.slice(0, i).some((o) => o.abs === r.abs || (o.isDir && isInside(r.abs, o.abs))));
  const folders = roots.map((r) => (r.isDir ? r.abs : path.dirname(r.abs)));
  return { roots, base: folders.reduce(commonFolder) };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function commonFolder(a: string, b: string): string {
  let cur = a;
  while (cur !== b && !isInside(b, cur)) {
    const up = path.dirname(cur);
    if (up === cur) return cur;
    cur = up;
  }
  return cur;
}
