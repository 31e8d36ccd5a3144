// Worker-thread entry of the workspace scan (bundled as dist/scanWorker.js): walks the job's
// folders, then reads and scans their files, posting results in batches. The language server's
// main thread only publishes, so a request never waits behind a file being read or scanned.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { listFolder, scanListedFile, type FileResult, type FolderList } from './folderScan';
import type { HostMessage, WorkerJob, WorkerMessage } from './scanEvents';

/** A batch leaves after this many files or this many ms, whichever comes first: few enough
 *  messages to be cheap, soon enough that diagnostics and progress appear while the scan runs. */
const BATCH_FILES = 64;
const BATCH_MS = 25;
/** Batches sent but not yet published by the host. The host acknowledges a batch only once no
 *  interactive request is running, so the worker holds still (and leaves the disk and CPU to the
 *  request) within this many batches, and unpublished results never pile up in memory. */
const WINDOW = 2;

const port = parentPort;
if (!port) throw new Error('scanWorker.js runs as a worker thread of the keyward language server');

let credits = WINDOW;
let wake: (() => void) | undefined;
port.on('message', (m: HostMessage) => {
  if (m?.type === 'ack') {
    credits++;
    wake?.();
  }
});

const post = (m: WorkerMessage): void => port.postMessage(m);

async function send(folder: number, results: FileResult[]): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = undefined;
  credits--;
  post({ type: 'results', folder, results });
}

async function main(job: WorkerJob): Promise<void> {
  // Listing comes first for every folder, so the host knows the total for its percentages.
  const lists: FolderList[] = [];
  for (let i = 0; i < job.folders.length; i++) {
    const list = await listFolder(job.folders[i]);
    lists.push(list);
    post({ type: 'listed', folder: i, files: list.files.length, skipped: list.skipped });
  }
  for (let i = 0; i < job.folders.length; i++) {
    const { settings } = job.folders[i];
    let batch: FileResult[] = [];
    let since = performance.now();
    for (const file of lists[i].files) {
      batch.push(await scanListedFile(file, settings));
      if (batch.length >= BATCH_FILES || performance.now() - since >= BATCH_MS) {
        await send(i, batch);
        batch = [];
        since = performance.now();
      }
    }
    if (batch.length) await send(i, batch);
    lists[i] = { files: [], skipped: 0 }; // this folder's paths are no longer needed
    post({ type: 'folderDone', folder: i });
  }
  post({ type: 'done' });
}

// A failure surfaces as the worker's 'error' event; the host then finishes the scan in its own thread.
main(workerData as WorkerJob).catch((err) => {
  setImmediate(() => {
    throw err;
  });
});
