// The workspace scan's worker thread, through the built server over stdio: it finds exactly what
// the in-thread scan finds, stops promptly when cancelled, and a worker that cannot start or dies
// mid-scan costs nothing but the thread (the server finishes the scan itself).
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { useBuiltServer, makeRepo, removeDir, ROOT, TestClient, uriOf, writeFile, type PublishedDiagnostics } from './harness';

const PIO = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
const GHP = 'ghp_' + 'R8mQ2vX7kP4nL9wT3cY6bZ1aH5sD0fJ2gK7e';

/** Deterministic pseudo-random numbers: the same tree on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Keys in the places real repositories put them, in several languages, next to plain code. */
const SNIPPETS: [ext: string, withKey: (i: number) => string, plain: (i: number) => string][] = [
  ['ts', (i) => `export const pioneerApiKey${i} = "${PIO}";\n`, (i) => `export const retries${i} = ${i % 7};\n`],
  ['py', () => `client = Pioneer(api_key="${PIO}")\n`, (i) => `def handler_${i}(event):\n    return {"status": ${i % 500}}\n`],
  ['go', () => `var token = "${GHP}"\n`, (i) => `func f${i}() int { return ${i} }\n`],
  ['yaml', () => `env:\n  - name: PIONEER_API_KEY\n    value: "${PIO}"\n`, (i) => `replicas: ${i % 5}\nimage: app:${i}\n`],
  ['json', () => `{ "apiKey": "${PIO}" }\n`, (i) => `{ "name": "pkg${i}", "version": "1.0.${i}" }\n`],
  ['sh', () => `curl "https://api.pioneer.ai/v1/models?api_key=${PIO}"\n`, (i) => `echo step ${i}\n`],
  ['java', () => `String key = "${GHP}";\n`, (i) => `int value${i} = ${i};\n`],
  ['md', () => `Use \`export PIONEER_API_KEY=${PIO}\` before running.\n`, (i) => `Item ${i} retries after ${i % 90} seconds.\n`],
];

function tree(n: number): Record<string, string> {
  const r = rng(7);
  const files: Record<string, string> = { '.gitignore': 'ignored/\n' };
  for (let i = 0; i < n; i++) {
    const [ext, withKey, plain] = SNIPPETS[Math.floor(r() * SNIPPETS.length)];
    let text = '';
    for (let l = 0, lines = 1 + Math.floor(r() * 40); l < lines; l++) text += plain(i * 100 + l);
    if (r() < 0.08) text += withKey(i);
    files[`pkg${i % 13}/m${i % 5}/f${i}.${ext}`] = text;
  }
  files['ignored/secret.ts'] = `export const apiKey = "${PIO}";\n`;
  files['min/bundle.min.js'] = 'var a=1;'.repeat(3000) + `var k="${PIO}";` + 'var b=2;'.repeat(3000) + '\n';
  files['big/huge.ts'] = `export const apiKey = "${PIO}";\n` + '// filler\n'.repeat(10000);
  return files;
}

/** Latest non-empty diagnostics per URI. */
function shown(published: PublishedDiagnostics[]): Map<string, unknown> {
  const latest = new Map<string, PublishedDiagnostics>();
  for (const p of published) latest.set(p.uri, p);
  return new Map([...latest].filter(([, p]) => p.diagnostics.length).map(([uri, p]) => [uri, p.diagnostics]));
}

/** Starts the server with KEYWARD_SCAN_WORKER set for it (the child inherits this process's env). */
async function startWith(worker: string | undefined, folders: string[], settings: object): Promise<TestClient> {
  const saved = process.env.KEYWARD_SCAN_WORKER;
  if (worker === undefined) delete process.env.KEYWARD_SCAN_WORKER;
  else process.env.KEYWARD_SCAN_WORKER = worker;
  try {
    return await TestClient.start({ folders, settings: () => ({ scanWorkspaceOnStartup: false, ...settings }) });
  } finally {
    if (saved === undefined) delete process.env.KEYWARD_SCAN_WORKER;
    else process.env.KEYWARD_SCAN_WORKER = saved;
  }
}

function threadsOf(pid: number): number {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

describe('LSP workspace scan worker', function () {
  this.timeout(90000);
  useBuiltServer();
  const dirs: string[] = [];
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    dirs.splice(0).forEach(removeDir);
  });

  it('finds exactly what the in-thread scan finds on a generated multi-language tree', async () => {
    const repo = makeRepo(tree(1200));
    // Encodings and binaries the reader must treat the same way in both threads.
    writeFileSync(path.join(repo, 'latin1.py'), Buffer.from(`# caf\xe9\nAPI_KEY = "${PIO}"\n`, 'latin1'));
    writeFileSync(path.join(repo, 'utf16.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`const apiKey = "${PIO}";\n`, 'utf16le')]));
    writeFileSync(path.join(repo, 'blob.dat'), Buffer.concat([Buffer.from(`apiKey = "${PIO}"\n`), Buffer.alloc(64)]));
    dirs.push(repo);
    const settings = { maxFileSizeKB: 64, exclude: ['pkg12/**'] };
    const results = [];
    for (const worker of [undefined, 'off']) {
      client = await startWith(worker, [repo], settings);
      const summary = await client.executeCommand('keyward.scanWorkspace');
      results.push({ summary, shown: shown(client.published) });
      await client.stop();
      client = undefined;
    }
    const [w, t] = results;
    assert.equal(w.summary.thread, 'worker');
    assert.equal(t.summary.thread, 'server');
    const counts = ({ folders, files, skipped, findings, filesWithFindings, cancelled }: any) => ({ folders, files, skipped, findings, filesWithFindings, cancelled });
    assert.deepEqual(counts(w.summary), counts(t.summary));
    assert.ok(w.summary.filesWithFindings > 40, `only ${w.summary.filesWithFindings} files with findings`);
    assert.deepEqual([...w.shown.keys()].sort(), [...t.shown.keys()].sort());
    for (const [uri, diags] of t.shown) assert.deepEqual(w.shown.get(uri), diags, uri);
    // The reader's decisions reached the worker path: decoded encodings found, binaries and ignored files not.
    for (const f of ['latin1.py', 'utf16.ts', 'min/bundle.min.js']) assert.ok(w.shown.has(uriOf(path.join(repo, f))), f);
    for (const f of ['blob.dat', 'ignored/secret.ts', 'big/huge.ts']) assert.ok(!w.shown.has(uriOf(path.join(repo, f))), f);
    assert.ok(![...w.shown.keys()].some((u) => u.includes('/pkg12/')), 'excluded folder scanned');
  });

  it('stops the worker promptly on $/cancelRequest and publishes nothing afterwards', async () => {
    const repo = makeRepo(tree(4000));
    dirs.push(repo);
    client = await startWith(undefined, [repo], {});
    const c = client;
    const idleThreads = threadsOf(c.child.pid!);
    const source = new CancellationTokenSource();
    const run = c.conn.sendRequest('workspace/executeCommand', { command: 'keyward.scanWorkspace', arguments: [] }, source.token).then(
      (summary) => summary as any,
      (err: Error) => err,
    );
    // Mid-scan: the worker has listed everything and published a few hundred files.
    const scanned = () => Math.max(0, ...c.progress.map((p) => Number(/^(\d+)\//.exec(p.value?.message ?? '')?.[1] ?? 0)));
    await c.waitFor(() => scanned() >= 300, 30000, '300 files scanned');
    const busyThreads = threadsOf(c.child.pid!);
    assert.ok(busyThreads > idleThreads, `threads ${idleThreads} -> ${busyThreads}: no worker thread`);
    const atCancel = scanned();
    source.cancel();
    const outcome = await run;
    // Promptly, counted in files rather than ms: the worker stopped well before the 4000 files.
    assert.ok(scanned() - atCancel < 2000, `${scanned() - atCancel} files scanned after the cancel`);
    if (!(outcome instanceof Error)) {
      assert.equal(outcome.cancelled, true);
      assert.ok(outcome.files >= 300 && outcome.files < 4000, `scanned ${outcome.files}`);
    }
    const publishedAtCancel = c.published.length;
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(c.published.length, publishedAtCancel, 'diagnostics published after the scan was cancelled');
    assert.ok(threadsOf(c.child.pid!) < busyThreads, 'the worker thread is still alive');
    // The server still serves, and a new scan runs to the end.
    const again = await c.executeCommand('keyward.scanWorkspace');
    assert.equal(again.cancelled, false);
    assert.equal(again.thread, 'worker');
    assert.ok(again.files > 3900);
  });

  it('scans in the server thread, and says why, when the worker script is missing', async () => {
    const repo = makeRepo({ 'a.ts': `export const apiKey = "${PIO}";\n`, 'b.ts': 'export {};\n' });
    dirs.push(repo);
    client = await startWith(path.join(repo, 'no-such-worker.js'), [repo], {});
    const summary = await client.executeCommand('keyward.scanWorkspace');
    assert.equal(summary.thread, 'fallback');
    assert.equal(summary.files, 2);
    assert.equal(summary.filesWithFindings, 1);
    assert.equal(client.latest(uriOf(path.join(repo, 'a.ts')))?.diagnostics.length, 1);
    assert.ok(client.logs.some((l) => l.includes('scan worker not found') && l.includes('no-such-worker.js')), client.logs.join('\n'));
  });

  it('finishes the scan in the server thread when the worker dies mid-scan, counting each file once', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`src/f${i}.ts`] = i % 30 === 0 ? `export const apiKey${i} = "${PIO}";\n` : `export const n${i} = ${i};\n`;
    const repo = makeRepo(files);
    dirs.push(repo);
    // A worker that takes the job, lists, sends one batch of a real file without findings, then
    // crashes. It speaks the scan pool's protocol (server/src/workers/protocol.ts).
    const crashing = writeFile(
      repo,
      'tools/crashing-worker.js',
      `const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ input }) => {
  const root = input.folders[0].fsPath;
  parentPort.postMessage({ type: 'out', value: { type: 'listed', folder: 0, files: 301, skipped: 0 } });
  parentPort.postMessage({ type: 'out', value: { type: 'results', folder: 0, results: [{ abs: root + '/src/f1.ts', rel: 'src/f1.ts', findings: [] }] } });
  setTimeout(() => { throw new Error('worker crashed on purpose'); }, 20);
});
`,
    );
    client = await startWith(crashing, [repo], {});
    const summary = await client.executeCommand('keyward.scanWorkspace');
    assert.equal(summary.thread, 'fallback');
    assert.equal(summary.files, 301); // 300 sources + the crashing script itself
    assert.equal(summary.filesWithFindings, 10);
    assert.equal(shown(client.published).size, 10);
    assert.ok(client.logs.some((l) => l.includes('worker crashed on purpose')), client.logs.join('\n'));
  });

  it('builds the worker next to the server bundle', () => {
    assert.ok(readFileSync(path.join(ROOT, 'dist', 'scanWorker.js'), 'utf8').includes('parentPort'));
    assert.match(readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!dist\/scanWorker\.js$/m);
  });
});
