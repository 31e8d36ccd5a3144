// The one `keyward.exclude` / `--exclude` matcher, for the walk, the .env discovery and open
// documents alike: minimatch globs (dot: true) against paths relative to the workspace folder.
// A path is excluded when a glob matches it or one of its ancestor folders, so `vendor` and
// `**/fixtures` drop whole trees; a glob without a slash (or with only a trailing one) matches a
// name at any depth.
import { Minimatch } from 'minimatch';

export type ExcludeMatcher = (rel: string) => boolean;

export function compileExcludes(globs: readonly string[] = []): ExcludeMatcher {
  const cleaned = globs.map((g) => g.trim().replace(/\\/g, '/').replace(/^\.\//, '')).filter((g) => g.length > 0);
  if (cleaned.length === 0) return () => false;
  const matchers: Minimatch[] = [];
  for (const g of cleaned) {
    const trimmed = g.replace(/\/+$/, '');
    matchers.push(new Minimatch(trimmed, { dot: true, matchBase: !trimmed.includes('/') }));
    // `dir/**` covers everything below dir: let it prune dir itself so the walk never enters it.
    if (trimmed.endsWith('/**') && trimmed.length > 3) {
      const base = trimmed.slice(0, -3);
      matchers.push(new Minimatch(base, { dot: true, matchBase: !base.includes('/') }));
    }
  }
  const hit = (p: string) => matchers.some((m) => m.match(p));
  // Folder verdicts repeat for every file below them; a bounded cache keeps them cheap.
  const folderCache = new Map<string, boolean>();
  const folderExcluded = (dir: string): boolean => {
    const known = folderCache.get(dir);
    if (known !== undefined) return known;
    const slash = dir.lastIndexOf('/');
    const verdict = (slash > 0 && folderExcluded(dir.slice(0, slash))) || hit(dir);
    if (folderCache.size > 4096) folderCache.clear();
    folderCache.set(dir, verdict);
    return verdict;
  };
  return (rel: string) => {
    const slash = rel.lastIndexOf('/');
    if (slash > 0 && folderExcluded(rel.slice(0, slash))) return true;
    return hit(rel);
  };
}

const compiled = new Map<string, ExcludeMatcher>();

/** compileExcludes(globs)(relPath), with the compiled matcher kept for the next call with the same globs. */
export function isExcluded(relPath: string, globs: readonly string[] | undefined): boolean {
  if (!globs || globs.length === 0) return false;
  const key = globs.filter((g) => typeof g === 'string').join('\0');
  let m = compiled.get(key);
  if (!m) {
    if (compiled.size >= 32) compiled.clear();
    m = compileExcludes(globs.filter((g) => typeof g === 'string'));
    compiled.set(key, m);
  }
  // Open documents come with the platform's separators; the walk's paths are posix already.
  return m(relPath.replace(/\\/g, '/').replace(/^\.\//, ''));
}
