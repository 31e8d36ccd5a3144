// The scan pool's messages between a host thread and its workers: plain data, cloned by postMessage.

/** What every pool worker gets as workerData: the job handler it runs, and its fixed context. */
export interface WorkerSetup {
  job: string;
  context: unknown;
}

/** Host to worker: a job to run (jobs run one at a time, in the order posted), or one output consumed. */
export type ToWorker = { type: 'job'; input: unknown } | { type: 'ack' };

/** Worker to host: one output of the job it is running, or that job's end. */
export type FromWorker = { type: 'out'; value: unknown } | { type: 'done' };

/** Outputs a worker may send before the host acknowledges them. The host acknowledges an output
 *  once its consumer has taken it (the language server: once published and no request waits), so
 *  a worker holds still behind a busy consumer and unconsumed outputs never pile up in memory. */
export const WINDOW = 2;
