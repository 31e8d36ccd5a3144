// User exclude globs (minimatch, dot: true) against posix paths relative to the scanned root.
// A path is excluded when a glob matches it or one of its ancestor folders, so `vendor` and
// `**/fixtures` drop whole trees; a glob without a slash matches a name at any depth.
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
