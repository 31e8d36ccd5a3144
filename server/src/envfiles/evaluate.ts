// Decides, for each .env file, whether git ignores it and whether git tracks it: with git itself
// when trusted and present, otherwise in-process. Both produce the same EnvFileStatus.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { defaultExcludesFile, expandUserPath, isTrue, type Env } from './gitconfig';
import { gitAvailable, gitCheckIgnore, gitTracked } from './gitCli';
import { indexHas, parseIndexPaths, type IndexPaths } from './gitIndex';
import { LayeredIgnore, type IgnoreSourceFile } from './ignoreRules';
import { findRepo, repoConfig, type RepoInfo } from './repo';
import { isFile, readRegularFile, readText } from './fsutil';
import type { EnvFileStatus, IgnoreMatch } from './types';

export interface EvaluateOptions {
  /**
   * true: ask git, and throw if it fails; false: never run git (untrusted workspace); default: git
   * when it runs, else in-process. Files outside any repository are always judged in-process.
   */
  useGit?: boolean;
  /** Per git call. */
  timeoutMs?: number;
}

interface Verdict {
  ignored: boolean;
  tracked: boolean;
  matchedBy?: IgnoreMatch;
  trackedError?: string;
}

const MAX_INDEX_BYTES = 1024 * 1024 * 1024;

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * Status of each file (absolute, or relative to root). Files outside any repository are judged
 * against the .gitignore files up to the workspace root and the user's global excludes: what
 * `git init && git add .` would do there, which is how such a .env ends up committed.
 */
export async function evaluateEnvFiles(root: string, files: string[], opts: EvaluateOptions = {}): Promise<EnvFileStatus[]> {
  const wsRoot = path.resolve(root);
  const env: Env = process.env;
  const abs = files.map((f) => path.resolve(wsRoot, f));
  const repoByDir = new Map<string, Promise<RepoInfo | undefined>>();
  const repos = await Promise.all(abs.map((f) => {
    const d = path.dirname(f);
    if (!repoByDir.has(d)) repoByDir.set(d, findRepo(d));
    return repoByDir.get(d) as Promise<RepoInfo | undefined>;
  }));

  // Group by work tree so each repository is asked once.
  const groups = new Map<string, { repo?: RepoInfo; top: string; idx: number[] }>();
  abs.forEach((f, i) => {
    const repo = repos[i];
    // Outside any repository the workspace root stands in for the top (or the file's own folder
    // when it lies outside the workspace too).
    const top = repo?.root ?? (isInside(wsRoot, f) ? wsRoot : path.dirname(f));
    const g = groups.get(top) ?? { repo, top, idx: [] };
    g.idx.push(i);
    groups.set(top, g);
  });

  const out: EnvFileStatus[] = new Array(abs.length);
  for (const g of groups.values()) {
    const rels = g.idx.map((i) => toPosix(path.relative(g.top, abs[i])));
    let method: EnvFileStatus['method'] = 'in-process';
    let verdicts: Verdict[] | undefined;
    let gitError: string | undefined;
    const tryGit = g.repo !== undefined && opts.useGit !== false && (opts.useGit === true || (await gitAvailable(g.top)));
    if (tryGit) {
      try {
        verdicts = await evaluateWithGit(g.top, rels, opts.timeoutMs);
        method = 'git';
      } catch (e) {
        if (opts.useGit === true) throw e;
        gitError = (e as Error).message;
      }
    }
    verdicts ??= await evaluateInProcess(g.top, g.repo, rels, env);
    for (let k = 0; k < g.idx.length; k++) {
      const i = g.idx[k];
      const v = verdicts[k];
      const gitignoreToEdit = await chooseGitignore(wsRoot, g.top, abs[i], v.matchedBy);
      out[i] = {
        file: abs[i],
        relPath: toPosix(path.relative(wsRoot, abs[i])),
        ignored: v.ignored,
        tracked: v.tracked,
        ...(v.matchedBy ? { matchedBy: v.matchedBy } : {}),
        ...(g.repo ? { repoRoot: g.top } : {}),
        gitignoreToEdit,
        gitignoreExists: await isFile(gitignoreToEdit),
        root: wsRoot,
        ...(v.trackedError ? { trackedError: v.trackedError } : {}),
        ...(gitError ? { gitError } : {}),
        method,
      };
    }
  }
  return out;
}

async function evaluateWithGit(top: string, rels: string[], timeoutMs?: number): Promise<Verdict[]> {
  const answers = await gitCheckIgnore(top, rels, timeoutMs);
  const tracked = await gitTracked(top, rels, timeoutMs);
  return rels.map((r) => {
    const a = answers.get(r) ?? { ignored: false };
    const matchedBy = a.source ? { source: path.resolve(top, a.source), line: a.line ?? 0, pattern: a.pattern ?? '' } : undefined;
    return { ignored: a.ignored, tracked: tracked.has(r), ...(matchedBy ? { matchedBy } : {}) };
  });
}

async function evaluateInProcess(top: string, repo: RepoInfo | undefined, rels: string[], env: Env): Promise<Verdict[]> {
  const config = await repoConfig(repo, env);
  const bool = (key: string): boolean => config.has(key) && (config.get(key) === undefined || isTrue(config.get(key)));
  const baseSources: IgnoreSourceFile[] = [];
  const configured = config.get('core.excludesfile');
  const excludesFile = configured ? path.resolve(top, expandUserPath(configured, env)) : defaultExcludesFile(env);
  const excludesText = await readText(excludesFile);
  if (excludesText !== undefined) baseSources.push({ file: excludesFile, dir: '', text: excludesText });
  if (repo) {
    const info = path.join(repo.commonDir, 'info', 'exclude');
    const infoText = await readText(info);
    if (infoText !== undefined) baseSources.push({ file: info, dir: '', text: infoText });
  }
  const rules = new LayeredIgnore({ top, baseSources, ignoreCase: bool('core.ignorecase') });

  let index: IndexPaths | undefined;
  let trackedError: string | undefined;
  if (repo) {
    const indexFile = path.join(repo.gitDir, 'index');
    try {
      const sha256 = (config.get('extensions.objectformat') ?? '').toLowerCase() === 'sha256';
      index = await readIndex(indexFile, sha256 ? 32 : 20);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // No index file yet (fresh `git init`): nothing is tracked, which is an answer, not an error.
      if (err.code === 'ENOENT') index = { paths: new Set(), sparseDirs: [] };
      else trackedError = err.message;
    }
  }
  const verdicts: Verdict[] = [];
  for (const r of rels) {
    const v = await rules.check(r);
    const has = index ? indexHas(index, r) : false;
    const error = trackedError ?? (has === undefined ? 'git index: the path is inside a sparse-index directory' : undefined);
    verdicts.push({
      ignored: v.ignored,
      tracked: has === true,
      ...(v.matchedBy ? { matchedBy: v.matchedBy } : {}),
      ...(error ? { trackedError: error } : {}),
    });
  }
  return verdicts;
}

/** Parsed indexes by file, reused while git has not rewritten the file (git replaces it by rename). */
const indexCache = new Map<string, { key: string; index: IndexPaths }>();
const INDEX_CACHE_MAX = 16;

async function readIndex(indexFile: string, hashLength: number): Promise<IndexPaths> {
  const st = await fs.stat(indexFile);
  const key = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${hashLength}`;
  const hit = indexCache.get(indexFile);
  if (hit?.key === key) return hit.index;
  const buf = await readRegularFile(indexFile, MAX_INDEX_BYTES);
  if (!buf) throw new Error('git index: not a readable regular file');
  const index = parseIndexPaths(buf, hashLength);
  if (indexCache.size >= INDEX_CACHE_MAX) indexCache.delete(indexCache.keys().next().value as string);
  indexCache.set(indexFile, { key, index });
  return index;
}

/**
 * The .gitignore to add the file to: the top one of the repository (or of the workspace outside a
 * repository); a workspace opened on a subfolder of a repository uses its own .gitignore when it has
 * one, so the edit stays inside the folder the user opened. When a deeper .gitignore re-includes
 * the file with `!`, only an entry after that negation, in that same file, can win.
 */
async function chooseGitignore(wsRoot: string, top: string, file: string, matchedBy?: IgnoreMatch): Promise<string> {
  let chosen = path.join(top, '.gitignore');
  const wsInsideTop = wsRoot !== top && isInside(top, wsRoot);
  if (wsInsideTop && isInside(wsRoot, file) && (await isFile(path.join(wsRoot, '.gitignore')))) {
    chosen = path.join(wsRoot, '.gitignore');
  }
  if (matchedBy?.pattern.startsWith('!') && path.basename(matchedBy.source) === '.gitignore') {
    const negDir = path.dirname(matchedBy.source);
    if (isInside(path.dirname(chosen), negDir) && negDir !== path.dirname(chosen)) chosen = matchedBy.source;
  }
  return chosen;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
