// A batch of files scanned as one job of the scan pool: on a worker thread, or in this thread
// when the batch's worker failed. Its result is plain data, so it crosses postMessage as is.
import type { LocatedFinding, SkippedFile } from './report';
import { scanOne, type FileJob, type ScanSettings } from './scanOne';

/** The CLI's job in the pool's handler table (server/src/scanWorker.ts). */
export const FILES_JOB = 'cli.files';

export interface BatchResult {
  findings: LocatedFinding[];
  skipped: SkippedFile[];
  files: number;
  bytes: number;
}

export function scanBatch(batch: FileJob[], settings: ScanSettings): BatchResult {
  const out: BatchResult = { findings: [], skipped: [], files: 0, bytes: 0 };
  for (const job of batch) {
    const r = scanOne(job, settings);
    if (r.skipped) {
      out.skipped.push(r.skipped);
      continue;
    }
    out.findings.push(...r.findings);
    out.files++;
    out.bytes += job.size;
  }
  return out;
}

/** Worker side: the settings are the pool's context, sent once per worker. */
export function filesJob(batch: FileJob[], settings: ScanSettings): BatchResult[] {
  return [scanBatch(batch, settings)];
}
