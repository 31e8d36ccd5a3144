// Worker side of the scan pool: runs the jobs its host posts, one at a time in the order posted,
// with the handler the host named, and posts each output as it comes, at most WINDOW ahead of the
// host's acknowledgements.
import { parentPort, workerData } from 'node:worker_threads';
import { WINDOW, type FromWorker, type ToWorker, type WorkerSetup } from './protocol';

/** A job's work, as outputs in order. `context` is the pool's: the same for every job of a worker.
 *  Inputs and contexts arrive as structured clones, so each handler declares its own types. */
export type JobHandler = (input: any, context: any) => AsyncIterable<unknown> | Iterable<unknown>;

export function serveJobs(handlers: Readonly<Record<string, JobHandler>>): void {
  const port = parentPort;
  if (!port) throw new Error('scanWorker.js runs as a worker thread of the keyward CLI or language server');
  const { job, context } = workerData as WorkerSetup;
  const handler = handlers[job];
  if (!handler) throw new Error(`scan worker: no job named '${job}'`);
  const inputs: unknown[] = [];
  let credits = WINDOW;
  let wake: (() => void) | undefined;
  let running = false;
  const post = (m: FromWorker): void => port.postMessage(m);

  const run = async (): Promise<void> => {
    running = true;
    while (inputs.length) {
      for await (const value of handler(inputs.shift(), context)) {
        while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
        credits--;
        post({ type: 'out', value });
      }
      post({ type: 'done' });
    }
    running = false;
  };

  port.on('message', (m: ToWorker) => {
    if (m.type === 'ack') {
      credits++;
      const w = wake;
      wake = undefined;
      w?.();
      return;
    }
    inputs.push(m.input);
    // A failure surfaces as the worker's 'error' event; the host then finishes the job in its own thread.
    if (!running) {
      run().catch((err) => {
        setImmediate(() => {
          throw err;
        });
      });
    }
  });
}
