// Main-thread side of the scan worker: starts dist/scanWorker.js, turns its messages into a
// stream of scan events, acknowledges each batch once the consumer has published it, and stops
// the thread on cancel or when the stream ends.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FolderJob } from './folderScan';
import type { HostMessage, ScanEvent, WorkerJob, WorkerMessage } from './scanEvents';

/** Scan workers alive at once. One: the machines this runs on have two cores, one for the
 *  editor's requests (this thread) and one for the scan; a new scan stops the running one first. */
export const SCAN_WORKERS = 1;

/** The worker died or could not start; the caller finishes the scan in its own thread. */
export class ScanWorkerError extends Error {}

/**
 * Where the worker script is, or undefined to scan in this thread. KEYWARD_SCAN_WORKER=off forces
 * the in-thread scan (benchmarks compare both); any other value is a script path (tests).
 */
export function scanWorkerScript(): string | undefined {
  const env = process.env.KEYWARD_SCAN_WORKER;
  if (env === 'off') return undefined;
  return env || path.join(__dirname, 'scanWorker.js');
}

/** Runs a job in a worker. Throws ScanWorkerError when the worker cannot start or dies. */
export async function* scanInWorker(script: string, folders: FolderJob[], signal: AbortSignal, log: (m: string) => void): AsyncGenerator<ScanEvent> {
  if (!existsSync(script)) {
    // From TypeScript sources __dirname is server/src/lsp: the worker exists only in the bundle.
    throw new ScanWorkerError(`scan worker not found at ${script} (the worker is bundled by \`node esbuild.mjs\`; running from TypeScript sources has none)`);
  }
  const queue: WorkerMessage[] = [];
  let failure: string | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let worker: Worker;
  try {
    worker = new Worker(script, {
      workerData: { folders } satisfies WorkerJob,
      // Captured: a worker's console would otherwise write into the LSP channel on stdout.
      stdout: true,
      stderr: true,
      // Each file's text dies young: a small nursery cut the server's peak RSS on the 50,000-file
      // bench from ~196 MB to ~142 MB at no measurable cost in scan time.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
  } catch (err) {
    throw new ScanWorkerError(`scan worker could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  worker.stdout.resume();
  worker.stderr.setEncoding('utf8');
  worker.stderr.on('data', (chunk: string) => log(`scan worker: ${chunk.trimEnd().slice(0, 300)}`));
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure ??= err instanceof Error ? err.message : String(err);
    notify();
  });
  worker.on('exit', (code) => {
    exited = true;
    failure ??= `exited with code ${code}`;
    notify();
  });
  signal.addEventListener('abort', notify);
  try {
    for (;;) {
      if (signal.aborted) return;
      const m = queue.shift();
      if (m) {
        if (m.type === 'done') return;
        yield m;
        // The consumer asked for more: this batch is published and no request is waiting.
        if (m.type === 'results') worker.postMessage({ type: 'ack' } satisfies HostMessage);
        continue;
      }
      if (failure !== undefined || exited) throw new ScanWorkerError(`scan worker failed: ${failure}`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', notify);
    // Resolves once the thread has stopped, so a cancelled scan publishes nothing afterwards.
    if (!exited) await worker.terminate();
  }
}
