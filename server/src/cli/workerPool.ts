// Scans batches of files on worker threads: the engine is CPU-bound and each file is
// independent, so N cores give close to N times the throughput. The main thread keeps walking.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { LocatedFinding, SkippedFile } from './report';
import { scanOne, type FileJob, type ScanSettings } from './scanOne';

export interface BatchResult {
  findings: LocatedFinding[];
  skipped: SkippedFile[];
  files: number;
  bytes: number;
}

interface WorkerData {
  keywardScanWorker: true;
  settings: ScanSettings;
}

export function isScanWorker(): boolean {
  return !!(workerData as WorkerData | undefined)?.keywardScanWorker;
}

/** Worker side: scan each batch the main thread sends, answer with its results. */
export function runScanWorker(): void {
  const { settings } = workerData as WorkerData;
  parentPort?.on('message', (batch: FileJob[]) => parentPort?.postMessage(scanBatch(batch, settings)));
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

/** Batches each worker may have queued: one running, one waiting, so none idles between batches. */
const IN_FLIGHT_PER_WORKER = 2;

export class WorkerPool {
  private readonly workers: { worker: Worker; inFlight: number }[] = [];
  private pending = 0;
  private wake?: () => void;
  private failure?: Error;

  constructor(entry: string, size: number, settings: ScanSettings, private readonly onResult: (r: BatchResult) => void) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry, { workerData: { keywardScanWorker: true, settings } satisfies WorkerData });
      const slot = { worker, inFlight: 0 };
      worker.on('message', (r: BatchResult) => {
        slot.inFlight--;
        this.pending--;
        this.onResult(r);
        this.wake?.();
      });
      worker.on('error', (err) => {
        this.failure ??= err;
        this.wake?.();
      });
      worker.on('exit', (code) => {
        if (slot.inFlight > 0) this.failure ??= new Error(`scan worker exited with code ${code}`);
        this.wake?.();
      });
      this.workers.push(slot);
    }
  }

  /** Hands a batch to the least busy worker, waiting while all are full. */
  async submit(batch: FileJob[]): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      const slot = this.workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      if (slot.inFlight < IN_FLIGHT_PER_WORKER) {
        slot.inFlight++;
        this.pending++;
        slot.worker.postMessage(batch);
        return;
      }
      await this.waitForChange();
    }
  }

  async drain(): Promise<void> {
    while (this.pending > 0) {
      if (this.failure) throw this.failure;
      await this.waitForChange();
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private waitForChange(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}
