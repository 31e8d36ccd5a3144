// The per-folder work of the workspace scan, shared by the scan worker and the in-thread fallback
// so both produce the same results: list a folder's files (the walk), then read and scan each one.
// No LSP here: results are plain, cloneable data that the main thread publishes.
import { scan } from '../engine';
import type { Finding } from '../engine/types';
import { readTextFile, walkFiles, type SkipReason } from '../workspace';
import { scanOptionsFor } from './scanOptions';
import type { KeywardSettings } from './settings';

/** One folder of a scan job: where it is and the settings it is scanned with. */
export interface FolderJob {
  fsPath: string;
  settings: KeywardSettings;
  useGit: boolean;
}

export interface ListedFile {
  abs: string;
  rel: string;
}

export interface FolderList {
  files: ListedFile[];
  /** Files the walk reported but will not be read (too large, binary extension, unreadable). */
  skipped: number;
}

/** What scanning one listed file gave: findings, a reason it was not read, or an engine failure. */
export type FileResult =
  | { abs: string; rel: string; findings: Finding[] }
  | { abs: string; rel: string; skip: SkipReason }
  | { abs: string; rel: string; failed: string };

/** Lists the files of a folder; `between` runs after each entry (the in-thread scan yields there). */
export async function listFolder(job: FolderJob, signal?: AbortSignal, between?: () => Promise<void>): Promise<FolderList> {
  const out: FolderList = { files: [], skipped: 0 };
  for await (const f of walkFiles(job.fsPath, {
    exclude: job.settings.exclude,
    maxFileSizeBytes: job.settings.maxFileSizeKB * 1024,
    signal,
    respectGitignore: true,
    useGit: job.useGit,
  })) {
    if (f.skip) out.skipped++;
    else out.files.push({ abs: f.abs, rel: f.rel });
    if (between) await between();
  }
  return out;
}

/** Reads (size cap, binary sniffing) and scans one file. Never throws. */
export async function scanListedFile(file: ListedFile, settings: KeywardSettings): Promise<FileResult> {
  const read = await readTextFile(file.abs, settings.maxFileSizeKB * 1024);
  if (!('text' in read)) return { ...file, skip: read.skip };
  try {
    return { ...file, findings: scan(read.text, file.rel, scanOptionsFor(settings, file.rel)) };
  } catch (err) {
    return { ...file, failed: err instanceof Error ? err.message : String(err) };
  }
}
