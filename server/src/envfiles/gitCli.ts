// git queries for the .env checks (check-ignore, tracked, untrack), all through the one runner in
// ../git/runGit, which pins the settings that keep a repository from running code.
// Reading the index never runs filters; writing it can (git re-reads "racily clean" files through
// their clean filter), so gitRmCached also blanks every filter driver the config defines.
import { runGit, GitError } from '../git/runGit';

export { runGit, gitEnv, gitAvailable, GitError, GIT_TIMEOUT_MS, type RunGitOptions } from '../git/runGit';

export interface GitIgnoreAnswer {
  ignored: boolean;
  source?: string;
  line?: number;
  pattern?: string;
}

/**
 * `git check-ignore -v -n -z --no-index --stdin` for paths relative to top. --no-index so a tracked
 * file is still judged by the patterns (we report tracked-ness separately); -n so every path gets
 * exactly one record, matched or not.
 */
export async function gitCheckIgnore(top: string, relPaths: string[], timeoutMs?: number): Promise<Map<string, GitIgnoreAnswer>> {
  const answers = new Map<string, GitIgnoreAnswer>();
  if (relPaths.length === 0) return answers;
  const out = await runGit(['check-ignore', '-v', '-n', '-z', '--no-index', '--stdin'], {
    cwd: top,
    input: Buffer.from(relPaths.map((p) => `${p}\0`).join(''), 'utf8'),
    okCodes: [0, 1],
    timeoutMs,
  });
  const fields = out.toString('utf8').split('\0');
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, line, pattern, p] = fields.slice(i, i + 4);
    answers.set(p, source
      ? { ignored: !pattern.startsWith('!'), source, line: Number(line), pattern }
      : { ignored: false });
  }
  for (const p of relPaths) {
    if (!answers.has(p)) throw new GitError(`git check-ignore gave no answer for a path (${relPaths.length} asked)`);
  }
  return answers;
}

/** The subset of relPaths that is in the index, via `git ls-files --cached` with literal pathspecs. */
export async function gitTracked(top: string, relPaths: string[], timeoutMs?: number): Promise<Set<string>> {
  const tracked = new Set<string>();
  // Chunked to stay far below the OS limit on argument length.
  for (let i = 0; i < relPaths.length; i += 500) {
    const chunk = relPaths.slice(i, i + 500);
    const out = await runGit(['--literal-pathspecs', 'ls-files', '-z', '--cached', '--full-name', '--', ...chunk], { cwd: top, timeoutMs });
    for (const p of out.toString('utf8').split('\0')) if (p) tracked.add(p);
  }
  return tracked;
}

/**
 * Removes relPath (relative to repoRoot, `/`-separated) from git's index and leaves the working
 * file alone: what `git rm --cached` does. Done with `update-index --force-remove`, which never
 * reads the file, so no filter driver configured by the repository can run; `git rm` compares the
 * file with the index first and may run one.
 */
export async function gitRmCached(repoRoot: string, relPath: string): Promise<void> {
  if (!relPath || relPath.startsWith('/') || /^[A-Za-z]:/.test(relPath) || relPath.split(/[\\/]/).includes('..')) {
    throw new GitError(`refusing to untrack a path outside the repository: ${JSON.stringify(relPath)}`);
  }
  const extraEnv = await filterDriverOverrides(repoRoot);
  await runGit(['update-index', '--force-remove', '--', relPath], { cwd: repoRoot, extraEnv });
  const still = await gitTracked(repoRoot, [relPath]);
  if (still.has(relPath)) throw new GitError(`git still tracks ${relPath} after update-index --force-remove`);
}

/**
 * Config overrides that disable every filter driver the repository's config knows. Passed as
 * GIT_CONFIG_KEY_n/VALUE_n because driver names may hold characters `-c name=value` cannot.
 * An empty command means "no filter" to git; required=false keeps that from being an error.
 */
async function filterDriverOverrides(cwd: string): Promise<Record<string, string>> {
  const out = await runGit(['config', '-z', '--get-regexp', '^filter\\..*\\.(clean|smudge|process)$'], { cwd, okCodes: [0, 1] });
  const drivers = new Set<string>();
  for (const rec of out.toString('utf8').split('\0')) {
    const key = rec.split('\n')[0];
    const m = /^filter\.(.+)\.[^.]+$/s.exec(key);
    if (m) drivers.add(m[1]);
  }
  const env: Record<string, string> = {};
  let n = 0;
  for (const d of drivers) {
    for (const [k, v] of [['clean', ''], ['smudge', ''], ['process', ''], ['required', 'false']]) {
      env[`GIT_CONFIG_KEY_${n}`] = `filter.${d}.${k}`;
      env[`GIT_CONFIG_VALUE_${n}`] = v;
      n++;
    }
  }
  if (n > 0) env.GIT_CONFIG_COUNT = String(n);
  return env;
}
