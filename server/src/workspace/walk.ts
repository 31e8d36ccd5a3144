// The workspace file walk shared by `keyward scan` and the language server's workspace scan.
// Streams entries one by one: memory depends on folder depth and width, not on tree size.
// File system calls are synchronous and the loop gives the host a turn every few ms (yieldTurn.ts).
import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { compileExcludes, type ExcludeMatcher } from './exclude';
import { hasBinaryExtension } from './binaryExt';
import { gitCanList, gitListFiles } from './gitList';
import { ancestorIgnores, type WalkIgnores } from './ignoreRules';
import { MAX_CONFIG_BYTES, readBytesSync, type SkipReason } from './read';
import { yieldTurn } from './yieldTurn';

export { readTextFile, readTextFileSync, type ReadResult, type SkipReason } from './read';

export interface WalkEntry {
  abs: string;
  /** Posix path relative to the walked root. */
  rel: string;
  size: number;
  /** Set when the file will not be scanned; the walk still reports it so callers can say so. */
  skip?: SkipReason;
}

export interface WalkOptions {
  /** minimatch globs (dot: true) relative to root; a match on a folder drops everything below it. */
  exclude?: string[];
  /** Larger files are reported with skip 'too-large'. Default: no limit. */
  maxFileSizeBytes?: number;
  signal?: AbortSignal;
  /** Honour .gitignore, .git/info/exclude (and, through git, core.excludesFile). Default true. */
  respectGitignore?: boolean;
  /** Ask git for the file list when root is in a work tree. Default true; false in untrusted workspaces. */
  useGit?: boolean;
}

export async function* walkFiles(root: string, opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const absRoot = path.resolve(root);
  const maxBytes = opts.maxFileSizeBytes ?? Number.POSITIVE_INFINITY;
  const excluded = compileExcludes(opts.exclude);
  const signal = opts.signal;
  signal?.throwIfAborted();

  const rootStat = await stat(absRoot); // a missing root is the caller's error to report
  if (rootStat.isFile()) {
    const name = path.basename(absRoot);
    if (!excluded(name)) yield classify(absRoot, name, rootStat.size, maxBytes);
    return;
  }

  const respect = opts.respectGitignore !== false;
  if (respect && opts.useGit !== false && (await gitCanList(absRoot, signal).catch(() => false))) {
    let started = false;
    try {
      for await (const rel of gitListFiles(absRoot, signal)) {
        started = true;
        if (isGitMetadata(rel) || excluded(rel)) continue;
        const entry = statEntry(absRoot, rel, maxBytes);
        if (entry) yield entry;
        await yieldTurn();
      }
      return;
    } catch (err) {
      // git failed before giving us anything: the in-process walk gives the same answer, slower.
      if (started || signal?.aborted) throw err;
    }
  }
  const ignores = respect ? await ancestorIgnores(absRoot) : undefined;
  for (const found of fsWalk(absRoot, ignores, excluded, signal)) {
    const entry = found.unreadableFolder
      ? { abs: path.join(absRoot, found.rel), rel: found.rel, size: 0, skip: 'unreadable' as const }
      : statEntry(absRoot, found.rel, maxBytes);
    if (entry) yield entry;
    await yieldTurn();
  }
}

function isGitMetadata(rel: string): boolean {
  return rel === '.git' || rel.startsWith('.git/') || rel.includes('/.git/') || rel.endsWith('/.git');
}

function classify(abs: string, rel: string, size: number, maxBytes: number): WalkEntry {
  if (size > maxBytes) return { abs, rel, size, skip: 'too-large' };
  if (hasBinaryExtension(rel)) return { abs, rel, size, skip: 'binary' };
  return { abs, rel, size };
}

/** Regular files only: symlinks are never followed (no escapes from root, no cycles, no duplicates). */
function statEntry(absRoot: string, rel: string, maxBytes: number): WalkEntry | undefined {
  const abs = path.join(absRoot, rel);
  try {
    const st = lstatSync(abs);
    if (!st.isFile()) return undefined; // symlink, submodule folder, socket...
    return classify(abs, rel, st.size, maxBytes);
  } catch (err) {
    // Tracked but deleted from the work tree: nothing to scan.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { abs, rel, size: 0, skip: 'unreadable' };
  }
}

interface FoundPath {
  rel: string;
  unreadableFolder?: boolean;
}

interface Frame {
  dirRel: string;
  entries: Dirent[];
  next: number;
  /** The ignore rules in effect for this folder's entries (its own .gitignore included). */
  ignores: WalkIgnores | undefined;
}

/** Depth-first, names sorted per folder; yields file paths that pass excludes and ignore rules. */
function* fsWalk(absRoot: string, rootIgnores: WalkIgnores | undefined, excluded: ExcludeMatcher, signal: AbortSignal | undefined): Generator<FoundPath> {
  const stack: Frame[] = [];
  const enter = (dirRel: string, inherited: WalkIgnores | undefined): boolean => {
    const abs = dirRel ? path.join(absRoot, dirRel) : absRoot;
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return false;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let ignores = inherited;
    if (ignores && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      // Bounded and regular files only (a repository's .gitignore may be a link to /dev/zero);
      // an unreadable one ignores nothing.
      const r = readBytesSync(path.join(abs, '.gitignore'), MAX_CONFIG_BYTES);
      if ('bytes' in r) ignores = ignores.withFolder(dirRel, r.bytes.toString('utf8'));
    }
    stack.push({ dirRel, entries, next: 0, ignores });
    return true;
  };
  if (!enter('', rootIgnores)) {
    yield { rel: '', unreadableFolder: true };
    return;
  }
  while (stack.length > 0) {
    signal?.throwIfAborted();
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const d = frame.entries[frame.next++];
    if (d.name === '.git') continue;
    const rel = frame.dirRel ? `${frame.dirRel}/${d.name}` : d.name;
    let isDir = d.isDirectory();
    let isFile = d.isFile();
    if (!isDir && !isFile && !d.isSymbolicLink()) {
      // Some file systems do not report types in readdir.
      try {
        const st = lstatSync(path.join(absRoot, rel));
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
    }
    if (!isDir && !isFile) continue;
    if (excluded(rel) || frame.ignores?.ignores(rel, isDir)) continue;
    if (isDir) {
      if (!enter(rel, frame.ignores)) yield { rel, unreadableFolder: true };
      continue;
    }
    yield { rel };
  }
}
