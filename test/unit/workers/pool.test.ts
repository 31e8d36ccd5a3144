// The scan pool with real worker threads running the real worker side (serve.ts): jobs spread over
// the workers, outputs stay within the acknowledgement window, a dead or missing worker costs only
// the thread (the job finishes here), and a cancelled job stops its worker.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WorkerPool, type InThread } from '../../../server/src/workers/pool';
import { WINDOW } from '../../../server/src/workers/protocol';

const SERVE = path.resolve(__dirname, '../../../server/src/workers/serve.ts');
const TSX = require.resolve('tsx/cjs');

/** A worker script: tsx loads the TypeScript worker side, then the handlers given as source. */
function workerScript(dir: string, handlers: string): string {
  const file = path.join(dir, `worker-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(file, `require(${JSON.stringify(TSX)});\nconst { threadId } = require('node:worker_threads');\nconst { serveJobs } = require(${JSON.stringify(SERVE)});\nserveJobs(${handlers});\n`);
  return file;
}

const never: InThread<never> = (reason) => {
  throw new Error(`unexpected fallback: ${reason}`);
};

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('scan worker pool', function () {
  this.timeout(60000);
  let dir: string;
  const logs: string[] = [];
  const log = (m: string) => logs.push(m);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'keyward-pool-'));
    logs.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('spreads submitted jobs over every worker and delivers each output once, with the context', async () => {
    const script = workerScript(dir, `{ square: function* (n, ctx) { yield { n, sq: n * n * ctx.factor, thread: threadId }; } }`);
    const pool = new WorkerPool<{ n: number; sq: number; thread: number }>({ script, job: 'square', context: { factor: 2 }, size: 2, jobsPerWorker: 2, log });
    const got: { n: number; sq: number; thread: number }[] = [];
    try {
      for (let n = 0; n < 40; n++) await pool.submit(n, (o) => got.push(o), never);
      await pool.drain();
    } finally {
      await pool.close();
    }
    assert.deepEqual(got.map((o) => o.n).sort((a, b) => a - b), [...Array(40).keys()]);
    for (const o of got) assert.equal(o.sq, o.n * o.n * 2);
    assert.equal(new Set(got.map((o) => o.thread)).size, 2, 'both workers ran jobs');
  });

  it('keeps a worker at most WINDOW outputs ahead of a consumer that stops asking', async () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const script = workerScript(dir, `{ count: function* (_, ctx) { for (let i = 0; i < 100; i++) { Atomics.add(ctx.counter, 0, 1); yield i; } } }`);
    const pool = new WorkerPool<number>({ script, job: 'count', context: { counter }, size: 1, log });
    try {
      const it = pool.stream(undefined, never);
      assert.deepEqual(await it.next(), { value: 0, done: false });
      // Give the worker every chance to run ahead: it stops with WINDOW outputs sent, one more made.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(Atomics.load(counter, 0), WINDOW + 1);
      const rest = await collect({ [Symbol.asyncIterator]: () => it });
      assert.deepEqual(rest, [...Array(99).keys()].map((i) => i + 1));
    } finally {
      await pool.close();
    }
  });

  it('finishes a job in this thread when its worker dies, knowing what was already delivered', async () => {
    const script = workerScript(dir, `{ crash: function* () { yield 'from the worker'; process.exit(7); } }`);
    const pool = new WorkerPool<string>({ script, job: 'crash', size: 1, log });
    const calls: [string, number][] = [];
    try {
      const out = await collect(pool.stream(undefined, (reason, delivered) => (calls.push([reason, delivered]), ['from this thread'])));
      assert.deepEqual(out, ['from the worker', 'from this thread']);
      assert.equal(calls.length, 1);
      assert.match(calls[0][0], /scan worker failed: exited with code 7/);
      assert.equal(calls[0][1], 1);
      // The dead worker takes no more jobs: the next one runs here at once.
      assert.deepEqual(await collect(pool.stream(undefined, () => ['again here'])), ['again here']);
    } finally {
      await pool.close();
    }
  });

  it('runs every job in this thread, saying why, when the worker script is missing', async () => {
    const missing = path.join(dir, 'no-such-worker.js');
    const pool = new WorkerPool<number>({ script: missing, job: 'x', size: 3, log });
    const reasons: string[] = [];
    const got: number[] = [];
    for (let n = 0; n < 5; n++) await pool.submit(n, (o) => got.push(o), (reason) => (reasons.push(reason), [n * 10]));
    await pool.drain();
    await pool.close();
    assert.deepEqual(got, [0, 10, 20, 30, 40]);
    assert.equal(reasons.length, 5);
    for (const r of reasons) assert.ok(r.includes('scan worker not found') && r.includes('no-such-worker.js'), r);
  });

  it('stops the worker when its job is cancelled, and nothing of that job arrives afterwards', async () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const script = workerScript(
      dir,
      `{ forever: async function* (_, ctx) { for (let i = 0; ; i++) { Atomics.add(ctx.counter, 0, 1); await new Promise((r) => setImmediate(r)); yield i; } } }`,
    );
    const pool = new WorkerPool<number>({ script, job: 'forever', context: { counter }, size: 1, log });
    const controller = new AbortController();
    const got: number[] = [];
    for await (const i of pool.stream(undefined, never, controller.signal)) {
      got.push(i);
      if (i === 5) controller.abort();
    }
    assert.deepEqual(got, [0, 1, 2, 3, 4, 5]);
    // The stream returned only once the thread had stopped: the job makes no more outputs.
    const atReturn = Atomics.load(counter, 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(Atomics.load(counter, 0), atReturn);
    const reasons: string[] = [];
    assert.deepEqual(await collect(pool.stream(undefined, (reason) => (reasons.push(reason), [-1]))), [-1]);
    assert.match(reasons[0], /cancelled/);
    await pool.close();
  });

  it('passes a consumer failure to drain() and stops taking jobs', async () => {
    const script = workerScript(dir, `{ id: function* (n) { yield n; } }`);
    const pool = new WorkerPool<number>({ script, job: 'id', size: 1, log });
    try {
      await pool.submit(1, () => {
        throw new Error('consumer broke');
      }, never);
      await assert.rejects(pool.drain(), /consumer broke/);
      await assert.rejects(pool.submit(2, () => undefined, never), /consumer broke/);
    } finally {
      await pool.close();
    }
  });

  it("routes a worker's stderr to the log", async () => {
    const script = workerScript(dir, `{ noisy: function* () { console.error('noise from the worker'); yield 1; } }`);
    const pool = new WorkerPool<number>({ script, job: 'noisy', size: 1, log });
    try {
      assert.deepEqual(await collect(pool.stream(undefined, never)), [1]);
      // stderr crosses threads on its own channel: wait for it (the suite's timeout bounds this).
      while (!logs.includes('scan worker: noise from the worker')) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await pool.close();
    }
  });
});
