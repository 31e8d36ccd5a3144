// The one .gitignore matcher (pure): git's precedence across ignore files, on the `ignore` package.
// Every source is flattened into one ordered rule list, each nested .gitignore pattern rewritten
// relative to the top (`x` in sub/.gitignore becomes `sub/**/x`). Then "last match wins" across
// files is exactly git's precedence (core.excludesFile < info/exclude < top < deeper .gitignore),
// and `ignore` applies git's parent-directory rule: nothing is re-included under an excluded folder.
// Used by the in-process .env checks, the in-process walk and the .gitignore quick fix alike.
import ignore, { type Ignore } from 'ignore';

export interface IgnoreSource {
  /** Where the patterns come from (an absolute path), reported in matchedBy. */
  file: string;
  /** Folder the patterns are relative to, `/`-separated from the top; '' for the top. */
  dir: string;
  text: string;
}

export interface IgnoreMatch {
  /** The file holding the pattern (.gitignore, info/exclude, core.excludesFile). */
  source: string;
  /** One-based line of the pattern in that file. */
  line: number;
  /** The pattern as written, `!` included for a negation (as `git check-ignore -v` prints it). */
  pattern: string;
}

export interface IgnoreVerdict {
  ignored: boolean;
  matchedBy?: IgnoreMatch;
}

export interface GitignoreRulesOptions {
  /** core.ignoreCase: git's default is false; `git init` sets it true on case-insensitive file systems. */
  ignoreCase?: boolean;
  /**
   * A folder (relative to the top) the user asked to scan: rules that would ignore it or one of
   * its parents are dropped, so a folder named explicitly is scanned even if its repository
   * ignores it (as ripgrep does), while rules such as `*.log` still apply inside it.
   */
  keepOpen?: string;
}

interface Rule extends IgnoreMatch {
  /** The pattern rewritten relative to the top, as given to `ignore`. */
  rebased: string;
  negative: boolean;
}

/** Pattern lines of one file as git reads them: BOM, CR before LF and unescaped trailing spaces go. */
export function patternLines(text: string): { line: number; pattern: string }[] {
  const out: { line: number; pattern: string }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    let p = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    p = trimTrailingSpaces(p);
    if (p === '' || p.startsWith('#')) return;
    out.push({ line: i + 1, pattern: p });
  });
  return out;
}

function trimTrailingSpaces(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === ' ') {
    // A space preceded by an odd number of backslashes is escaped and stays.
    let bs = 0;
    for (let j = end - 2; j >= 0 && p[j] === '\\'; j--) bs++;
    if (bs % 2 === 1) break;
    end--;
  }
  return p.slice(0, end);
}

/** Escapes a directory path for use as the literal start of a pattern. */
function escapeDir(dir: string): string {
  const esc = dir.replace(/[\\*?[]/g, '\\$&');
  return /^[!#]/.test(esc) ? `\\${esc}` : esc;
}

/** Rewrites a pattern of `<dir>/.gitignore` so it means the same thing relative to the top. */
export function rebasePattern(pattern: string, dir: string): string | undefined {
  const negative = pattern.startsWith('!');
  let body = negative ? pattern.slice(1) : pattern;
  if (dir === '') return body === '' ? undefined : pattern;
  // `\!` and `\#` escape only at the start; once prefixed they are ordinary characters.
  if (body.startsWith('\\!') || body.startsWith('\\#')) body = body.slice(1);
  const dirOnly = body.endsWith('/');
  const core = dirOnly ? body.slice(0, -1) : body;
  if (core === '' || core === '/') return undefined;
  // A slash anywhere but at the end anchors the pattern to its .gitignore's directory.
  const anchored = core.includes('/');
  const rebased = `${escapeDir(dir)}/${anchored ? core.replace(/^\//, '') : `**/${core}`}${dirOnly ? '/' : ''}`;
  return negative ? `!${rebased}` : rebased;
}

/** `a/b/c` -> [`a/`, `a/b/`, `a/b/c/`]. */
function dirChain(rel: string): string[] {
  const parts = rel.split('/').filter((s) => s !== '');
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

/**
 * An immutable, ordered set of ignore rules under one top folder. `with` adds a deeper file's
 * rules and returns a new set, so a walk keeps one per open folder and drops it on the way out.
 */
export class GitignoreRules {
  private readonly ig: Ignore;

  private constructor(private readonly rules: readonly Rule[], private readonly opts: GitignoreRulesOptions) {
    this.ig = ignore({ ignorecase: opts.ignoreCase ?? false, allowRelativePaths: true });
    rules.forEach((r, i) => this.ig.add({ pattern: r.rebased, mark: String(i) }));
  }

  static of(sources: readonly IgnoreSource[], opts: GitignoreRulesOptions = {}): GitignoreRules {
    return new GitignoreRules([], opts).with(...sources);
  }

  get size(): number {
    return this.rules.length;
  }

  /** These rules followed by the sources' rules (later sources win). */
  with(...sources: IgnoreSource[]): GitignoreRules {
    if (sources.length === 0) return this;
    const keepOpen = this.opts.keepOpen ? dirChain(this.opts.keepOpen) : [];
    const added: Rule[] = [];
    for (const src of sources) {
      for (const { line, pattern } of patternLines(src.text)) {
        const rebased = rebasePattern(pattern, src.dir);
        if (rebased === undefined) continue;
        const negative = pattern.startsWith('!');
        if (!negative && keepOpen.length && keepOpen.some((d) => this.single(rebased).ignores(d))) continue;
        added.push({ source: src.file, line, pattern, rebased, negative });
      }
    }
    return added.length ? new GitignoreRules([...this.rules, ...added], this.opts) : this;
  }

  /** relPath: `/`-separated from the top. A folder is judged as one (`dir/` patterns match it). */
  ignores(relPath: string, isDir = false): boolean {
    return this.rules.length > 0 && this.ig.ignores(isDir ? `${relPath}/` : relPath);
  }

  /** The verdict and the pattern that decided it, as `git check-ignore -v` reports it. */
  check(relPath: string, isDir = false): IgnoreVerdict {
    if (this.rules.length === 0) return { ignored: false };
    const subject = isDir ? `${relPath}/` : relPath;
    const result = this.ig.test(subject);
    if (result.ignored && result.rule?.mark !== undefined) {
      return { ignored: true, matchedBy: publicMatch(this.rules[Number(result.rule.mark)]) };
    }
    if (result.unignored) {
      // `ignore` does not name the negation that re-included a path; find the last one that
      // matches the path itself (and none of its parent directories).
      const ancestors = dirChain(relPath).slice(0, -1);
      for (let i = this.rules.length - 1; i >= 0; i--) {
        const r = this.rules[i];
        if (!r.negative) continue;
        const single = this.single(r.rebased.slice(1));
        if (single.ignores(subject) && !ancestors.some((a) => single.ignores(a))) {
          return { ignored: false, matchedBy: publicMatch(r) };
        }
      }
    }
    return { ignored: result.ignored };
  }

  private single(pattern: string): Ignore {
    return ignore({ ignorecase: this.opts.ignoreCase ?? false, allowRelativePaths: true }).add(pattern);
  }
}

function publicMatch(r: Rule): IgnoreMatch {
  return { source: r.source, line: r.line, pattern: r.pattern };
}
