// In-process .gitignore semantics for when git cannot be used (not installed, not a repo,
// untrusted workspace): layered `ignore` matchers, deeper files overriding shallower ones,
// and the last matching rule of a file winning, as git does.
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Layer {
  /** Posix folder of the ignore file relative to the ignore root ('' = the root). */
  base: string;
  ig: Ignore;
}

export class IgnoreStack {
  private readonly layers: Layer[] = [];

  /** @param prefix posix path of the scanned root relative to the ignore root ('' when they are the same). */
  constructor(private readonly prefix: string) {}

  get depth(): number {
    return this.layers.length;
  }

  push(base: string, content: string): void {
    this.layers.push({ base, ig: ignore({ allowRelativePaths: true }).add(content) });
  }

  /** An ignore file found in a folder below the scanned root (`dirRel` relative to it, '' = root). */
  pushFolder(dirRel: string, content: string): void {
    this.push([this.prefix, dirRel].filter((s) => s !== '').join('/'), content);
  }

  /** Drop layers pushed after `depth` (leaving a folder). */
  truncate(depth: number): void {
    this.layers.length = depth;
  }

  /** `rel` is relative to the scanned root. */
  ignores(rel: string, isDir: boolean): boolean {
    const full = this.prefix ? `${this.prefix}/${rel}` : rel;
    let verdict = false;
    for (const { base, ig } of this.layers) {
      let sub: string;
      if (base === '') sub = full;
      else if (full.startsWith(base + '/')) sub = full.slice(base.length + 1);
      else continue;
      const r = ig.test(isDir ? sub + '/' : sub);
      if (r.ignored) verdict = true;
      else if (r.unignored) verdict = false;
    }
    return verdict;
  }
}

async function readIfFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
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
 * A stack holding the rules that apply above `root`: info/exclude and the .gitignore files of
 * the folders between the repository top and root. The walk pushes root's own and deeper ones.
 */
export async function ancestorIgnores(root: string): Promise<IgnoreStack> {
  const found = await findGitTop(root);
  if (!found) return new IgnoreStack('');
  const rel = path.relative(found.top, path.resolve(root)).split(path.sep).join('/');
  const stack = new IgnoreStack(rel);
  // A linked worktree keeps info/ in the common dir.
  const common = (await readIfFile(path.join(found.gitDir, 'commondir')))?.trim();
  const infoDir = common ? path.resolve(found.gitDir, common) : found.gitDir;
  const exclude = await readIfFile(path.join(infoDir, 'info', 'exclude'));
  if (exclude) stack.push('', rulesNotIgnoring(exclude, rel));
  if (rel !== '') {
    const segments = rel.split('/');
    for (let i = 0; i < segments.length; i++) {
      const base = segments.slice(0, i).join('/');
      const content = await readIfFile(path.join(found.top, base, '.gitignore'));
      if (content) stack.push(base, rulesNotIgnoring(content, rel.slice(base ? base.length + 1 : 0)));
    }
  }
  return stack;
}

/**
 * The rules of an ignore file above the scanned root, minus those that ignore the root itself:
 * a folder the user names explicitly is scanned (as ripgrep does), while rules such as `*.log`
 * still apply inside it. `rootRel` is the root relative to the file's folder.
 */
function rulesNotIgnoring(content: string, rootRel: string): string {
  if (rootRel === '') return content;
  return content
    .split(/\r?\n/)
    .filter((line) => {
      const rule = line.trim();
      if (rule === '' || rule.startsWith('#') || rule.startsWith('!')) return true;
      return !ignore({ allowRelativePaths: true }).add(line).test(rootRel + '/').ignored;
    })
    .join('\n');
}
