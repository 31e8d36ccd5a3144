// Locates the git repository holding a path the way git does (nearest `.git` upwards), including
// linked worktrees and submodules whose `.git` is a file pointing at the real git directory.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Env, isTrue, readConfigChain, userConfigFiles } from './gitconfig';
import { isFile, readText } from './fsutil';

export interface RepoInfo {
  /** Top of the work tree. */
  root: string;
  /** Per-worktree git directory (holds `index`). */
  gitDir: string;
  /** Shared git directory (holds `config`, `info/exclude`); equals gitDir outside linked worktrees. */
  commonDir: string;
}

async function resolveGitDir(dotGit: string): Promise<string | undefined> {
  let st;
  try {
    st = await fs.stat(dotGit);
  } catch {
    return undefined;
  }
  let gitDir: string | undefined;
  if (st.isDirectory()) gitDir = dotGit;
  else if (st.isFile()) {
    const text = await readText(dotGit, 64 * 1024);
    const m = text && /^gitdir:\s*(.+?)\s*$/m.exec(text);
    if (m) gitDir = path.resolve(path.dirname(dotGit), m[1]);
  }
  // git skips a `.git` that does not look like a repository and keeps looking upwards.
  return gitDir && (await isFile(path.join(gitDir, 'HEAD'))) ? gitDir : undefined;
}

/** The repository containing dir (a directory path), or undefined when there is none. */
export async function findRepo(dir: string): Promise<RepoInfo | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    const gitDir = await resolveGitDir(path.join(current, '.git'));
    if (gitDir) {
      const common = await readText(path.join(gitDir, 'commondir'), 64 * 1024);
      const commonDir = common?.trim() ? path.resolve(gitDir, common.trim()) : gitDir;
      return { root: current, gitDir, commonDir };
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** System, global and repository config merged, as git sees it from inside the repository. */
export async function repoConfig(repo: RepoInfo | undefined, env: Env): Promise<Map<string, string | undefined>> {
  const files = userConfigFiles(env);
  if (repo) files.push(path.join(repo.commonDir, 'config'));
  const values = await readConfigChain(files, env);
  const wt = values.get('extensions.worktreeconfig');
  if (repo && values.has('extensions.worktreeconfig') && (wt === undefined || isTrue(wt))) {
    const more = await readConfigChain([path.join(repo.gitDir, 'config.worktree')], env);
    for (const [k, v] of more) values.set(k, v);
  }
  return values;
}
