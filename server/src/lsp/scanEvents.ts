// The workspace scan as a stream of events, whichever thread produces it: each folder's listing,
// then its files' results in batches, then its end. Plain data, so it crosses postMessage as is.
import type { FileResult, FolderJob } from './folderScan';

export type ScanEvent =
  | { type: 'listed'; folder: number; files: number; skipped: number }
  | { type: 'results'; folder: number; results: FileResult[] }
  | { type: 'folderDone'; folder: number };

/** The workspace scan's job for the scan pool (lsp/workspaceJob.ts). */
export interface WorkerJob {
  folders: FolderJob[];
}
