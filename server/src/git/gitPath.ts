// Finds the git binary as an absolute path from PATH's absolute entries only. A bare
// spawn('git', { cwd: repo }) lets the repository choose the program: libuv searches the
// current directory first on Windows, and on Linux an empty or relative PATH entry (`::`, `.`)
// resolves against the cwd, so a committed `./git` would run for every scan.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface GitPathEnv {
  PATH?: string;
  Path?: string;
  PATHEXT?: string;
}

/** Candidate file names in one PATH folder, in the order the platform's own search uses. */
function namesFor(platform: NodeJS.Platform, env: GitPathEnv): string[] {
  if (platform !== 'win32') return ['git'];
  // spawn without a shell can only start real executables: .exe / .com, never .cmd / .bat.
  const exts = (env.PATHEXT ?? '.COM;.EXE').split(';').map((e) => e.trim().toLowerCase()).filter((e) => e === '.exe' || e === '.com');
  return (exts.length ? exts : ['.exe']).map((e) => `git${e}`);
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute, real path of the first git on PATH, skipping empty, relative and (Windows)
 * quoted-relative entries; undefined when there is none. Never looks in the working directory.
 */
export function findGit(env: GitPathEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const raw = env.PATH ?? env.Path ?? '';
  for (let dir of raw.split(platform === 'win32' ? ';' : ':')) {
    if (platform === 'win32') dir = dir.trim().replace(/^"(.*)"$/, '$1');
    if (dir === '' || !pathApi.isAbsolute(dir)) continue;
    for (const name of namesFor(platform, env)) {
      const candidate = pathApi.join(dir, name);
      if (!isExecutableFile(candidate, platform)) continue;
      try {
        return realpathSync(candidate);
      } catch {
        return candidate;
      }
    }
  }
  return undefined;
}

let cached: { key: string; git: string | undefined } | undefined;

/**
 * findGit for this process, computed once and reused while PATH stays the same (PATH does not
 * change in the server or the CLI; tests that change it get a fresh answer).
 */
export function gitPath(): string | undefined {
  const key = `${process.env.PATH ?? process.env.Path ?? ''}\0${process.env.PATHEXT ?? ''}`;
  if (cached?.key !== key) cached = { key, git: findGit() };
  return cached.git;
}

/** True when `file` lies in `dir` or below it (both compared by real path when they exist). */
export function isWithin(dir: string, file: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(dir), real(file));
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}
