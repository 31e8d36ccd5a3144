// Lists the files git would show under a folder (tracked + untracked, minus ignored), streamed.
// git knows every ignore source exactly (nested .gitignore, info/exclude, core.excludesFile).
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { GitError, runGit, spawnGit } from '../git/runGit';

const GIT_PROBE_TIMEOUT_MS = 15_000;

/** Exit code and stdout; a git that cannot start, times out or is cancelled gives code -1. */
async function git(args: string[], cwd: string, signal?: AbortSignal): Promise<{ code: number; stdout: string }> {
  try {
    // A git that hangs (network file system, lock) must not hang the scan: the walk falls back in-process.
    const out = await runGit(args, { cwd, signal, timeoutMs: GIT_PROBE_TIMEOUT_MS, maxOutputBytes: 1 << 20 });
    return { code: 0, stdout: out.toString('utf8') };
  } catch (e) {
    return { code: e instanceof GitError && typeof e.exitCode === 'number' ? e.exitCode : -1, stdout: '' };
  }
}

/**
 * True when `root` is inside a git work tree, git runs, and root itself is not ignored there
 * (a folder the user names explicitly is scanned even if its repo ignores it, as ripgrep does;
 * `git ls-files` would list nothing in it).
 */
export async function gitCanList(root: string, signal?: AbortSignal): Promise<boolean> {
  const info = await git(['rev-parse', '--is-inside-work-tree', '--show-toplevel'], root, signal);
  const [inside, topLine] = info.stdout.split('\n');
  if (info.code !== 0 || inside?.trim() !== 'true' || !topLine?.trim()) return false;
  const top = topLine.trim();
  // git prints the real path of the top: compare it with root's real path (symlinked temp dirs).
  const rel = path.relative(path.resolve(top), await realpath(root).catch(() => path.resolve(root)));
  if (rel === '') return true;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  // check-ignore exits 0 when the path is ignored, 1 when not.
  const ignored = await git(['check-ignore', '-q', '--no-index', '--', rel.split(path.sep).join('/') + '/'], top, signal);
  return ignored.code === 1;
}

/**
 * Posix paths relative to root, in git's order, one at a time. Throws if git fails; callers
 * that have not consumed anything yet may fall back to the in-process walk.
 */
export async function* gitListFiles(root: string, signal?: AbortSignal): AsyncGenerator<string> {
  const child = spawnGit(['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root });
  child.stdin.end();
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code ?? -1));
  });
  const onAbort = () => child.kill();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let rest = '';
    let last = '';
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      signal?.throwIfAborted();
      const parts = (rest + chunk).split('\0');
      rest = parts.pop() ?? '';
      for (const p of parts) {
        // Unmerged paths appear once per stage; they are adjacent.
        if (p === '' || p === last) continue;
        last = p;
        yield p;
        signal?.throwIfAborted();
      }
    }
    const code = await exited;
    signal?.throwIfAborted();
    if (code !== 0) throw new Error(`git ls-files failed (exit ${code})${stderr ? `: ${stderr.trim()}` : ''}`);
    if (rest !== '' && rest !== last) yield rest;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null) child.kill();
  }
}
