// The one pool of scan worker threads, used by the CLI (N workers, file batches) and the language
// server (one worker, the workspace scan). It posts jobs to the least busy worker, streams each job's
// outputs back with acknowledgements, stops a worker whose job is cancelled, and finishes a job in
// this thread when its worker cannot start or dies: a scan never depends on a thread.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol';

/** The one worker entry (server/src/scanWorker.ts), bundled next to dist/cli.js and dist/server.js.
 *  From TypeScript sources there is none, and jobs run in the calling thread. */
export const BUNDLED_WORKER = path.join(__dirname, 'scanWorker.js');

export interface PoolOptions {
  script: string;
  /** The job handler every worker runs (a key of the entry's table in server/src/scanWorker.ts). */
  job: string;
  /** Cloned once into each worker and passed to every job there. */
  context?: unknown;
  /** Workers started at once. */
  size: number;
  /** Jobs a worker holds: one running, the rest waiting, so it never idles between jobs. */
  jobsPerWorker?: number;
  resourceLimits?: ResourceLimits;
  /** Receives the workers' stderr. */
  log: (message: string) => void;
}

/** Finishes a job in this thread after its worker failed: `reason` says how, `delivered` counts the
 *  outputs the worker had already sent (the consumer has them). */
export type InThread<O> = (reason: string, delivered: number) => AsyncIterable<O> | Iterable<O>;

interface Slot {
  worker?: Worker;
  exited: boolean;
  /** Jobs posted and not done, the running one first. */
  jobs: Job[];
  /** Why this worker takes no more jobs. */
  failure?: string;
}

class Job {
  readonly outputs: unknown[] = [];
  delivered = 0;
  ended = false;
  failure?: string;
  private wake?: () => void;

  constructor(readonly slot: Slot | undefined) {}

  notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  changed(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class WorkerPool<O> {
  private readonly slots: Slot[];
  private readonly perWorker: number;
  private waiters: (() => void)[] = [];
  private readonly background = new Set<Promise<void>>();
  private error?: unknown;

  constructor(private readonly opts: PoolOptions) {
    this.perWorker = Math.max(1, opts.jobsPerWorker ?? 1);
    this.slots = Array.from({ length: Math.max(1, opts.size) }, () => this.start());
  }

  /** Runs one job, yielding its outputs. The worker is acknowledged when the consumer asks for the
   *  next one; if the consumer stops early (or `signal` aborts), the worker is stopped before this
   *  returns, so nothing of the job arrives afterwards. */
  async *stream(input: unknown, inThread: InThread<O>, signal?: AbortSignal): AsyncGenerator<O> {
    yield* this.drive(this.post(input, await this.room()), inThread, signal);
  }

  /** Posts a job once a worker has room (so a fast producer waits instead of queueing without
   *  bound) and hands each output to `onOutput` as it arrives. drain() waits for them all. */
  async submit(input: unknown, onOutput: (output: O) => void, inThread: InThread<O>, signal?: AbortSignal): Promise<void> {
    const job = this.post(input, await this.room());
    const consume = async (): Promise<void> => {
      for await (const output of this.drive(job, inThread, signal)) onOutput(output);
    };
    // No worker left: the job runs here and now, and the producer waits for it.
    if (!job.slot) return consume();
    const running: Promise<void> = consume()
      .catch((err) => {
        this.error ??= err;
        this.roomChanged();
      })
      .finally(() => this.background.delete(running));
    this.background.add(running);
  }

  /** Waits for every submitted job; throws what a consumer threw. */
  async drain(): Promise<void> {
    while (this.background.size) await Promise.all(this.background);
    if (this.error) throw this.error;
  }

  /** Stops every worker. Jobs not yet done are abandoned: call it after drain(), or to cancel. */
  async close(): Promise<void> {
    for (const slot of this.slots) {
      for (const job of slot.jobs.splice(0)) {
        job.ended = true;
        job.notify();
      }
    }
    await Promise.all(this.slots.map((slot) => this.terminate(slot, 'scan worker stopped: the pool was closed')));
  }

  private start(): Slot {
    const slot: Slot = { exited: false, jobs: [] };
    const { script, job, context, resourceLimits, log } = this.opts;
    if (!existsSync(script)) {
      slot.failure = `scan worker not found at ${script} (the worker is bundled by \`node esbuild.mjs\`; running from TypeScript sources has none)`;
      return slot;
    }
    let worker: Worker;
    try {
      // stdout/stderr captured: a worker's console would otherwise write into the LSP channel or the report.
      worker = new Worker(script, { workerData: { job, context } satisfies WorkerSetup, stdout: true, stderr: true, resourceLimits });
    } catch (err) {
      slot.failure = `scan worker could not start: ${messageOf(err)}`;
      return slot;
    }
    slot.worker = worker;
    worker.stdout.resume();
    worker.stderr.setEncoding('utf8');
    worker.stderr.on('data', (chunk: string) => log(`scan worker: ${chunk.trimEnd().slice(0, 300)}`));
    worker.on('message', (m: FromWorker) => this.receive(slot, m));
    worker.on('error', (err) => this.fail(slot, `scan worker failed: ${messageOf(err)}`));
    worker.on('exit', (code) => {
      slot.exited = true;
      this.fail(slot, `scan worker failed: exited with code ${code}`);
    });
    return slot;
  }

  /** The least busy live worker once it has room, or undefined when none is alive. */
  private async room(): Promise<Slot | undefined> {
    for (;;) {
      if (this.error) throw this.error;
      const live = this.slots.filter((s) => s.failure === undefined);
      if (!live.length) return undefined;
      const slot = live.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a));
      if (slot.jobs.length < this.perWorker) return slot;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private roomChanged(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private post(input: unknown, slot: Slot | undefined): Job {
    const job = new Job(slot);
    if (slot?.worker) {
      slot.jobs.push(job);
      slot.worker.postMessage({ type: 'job', input } satisfies ToWorker);
    } else {
      job.failure = this.slots.find((s) => s.failure !== undefined)?.failure ?? 'no scan worker';
    }
    return job;
  }

  /** A job's outputs: the worker's, then (if it failed) the rest from this thread. */
  private async *drive(job: Job, inThread: InThread<O>, signal?: AbortSignal): AsyncGenerator<O> {
    const wake = () => job.notify();
    signal?.addEventListener('abort', wake);
    try {
      for (;;) {
        if (signal?.aborted) return;
        if (job.outputs.length) {
          job.delivered++;
          yield job.outputs.shift() as O;
          // The consumer asked for more: it is done with that output.
          if (job.slot?.failure === undefined) job.slot?.worker?.postMessage({ type: 'ack' } satisfies ToWorker);
        } else if (job.ended) {
          return;
        } else if (job.failure !== undefined) {
          yield* inThread(job.failure, job.delivered);
          return;
        } else {
          await job.changed();
        }
      }
    } finally {
      signal?.removeEventListener('abort', wake);
      // Cancelled or abandoned by its consumer while on a worker: stop the thread (a scan in
      // progress cannot be interrupted otherwise); the worker's other jobs finish in this thread.
      if (job.slot && !job.ended && job.failure === undefined) {
        job.slot.jobs = job.slot.jobs.filter((j) => j !== job);
        await this.terminate(job.slot, 'scan worker stopped: a job on it was cancelled');
      }
    }
  }

  private receive(slot: Slot, m: FromWorker): void {
    const job = slot.jobs[0];
    if (!job) return;
    if (m.type === 'out') job.outputs.push(m.value);
    else {
      slot.jobs.shift();
      job.ended = true;
      this.roomChanged();
    }
    job.notify();
  }

  /** The worker takes no more jobs; the ones it holds finish in this thread. */
  private fail(slot: Slot, reason: string): void {
    slot.failure ??= reason;
    for (const job of slot.jobs.splice(0)) {
      job.failure = slot.failure;
      job.notify();
    }
    this.roomChanged();
  }

  /** Resolves once the thread has stopped. */
  private async terminate(slot: Slot, reason: string): Promise<void> {
    this.fail(slot, reason);
    if (slot.worker && !slot.exited) await slot.worker.terminate();
  }
}
