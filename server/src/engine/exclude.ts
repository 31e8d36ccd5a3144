// User exclude globs (keyward.exclude / --exclude), matched against workspace-relative paths.
import { minimatch } from 'minimatch';

/** True when `relPath` matches one of `globs` (minimatch, dot files included, `/` or `\` separators). */
export function isExcluded(relPath: string, globs: readonly string[] | undefined): boolean {
  if (!globs || globs.length === 0) return false;
  const p = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const g of globs) {
    if (typeof g !== 'string' || !g) continue;
    // A bare name or folder glob ("fixtures", "dist/**") is meant anywhere in the tree, as in .gitignore.
    const pattern = g.includes('/') || g.startsWith('**') ? g.replace(/^\.\//, '') : `**/${g}`;
    if (minimatch(p, pattern, { dot: true }) || minimatch(p, `${pattern.replace(/\/$/, '')}/**`, { dot: true })) return true;
  }
  return false;
}
