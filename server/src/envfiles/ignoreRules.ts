// git's ignore rules evaluated in-process, for when git must not run (untrusted workspace) or is
// missing. The `ignore` package matches patterns; the layering of sources is ours:
//   core.excludesFile < .git/info/exclude < top .gitignore < deeper .gitignore files,
// later (deeper) rules win, and nothing is re-included under an excluded directory.
// We flatten all sources into one ordered rule list, rewriting each nested .gitignore pattern so
// it is relative to the top (`x` in sub/.gitignore becomes `sub/**/x`), which makes "last match
// wins" across files exactly git's precedence, and lets `ignore` apply the parent-directory rule.
import ignore, { Ignore } from 'ignore';
import * as path from 'node:path';
import { readText } from './fsutil';
import type { IgnoreMatch } from './types';

export interface IgnoreSourceFile {
  /** Absolute path, reported in matchedBy. */
  file: string;
  /** Directory the patterns are relative to, `/`-separated from the top; '' for the top. */
  dir: string;
  text: string;
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

export interface LayeredIgnoreOptions {
  /** Absolute top of the work tree (or the workspace root outside any repository). */
  top: string;
  /** Lowest precedence first: core.excludesFile, then .git/info/exclude. */
  baseSources: IgnoreSourceFile[];
  ignoreCase: boolean;
}

export interface IgnoreVerdict {
  ignored: boolean;
  matchedBy?: IgnoreMatch;
}

/** Answers "is this path ignored, and by which pattern" for paths under one top directory. */
export class LayeredIgnore {
  private readonly gitignores = new Map<string, Promise<IgnoreSourceFile | undefined>>();
  private readonly matchers = new Map<string, Promise<{ ig: Ignore; rules: Rule[] }>>();

  constructor(private readonly opts: LayeredIgnoreOptions) {}

  /** relPath: `/`-separated, relative to the top, naming a file. */
  async check(relPath: string): Promise<IgnoreVerdict> {
    const dir = relPath.includes('/') ? relPath.slice(0, relPath.lastIndexOf('/')) : '';
    const { ig, rules } = await this.matcherFor(dir);
    const result = ig.test(relPath);
    if (result.ignored && result.rule?.mark !== undefined) {
      return { ignored: true, matchedBy: publicMatch(rules[Number(result.rule.mark)]) };
    }
    if (result.unignored) {
      // `ignore` does not name the negation that re-included a path; find the last one that
      // matches the path itself (and none of its parent directories).
      const ancestors = ancestorDirs(relPath);
      for (let i = rules.length - 1; i >= 0; i--) {
        const r = rules[i];
        if (!r.negative) continue;
        const single = ignore({ ignorecase: this.opts.ignoreCase }).add(r.rebased.slice(1));
        if (single.test(relPath).ignored && !ancestors.some((a) => single.test(a).ignored)) {
          return { ignored: false, matchedBy: publicMatch(r) };
        }
      }
    }
    return { ignored: result.ignored };
  }

  private matcherFor(dir: string): Promise<{ ig: Ignore; rules: Rule[] }> {
    let m = this.matchers.get(dir);
    if (!m) {
      m = this.buildMatcher(dir);
      this.matchers.set(dir, m);
    }
    return m;
  }

  private async buildMatcher(dir: string): Promise<{ ig: Ignore; rules: Rule[] }> {
    const sources = [...this.opts.baseSources];
    const parts = dir === '' ? [] : dir.split('/');
    for (let i = 0; i <= parts.length; i++) {
      const src = await this.gitignoreIn(parts.slice(0, i).join('/'));
      if (src) sources.push(src);
    }
    const rules: Rule[] = [];
    const ig = ignore({ ignorecase: this.opts.ignoreCase });
    for (const src of sources) {
      for (const { line, pattern } of patternLines(src.text)) {
        const rebased = rebasePattern(pattern, src.dir);
        if (rebased === undefined) continue;
        ig.add({ pattern: rebased, mark: String(rules.length) });
        rules.push({ source: src.file, line, pattern, rebased, negative: pattern.startsWith('!') });
      }
    }
    return { ig, rules };
  }

  private gitignoreIn(dir: string): Promise<IgnoreSourceFile | undefined> {
    let p = this.gitignores.get(dir);
    if (!p) {
      const file = path.join(this.opts.top, ...(dir ? dir.split('/') : []), '.gitignore');
      // git does not follow a .gitignore that is a symbolic link inside the work tree.
      p = readText(file, undefined, false).then((text) => (text === undefined ? undefined : { file, dir, text }));
      this.gitignores.set(dir, p);
    }
    return p;
  }
}

function ancestorDirs(relPath: string): string[] {
  const parts = relPath.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(`${parts.slice(0, i).join('/')}/`);
  return out;
}

function publicMatch(r: Rule): IgnoreMatch {
  return { source: r.source, line: r.line, pattern: r.pattern };
}
