// The workspace scan as a stream of events, whichever thread produces it: each folder's listing,
// then its files' results in batches, then its end. Plain data, so it crosses postMessage as is.
import type { FileResult, FolderJob } from './folderScan';

export type ScanEvent =
  | { type: 'listed'; folder: number; files: number; skipped: number }
  | { type: 'results'; folder: number; results: FileResult[] }
  | { type: 'folderDone'; folder: number };

/** What the scan worker receives as workerData. */
export interface WorkerJob {
  folders: FolderJob[];
}

/** Worker to host: the scan events, then `done`. */
export type WorkerMessage = ScanEvent | { type: 'done' };

/** Host to worker: one batch was published, the worker may send another. */
export interface HostMessage {
  type: 'ack';
}
