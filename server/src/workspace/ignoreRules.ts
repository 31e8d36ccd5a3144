// In-process .gitignore semantics for the walk when git cannot be used (not installed, not a repo,
// untrusted workspace). Matching is the shared matcher's (shared/gitignoreRules); this module
// finds the rules above the scanned root and adds each folder's .gitignore on the way down.
import { stat } from 'node:fs/promises';
import { readConfigText } from './read';
import * as path from 'node:path';
import { GitignoreRules } from '../../../shared/gitignoreRules';

/**
 * git's default core.ignoreCase: `git init` sets it true where the file system is case-insensitive
 * (the defaults of Windows and macOS), false elsewhere.
 */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** The rules in effect in one folder of the walk; immutable, so leaving a folder drops its rules. */
export class WalkIgnores {
  /**
   * @param top absolute folder the rules are relative to (the repository top, or the root outside one).
   * @param prefix posix path of the scanned root relative to top ('' when they are the same).
   */
  constructor(private readonly top: string, private readonly prefix: string, private readonly rules: GitignoreRules) {}

  /** These rules plus the .gitignore of a folder below the scanned root (`dirRel` relative to it). */
  withFolder(dirRel: string, content: string): WalkIgnores {
    const dir = [this.prefix, dirRel].filter((s) => s !== '').join('/');
    const next = this.rules.with({ file: path.join(this.top, dir, '.gitignore'), dir, text: content });
    return next === this.rules ? this : new WalkIgnores(this.top, this.prefix, next);
  }

  /** `rel` is relative to the scanned root. */
  ignores(rel: string, isDir: boolean): boolean {
    return this.rules.ignores(this.prefix ? `${this.prefix}/${rel}` : rel, isDir);
  }
}

/** Bounded, regular files only: a repository's ignore file may be a link to /dev/zero. */
async function readIfFile(file: string): Promise<string | undefined> {
  const r = await readConfigText(file);
  return 'text' in r ? r.text : undefined;
}

/** The folder holding `.git` at or above `dir`, and the git dir itself. */
async function findGitTop(dir: string): Promise<{ top: string; gitDir: string } | undefined> {
  let cur = path.resolve(dir);
  for (;;) {
    const dotGit = path.join(cur, '.git');
    const st = await stat(dotGit).catch(() => undefined);
    if (st?.isDirectory()) return { top: cur, gitDir: dotGit };
    if (st?.isFile()) {
      // Worktrees and submodules: ".git" is a file saying "gitdir: <path>".
      const m = /^gitdir:\s*(.+)$/m.exec((await readIfFile(dotGit)) ?? '');
      if (m) return { top: cur, gitDir: path.resolve(cur, m[1].trim()) };
    }
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/**
 * The rules that apply above `root`: info/exclude and the .gitignore files of the folders between
 * the repository top and root, minus any that would ignore root itself. The walk adds root's own
 * and deeper ones.
 */
export async function ancestorIgnores(root: string): Promise<WalkIgnores> {
  const abs = path.resolve(root);
  const found = await findGitTop(abs);
  if (!found) return new WalkIgnores(abs, '', GitignoreRules.of([], { ignoreCase: IGNORE_CASE }));
  const rel = path.relative(found.top, abs).split(path.sep).join('/');
  let rules = GitignoreRules.of([], { ignoreCase: IGNORE_CASE, keepOpen: rel });
  // A linked worktree keeps info/ in the common dir.
  const common = (await readIfFile(path.join(found.gitDir, 'commondir')))?.trim();
  const infoDir = common ? path.resolve(found.gitDir, common) : found.gitDir;
  const excludeFile = path.join(infoDir, 'info', 'exclude');
  const exclude = await readIfFile(excludeFile);
  if (exclude) rules = rules.with({ file: excludeFile, dir: '', text: exclude });
  if (rel !== '') {
    const segments = rel.split('/');
    for (let i = 0; i < segments.length; i++) {
      const base = segments.slice(0, i).join('/');
      const file = path.join(found.top, base, '.gitignore');
      const content = await readIfFile(file);
      if (content) rules = rules.with({ file, dir: base, text: content });
    }
  }
  return new WalkIgnores(found.top, rel, rules);
}
