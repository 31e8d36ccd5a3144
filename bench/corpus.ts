// The bench corpus: text files (<= 1 MB) of the project's own node_modules, in a stable order,
// plus hard-linked mirrors of chosen prefixes so CLI runs and peers read exactly the same files.
import { linkSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { readTextFile, walkFiles } from '../server/src/workspace';

export interface CorpusFile {
  rel: string;
  abs: string;
  text: string;
  bytes: number;
}

export const MAX_CORPUS_FILE = 1024 * 1024;

/** Text files under `dir` (no ignore rules: dependencies are what we want), at most `limitBytes` in total. */
export async function loadCorpus(dir: string, limitBytes = Number.POSITIVE_INFINITY): Promise<CorpusFile[]> {
  const files: CorpusFile[] = [];
  let total = 0;
  for await (const e of walkFiles(dir, { respectGitignore: false, maxFileSizeBytes: MAX_CORPUS_FILE })) {
    if (e.skip) continue;
    const r = await readTextFile(e.abs, MAX_CORPUS_FILE);
    if (!('text' in r)) continue;
    files.push({ rel: e.rel, abs: e.abs, text: r.text, bytes: e.size });
    total += e.size;
    if (total >= limitBytes) break;
  }
  return files;
}

/** The shortest prefix of `files` holding at least `bytes` (all of them if they hold less). */
export function prefix(files: CorpusFile[], bytes: number): CorpusFile[] {
  let total = 0;
  for (let i = 0; i < files.length; i++) {
    total += files[i].bytes;
    if (total >= bytes) return files.slice(0, i + 1);
  }
  return files;
}

export const totalBytes = (files: CorpusFile[]) => files.reduce((n, f) => n + f.bytes, 0);

/** Hard links (copies across devices) of `files` under `dest/<copy>/<rel>` for each of `copies`. */
export function mirror(files: CorpusFile[], dest: string, copies = 1): string {
  rmSync(dest, { recursive: true, force: true });
  for (let c = 0; c < copies; c++) {
    for (const f of files) {
      const to = path.join(dest, `copy${c}`, f.rel);
      mkdirSync(path.dirname(to), { recursive: true });
      try {
        linkSync(f.abs, to);
      } catch {
        copyFileSync(f.abs, to);
      }
    }
  }
  return dest;
}
