// Walks the roots and scans every file: on this thread, or in batches on the scan pool's worker
// threads when the caller names a worker entry. Findings are the only thing that accumulates.
import * as path from 'node:path';
import type { ProviderEntry } from '../../../shared/providers/types';
import type { RuleId, SeveritySetting } from '../engine/types';
import { walkFiles } from '../workspace';
import type { LocatedFinding, SkippedFile } from './report';
import { WorkerPool, type InThread } from '../workers/pool';
import { FILES_JOB, scanBatch, type BatchResult } from './scanBatch';
import { scanOne, type FileJob, type ScanSettings } from './scanOne';

export interface FileScanRequest {
  /** Absolute, existing, non-overlapping paths (folders or files). */
  roots: string[];
  /** Absolute folder that reported paths (and fingerprints) are relative to. */
  base: string;
  exclude: string[];
  /** Absolute paths never scanned: our own report and baseline files. */
  ownFiles?: string[];
  maxFileSizeBytes: number;
  respectGitignore: boolean;
  severities: Partial<Record<RuleId, SeveritySetting>>;
  /** From the repository config: extra key-name regexes and detection-only key formats. */
  extraKeyNames?: string[];
  customProviders?: ProviderEntry[];
  signal?: AbortSignal;
  /** Called as files finish, for progress. */
  onFiles?: (files: number, bytes: number) => void;
  /** The scan pool's worker script (dist/scanWorker.js); with jobs > 1, enables workers. */
  workerEntry?: string;
  jobs?: number;
  /** Told once per reason when a worker cannot start or dies (its files are then scanned here). */
  onWarning?: (message: string) => void;
}

export interface FileScanResult {
  findings: LocatedFinding[];
  skipped: SkippedFile[];
  files: number;
  bytes: number;
}

/** A batch closes at this many files or bytes: big enough to amortise messaging, small enough to balance. */
const BATCH_FILES = 64;
const BATCH_BYTES = 1 << 20;
/** Scans smaller than this finish on the main thread before workers would have started. */
const INLINE_FILES = 1000;
const INLINE_BYTES = 16 << 20;
/** Batches each worker holds: one running, one waiting, so none idles between batches. */
const BATCHES_PER_WORKER = 2;

export function toPosixRelative(base: string, abs: string): string {
  return path.relative(base, abs).split(path.sep).join('/');
}

/** Files to scan, in walk order; files the walk already rejects go straight to `skipped`. */
async function* jobs(req: FileScanRequest, skipped: SkippedFile[]): AsyncGenerator<FileJob> {
  const own = new Set(req.ownFiles ?? []);
  for (const root of req.roots) {
    const entries = walkFiles(root, {
      exclude: req.exclude,
      maxFileSizeBytes: req.maxFileSizeBytes,
      respectGitignore: req.respectGitignore,
      signal: req.signal,
    });
    for await (const e of entries) {
      if (own.has(e.abs)) continue;
      const rel = toPosixRelative(req.base, e.abs);
      if (e.skip) skipped.push({ path: rel, abs: e.abs, reason: e.skip });
      else yield { abs: e.abs, rel, size: e.size };
    }
  }
}

export async function scanFiles(req: FileScanRequest): Promise<FileScanResult> {
  const result: FileScanResult = { findings: [], skipped: [], files: 0, bytes: 0 };
  const settings: ScanSettings = { maxFileSizeBytes: req.maxFileSizeBytes, severities: req.severities, extraKeyNames: req.extraKeyNames, customProviders: req.customProviders };
  const add = (r: BatchResult) => {
    result.findings.push(...r.findings);
    result.skipped.push(...r.skipped);
    result.files += r.files;
    result.bytes += r.bytes;
    req.onFiles?.(r.files, r.bytes);
  };

  const useWorkers = !!req.workerEntry && (req.jobs ?? 1) > 1;
  let pool: WorkerPool<BatchResult> | undefined;
  const abort = () => void pool?.close();
  req.signal?.addEventListener('abort', abort, { once: true });
  const inThread = fallback(settings, req.onWarning);
  try {
    let batch: FileJob[] = [];
    let batchBytes = 0;
    for await (const job of jobs(req, result.skipped)) {
      // Small scans never pay for starting workers: the first files are scanned right here.
      if (!pool && (!useWorkers || (result.files < INLINE_FILES && result.bytes < INLINE_BYTES))) {
        const r = scanOne(job, settings);
        add(r.skipped ? { findings: [], skipped: [r.skipped], files: 0, bytes: 0 } : { findings: r.findings, skipped: [], files: 1, bytes: job.size });
        continue;
      }
      pool ??= new WorkerPool({ script: req.workerEntry as string, job: FILES_JOB, context: settings, size: req.jobs ?? 1, jobsPerWorker: BATCHES_PER_WORKER, log: (m) => req.onWarning?.(m) });
      batch.push(job);
      batchBytes += job.size;
      if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
        await pool.submit(batch, add, inThread(batch), req.signal);
        batch = [];
        batchBytes = 0;
      }
    }
    if (pool) {
      if (batch.length) await pool.submit(batch, add, inThread(batch), req.signal);
      await pool.drain();
    }
  } finally {
    req.signal?.removeEventListener('abort', abort);
    await pool?.close();
  }
  // Workers finish out of order: sort skipped files for a stable report (findings are sorted later).
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

/** A batch whose worker failed is scanned here (unless its result had already arrived); each
 *  reason is told once, not once per batch. */
function fallback(settings: ScanSettings, warn: ((message: string) => void) | undefined): (batch: FileJob[]) => InThread<BatchResult> {
  const told = new Set<string>();
  return (batch) => (reason, delivered) => {
    if (!told.has(reason)) {
      told.add(reason);
      warn?.(`${reason}; scanning its files on this thread instead`);
    }
    return delivered ? [] : [scanBatch(batch, settings)];
  };
}
