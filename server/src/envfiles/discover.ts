// Finds .env files anywhere under a workspace root, ignored or not: an ignored .env that is
// tracked is still a leak, so git's ignore rules must not prune the walk.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compileExcludes } from '../workspace/exclude';
import { isEnvFileName } from '../../../shared/languages/envNames';

/**
 * Directories never walked: VCS data, dependency trees and build caches. They are huge, and a
 * .env inside them belongs to someone else's package, not to the user's project.
 */
const SKIPPED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', 'jspm_packages', '.pnpm-store', '.yarn',
  '.venv', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache',
  '.gradle', '.m2', '.terraform', '.serverless', '.next', '.nuxt', '.svelte-kit', '.turbo',
  '.parcel-cache', '.angular', '.cache', 'Pods', 'DerivedData', 'vendor',
]);

const WALK_CONCURRENCY = 32;

export interface FindEnvFilesOptions {
  /** `keyward.exclude` globs relative to root (workspace/exclude.ts); a matching directory is not entered. */
  exclude?: string[];
  signal?: AbortSignal;
}

/**
 * Absolute paths of the .env files under root, sorted. Symbolic links are never followed: a target
 * inside the root is walked under its real path anyway, one outside is not the workspace's, and a
 * committed link leaks no contents. Unreadable directories are skipped, not fatal.
 */
export async function findEnvFiles(root: string, opts: FindEnvFilesOptions = {}): Promise<string[]> {
  const base = path.resolve(root);
  const excluded = compileExcludes(opts.exclude);
  const anyExcludes = (opts.exclude ?? []).some((g) => g.trim() !== '');
  const found: string[] = [];
  const walkDir = async (dir: string): Promise<string[]> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return []; // vanished or unreadable: nothing we can report on
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = (): string => path.relative(base, abs).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !(anyExcludes && excluded(rel()))) subdirs.push(abs);
      } else if (entry.isFile() && isEnvFileName(entry.name) && !(anyExcludes && excluded(rel()))) {
        found.push(abs);
      }
    }
    return subdirs;
  };
  // Breadth-first, a bounded number of directory reads in flight.
  let frontier = [base];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i += WALK_CONCURRENCY) {
      opts.signal?.throwIfAborted();
      for (const subdirs of await Promise.all(frontier.slice(i, i + WALK_CONCURRENCY).map(walkDir))) next.push(...subdirs);
    }
    frontier = next;
  }
  return found.sort();
}
