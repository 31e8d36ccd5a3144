// Runs git without a shell and without letting the repository run code. A repository's own
// config is attacker-controlled when the folder came from elsewhere, so every call pins:
//   core.fsmonitor=false       the fsmonitor hook is an arbitrary command run on index reads;
//   core.hooksPath=/dev/null   no hooks (post-index-change fires when the index is written);
//   protocol.allow=never       no transport, so nothing is ever fetched (lazy/partial clones);
//   --no-pager                 core.pager is another command;
// Reading the index never runs filters; writing it can (git re-reads "racily clean" files through
// their clean filter), so gitRmCached also blanks every filter driver the config defines.
// Environment variables that would point git at another repository or inject config are removed.
import { spawn } from 'node:child_process';
import * as os from 'node:os';

export const GIT_TIMEOUT_MS = 15_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

const SAFE_ARGS = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'protocol.allow=never',
  '-c', 'core.untrackedCache=false',
];

/** GIT_* variables kept: the ones choosing user config files, which the in-process reader honours too. */
const KEPT_GIT_VARS = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM', 'GIT_EXEC_PATH']);

export class GitError extends Error {
  constructor(message: string, readonly exitCode?: number | null) {
    super(message);
    this.name = 'GitError';
  }
}

export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (k.startsWith('GIT_') && !KEPT_GIT_VARS.has(k)) continue;
    env[k] = v;
  }
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  return env;
}

export interface RunGitOptions {
  cwd: string;
  input?: Buffer | string;
  timeoutMs?: number;
  /** Exit codes that are answers, not failures (check-ignore exits 1 when nothing is ignored). */
  okCodes?: number[];
  /** Added after the GIT_* clean-up (used for GIT_CONFIG_COUNT overrides). */
  extraEnv?: Record<string, string>;
}

/** Runs `git <safe flags> <args>` and resolves with stdout; rejects with a GitError saying why. */
export function runGit(args: string[], opts: RunGitOptions): Promise<Buffer> {
  const okCodes = opts.okCodes ?? [0];
  const what = `git ${args.find((a) => !a.startsWith('-')) ?? args[0] ?? ''}`.trim();
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn('git', [...SAFE_ARGS, ...args], { cwd: opts.cwd, env: { ...gitEnv(), ...opts.extraEnv }, windowsHide: true, stdio: 'pipe' });
    } catch (e) {
      reject(new GitError(`${what} could not start: ${(e as Error).message}`));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: GitError | undefined;
    const timeoutMs = opts.timeoutMs ?? GIT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      failure = new GitError(`${what} timed out after ${Math.round(timeoutMs / 1000)} s`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_OUTPUT_BYTES) {
        failure = new GitError(`${what} produced more than ${MAX_OUTPUT_BYTES} bytes`);
        child.kill('SIGKILL');
        return;
      }
      out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.reduce((n, b) => n + b.length, 0) < 64 * 1024) err.push(d);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new GitError(e.code === 'ENOENT' ? 'git is not installed (not found on PATH)' : `${what} failed to run: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== null && okCodes.includes(code)) return resolve(Buffer.concat(out));
      const detail = Buffer.concat(err).toString('utf8').trim().split('\n')[0] || 'no message';
      reject(new GitError(`${what} failed (exit ${code ?? 'signal'}): ${detail}`, code));
    });
    // git may exit before reading all of stdin (e.g. fatal error): that must not crash us.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

let available: Promise<boolean> | undefined;

/** Whether a git binary runs at all (cached for the process). */
export function gitAvailable(): Promise<boolean> {
  available ??= runGit(['--version'], { cwd: os.tmpdir(), timeoutMs: 5000 }).then(() => true, () => false);
  return available;
}

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
