// Real git repositories in temp dirs for the envfiles tests, with a private HOME/XDG so the
// user's own git config is never read or changed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Sandbox {
  dir: string;
  home: string;
  xdg: string;
  restoreEnv(): void;
}

const ENV_KEYS = ['HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE'];

/** A temp dir with its own HOME and XDG_CONFIG_HOME, exported to process.env until restoreEnv(). */
export function makeSandbox(extraEnv: Record<string, string> = {}): Sandbox {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-env-')));
  const home = path.join(dir, 'home');
  const xdg = path.join(dir, 'xdg');
  fs.mkdirSync(home);
  fs.mkdirSync(xdg);
  fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete process.env[k];
  Object.assign(process.env, { HOME: home, XDG_CONFIG_HOME: xdg, GIT_CONFIG_NOSYSTEM: '1' }, extraEnv);
  return {
    dir,
    home,
    xdg,
    restoreEnv() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function writeFiles(base: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(base, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** git's own answer, by a different code path than check-ignore: ls-files --others --ignored with an empty index. */
export function gitTruthIgnored(top: string): Set<string> {
  const emptyIndex = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-idx-')), 'index');
  try {
    const out = git(top, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard'], { ...process.env, GIT_INDEX_FILE: emptyIndex });
    return new Set(out.split('\0').filter(Boolean).map((p) => path.join(top, p)));
  } finally {
    fs.rmSync(path.dirname(emptyIndex), { recursive: true, force: true });
  }
}

export function gitTruthTracked(top: string): Set<string> {
  const out = git(top, ['ls-files', '-z', '--cached']);
  return new Set(out.split('\0').filter(Boolean).map((p) => path.join(top, p)));
}

/** The work tree git itself finds for a directory, or undefined outside a repository. */
export function gitTopOf(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}
