// Refuses to write a file that is a link or resolves outside the workspace folder (a repository's `.env -> ~/.bashrc` must not get a secret appended).
// Node fs only (no vscode, no LSP) so the language server and the client ask the same question.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export class UnsafeWriteError extends Error {}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** realpath of the nearest existing ancestor, with the missing tail re-appended. */
async function resolveExisting(p: string): Promise<string> {
  const tail: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(await fs.realpath(cur), ...tail.reverse());
    } catch (e) {
      const parent = path.dirname(cur);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === cur) throw e;
      tail.push(path.basename(cur));
      cur = parent;
    }
  }
}

/**
 * Why keyward must not write `filePath`, or undefined when it may: the file (if it exists) is a
 * regular file with one link, and the path, every folder link resolved, stays inside
 * `workspaceRoot`. A missing file is fine when its folder resolves inside. `repoRoot`, when given
 * and holding the folder, widens the allowed area to the repository (a workspace opened on a
 * subfolder may edit the repository's top .gitignore).
 */
export async function writeRefusal(filePath: string, workspaceRoot: string, repoRoot?: string): Promise<string | undefined> {
  const abs = path.resolve(filePath);
  const shown = path.relative(workspaceRoot, abs) || path.basename(abs);
  let root: string;
  try {
    root = await fs.realpath(workspaceRoot);
  } catch {
    return `keyward did not write ${shown}: the workspace folder ${workspaceRoot} cannot be resolved.`;
  }
  const repo = repoRoot && inside(path.resolve(repoRoot), path.resolve(workspaceRoot)) ? path.resolve(repoRoot) : undefined;
  const realRepo = repo ? await fs.realpath(repo).catch(() => undefined) : undefined;
  if (!inside(path.resolve(workspaceRoot), abs) && !(repo && inside(repo, abs))) return `keyward did not write ${shown}: it is outside the workspace folder.`;
  let st: import('node:fs').Stats | undefined;
  try {
    st = await fs.lstat(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return `keyward did not write ${shown}: ${(e as Error).message}`;
  }
  if (st?.isSymbolicLink()) {
    const target = await fs.readlink(abs).catch(() => '?');
    return `keyward did not write ${shown}: it is a symbolic link (to ${target}), and keyward never writes through links. Replace the link with a regular file, or edit the file it points to yourself.`;
  }
  if (st && !st.isFile()) return `keyward did not write ${shown}: it is not a regular file.`;
  if (st && st.nlink > 1) return `keyward did not write ${shown}: it has other hard links, so the write could land in another file. Replace it with a copy, or edit it yourself.`;
  let real: string;
  try {
    real = await resolveExisting(abs);
  } catch (e) {
    return `keyward did not write ${shown}: ${(e as Error).message}`;
  }
  if (!inside(root, real) && !(realRepo && inside(realRepo, real))) return `keyward did not write ${shown}: a folder link takes it to ${real}, outside the workspace folder ${root}. Edit it yourself if that is intended.`;
  return undefined;
}

/** Throws UnsafeWriteError (its message says why and what to do) unless `filePath` may be written. */
export async function assertWritableInWorkspace(filePath: string, workspaceRoot: string): Promise<void> {
  const why = await writeRefusal(filePath, workspaceRoot);
  if (why) throw new UnsafeWriteError(why);
}
