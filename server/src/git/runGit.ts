// The one way keyward runs git. A repository's config is attacker-controlled when the folder came
// from elsewhere, so every call, whoever makes it:
//   - runs the git found by gitPath(): absolute, from PATH's absolute entries, never inside the repository;
//   - takes an argument array, never a shell, and is killed after a timeout;
//   - pins the settings that would run the repository's programs:
//       core.fsmonitor=false       the fsmonitor hook is an arbitrary command run on index reads;
//       core.hooksPath=/dev/null   no hooks (post-index-change fires when the index is written);
//       protocol.allow=never       no transport, so nothing is ever fetched (lazy/partial clones);
//       log.showSignature=false    would run gpg.program (repository config) from log/show;
//       --no-pager                 core.pager is another command;
//     and diff-like commands get --no-ext-diff --no-textconv (diff.external, diff drivers);
//   - gets a clean environment: GIT_* variables that would point git at another repository or
//     inject config/programs are removed, and PATH keeps only absolute entries.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { gitPath, isWithin } from './gitPath';

export const GIT_TIMEOUT_MS = 15_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

const SAFE_ARGS = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'protocol.allow=never',
  '-c', 'core.untrackedCache=false',
  '-c', 'core.quotepath=off',
  '-c', 'log.showSignature=false',
];

/** Per subcommand: flags added after it, and flags refused because they run repository-configured programs. */
const SUBCOMMANDS: Record<string, { add?: string[]; refuse?: string[] }> = {
  diff: { add: ['--no-ext-diff', '--no-textconv'] },
  'diff-tree': { add: ['--no-ext-diff', '--no-textconv'] },
  'diff-index': { add: ['--no-ext-diff', '--no-textconv'] },
  'diff-files': { add: ['--no-ext-diff', '--no-textconv'] },
  log: { add: ['--no-ext-diff', '--no-textconv'] },
  show: { add: ['--no-ext-diff', '--no-textconv'] },
  'cat-file': { refuse: ['--textconv', '--filters'] },
  grep: { refuse: ['--textconv'] },
};

/** Global options before the subcommand that take a separate value. */
const OPTIONS_WITH_VALUE = new Set(['-c', '-C', '--git-dir', '--work-tree', '--namespace', '--exec-path']);

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
  // git looks up helper programs on PATH too: the same rule as for git itself.
  for (const key of ['PATH', 'Path']) {
    const value = env[key];
    if (value !== undefined) env[key] = value.split(path.delimiter).filter((d) => d !== '' && path.isAbsolute(d.replace(/^"(.*)"$/, '$1'))).join(path.delimiter);
  }
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PROTOCOL_FROM_USER = '0';
  env.LC_ALL = 'C';
  return env;
}

/** The arguments git receives: safe flags, then the caller's, with per-subcommand additions. */
export function safeArgs(args: readonly string[]): string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += OPTIONS_WITH_VALUE.has(args[i]) ? 2 : 1;
  const sub = args[i];
  const rule = sub === undefined ? undefined : SUBCOMMANDS[sub];
  const rest = args.slice(i + 1);
  const refused = rule?.refuse?.find((f) => rest.some((a) => a === f || a.startsWith(`${f}=`)));
  if (refused) throw new GitError(`refusing to run git ${sub} ${refused}: it runs programs the repository configures`);
  return [...SAFE_ARGS, ...args.slice(0, i + 1), ...(rule?.add ?? []), ...rest];
}

/** The nearest folder at or above dir holding `.git` (the work tree), else dir itself. */
function workTreeOf(dir: string): string {
  let cur = path.resolve(dir);
  for (;;) {
    try {
      statSync(path.join(cur, '.git'));
      return cur;
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(dir);
      cur = parent;
    }
  }
}

/** The git to run for a call in cwd; throws a GitError when there is none or it lies in the repository. */
export function gitFor(cwd: string): string {
  const git = gitPath();
  if (!git) throw new GitError('git is not installed (not found on PATH)');
  const top = workTreeOf(cwd);
  if (isWithin(top, git)) throw new GitError(`refusing to run ${git}: it lies inside the repository being scanned (${top})`);
  return git;
}

export interface SpawnGitOptions {
  cwd: string;
  /** Added after the GIT_* clean-up (used for GIT_CONFIG_COUNT overrides). */
  extraEnv?: Record<string, string>;
}

/** Starts git with every safety setting; the caller owns the streams. Throws GitError when it cannot start. */
export function spawnGit(args: readonly string[], opts: SpawnGitOptions): ChildProcessWithoutNullStreams {
  const git = gitFor(opts.cwd);
  const full = safeArgs(args);
  return spawn(git, full, { cwd: opts.cwd, env: { ...gitEnv(), ...opts.extraEnv }, windowsHide: true, stdio: 'pipe', shell: false });
}

export interface RunGitOptions extends SpawnGitOptions {
  input?: Buffer | string;
  timeoutMs?: number;
  /** Exit codes that are answers, not failures (check-ignore exits 1 when nothing is ignored). */
  okCodes?: number[];
  signal?: AbortSignal;
  maxOutputBytes?: number;
}

/** Runs `git <safe flags> <args>` and resolves with stdout; rejects with a GitError saying why. */
export function runGit(args: string[], opts: RunGitOptions): Promise<Buffer> {
  const okCodes = opts.okCodes ?? [0];
  const what = `git ${args.find((a) => !a.startsWith('-')) ?? args[0] ?? ''}`.trim();
  const maxBytes = opts.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      opts.signal?.throwIfAborted();
      child = spawnGit(args, opts);
    } catch (e) {
      reject(e instanceof GitError || (e as Error).name === 'AbortError' ? e : new GitError(`${what} could not start: ${(e as Error).message}`));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let errSize = 0;
    let failure: Error | undefined;
    const timeoutMs = opts.timeoutMs ?? GIT_TIMEOUT_MS;
    const stop = (why: Error): void => {
      failure ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new GitError(`${what} timed out after ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    const onAbort = (): void => stop(opts.signal?.reason instanceof Error ? opts.signal.reason : new GitError(`${what} was cancelled`));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > maxBytes) return stop(new GitError(`${what} produced more than ${maxBytes} bytes`));
      out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (errSize < 64 * 1024) err.push(d);
      errSize += d.length;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(new GitError(e.code === 'ENOENT' ? 'git is not installed (not found on PATH)' : `${what} failed to run: ${e.message}`));
    });
    child.on('close', (code) => {
      done();
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

const probes = new Map<string, Promise<boolean>>();

/**
 * Whether git can run for a call in cwd: one is found, it does not lie in cwd's repository, and
 * `git --version` works (probed once per binary, from the first folder that passed the check).
 */
export function gitAvailable(cwd: string): Promise<boolean> {
  let git: string;
  try {
    git = gitFor(cwd);
  } catch {
    return Promise.resolve(false);
  }
  let probe = probes.get(git);
  if (!probe) {
    probe = runGit(['--version'], { cwd, timeoutMs: 5000 }).then(() => true, () => false);
    probes.set(git, probe);
  }
  return probe;
}
