// The workspace scan as a job of the scan pool (run by dist/scanWorker.js): walks the job's folders,
// then reads and scans their files, yielding results in batches. The language server's main thread
// only publishes, so a request never waits behind a file being read or scanned.
import { performance } from 'node:perf_hooks';
import { listFolder, scanListedFile, type FileResult, type FolderList } from './folderScan';
import type { ScanEvent, WorkerJob } from './scanEvents';

/** The language server's job in the pool's handler table (server/src/scanWorker.ts). */
export const WORKSPACE_JOB = 'lsp.workspace';

/** Scan workers alive at once. One: the machines this runs on have two cores, one for the
 *  editor's requests (the server's thread) and one for the scan; a new scan stops the running one first. */
export const SCAN_WORKERS = 1;

/** A batch leaves after this many files or this many ms, whichever comes first: few enough
 *  messages to be cheap, soon enough that diagnostics and progress appear while the scan runs. */
const BATCH_FILES = 64;
const BATCH_MS = 25;

export async function* workspaceJob(job: WorkerJob): AsyncGenerator<ScanEvent> {
  // Listing comes first for every folder, so the host knows the total for its percentages.
  const lists: FolderList[] = [];
  for (let i = 0; i < job.folders.length; i++) {
    const list = await listFolder(job.folders[i]);
    lists.push(list);
    yield { type: 'listed', folder: i, files: list.files.length, skipped: list.skipped };
  }
  for (let i = 0; i < job.folders.length; i++) {
    const { settings } = job.folders[i];
    let batch: FileResult[] = [];
    let since = performance.now();
    for (const file of lists[i].files) {
      batch.push(await scanListedFile(file, settings));
      if (batch.length >= BATCH_FILES || performance.now() - since >= BATCH_MS) {
        yield { type: 'results', folder: i, results: batch };
        batch = [];
        since = performance.now();
      }
    }
    if (batch.length) yield { type: 'results', folder: i, results: batch };
    lists[i] = { files: [], skipped: 0 }; // this folder's paths are no longer needed
    yield { type: 'folderDone', folder: i };
  }
}
