// Decides whether keyward may write a file it is about to edit (.gitignore): a repository can
// commit `.gitignore -> ~/.profile`, and an edit written through the link lands outside the
// project. So the file must be a regular file (or not exist yet), not a link, and its real path
// must lie inside the real path of the workspace folder.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export type WriteCheck = { ok: true } | { ok: false; reason: string };

function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

async function realOrUndefined(p: string): Promise<string | undefined> {
  try {
    return await fs.realpath(p);
  } catch {
    return undefined;
  }
}

/**
 * Whether `file` may be edited or created as part of a fix for workspace folder `folder`.
 * Refused, with a message naming the file: a symbolic link (whatever it points at), anything but
 * a regular file, a path whose real location (through linked parent folders) is outside the folder.
 * `repoRoot`, when given, is the repository holding the folder: a workspace opened on a subfolder
 * may edit the repository's top .gitignore.
 */
export async function checkWritableInFolder(file: string, folder: string, repoRoot?: string): Promise<WriteCheck> {
  const name = path.basename(file);
  const realFolder = await realOrUndefined(folder);
  if (!realFolder) return { ok: false, reason: `keyward did not edit ${name}: the workspace folder ${folder} cannot be resolved.` };
  const realRepo = repoRoot ? await realOrUndefined(repoRoot) : undefined;
  // Only a repository that holds the folder widens where edits may go.
  const roots = realRepo && inside(realRepo, realFolder) ? [realFolder, realRepo] : [realFolder];
  const within = (p: string): boolean => roots.some((r) => inside(r, p));
  if (!inside(path.resolve(folder), path.resolve(file)) && !within(path.resolve(file)) && !(repoRoot && inside(path.resolve(repoRoot), path.resolve(file)))) {
    return { ok: false, reason: `keyward did not edit ${file}: it is outside the workspace folder ${folder}.` };
  }
  let st;
  try {
    st = await fs.lstat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, reason: `keyward did not edit ${name}: ${(e as Error).message}` };
  }
  if (st?.isSymbolicLink()) {
    const target = await fs.readlink(file).catch(() => '?');
    return { ok: false, reason: `keyward did not edit ${name}: it is a symbolic link (to ${target}), and an edit would be written to the link's target. Replace the link with a regular file to let keyward add the line.` };
  }
  if (st && !st.isFile()) return { ok: false, reason: `keyward did not edit ${name}: it is not a regular file.` };
  // The file itself, or for a new file its folder: a linked parent folder may lead elsewhere.
  const real = await realOrUndefined(st ? file : path.dirname(file));
  if (!real || !within(real)) {
    return { ok: false, reason: `keyward did not edit ${name}: its real location${real ? ` (${st ? real : path.join(real, name)})` : ''} is outside the workspace folder ${folder}.` };
  }
  return { ok: true };
}
