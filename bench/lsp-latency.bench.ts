// Keystroke -> publishDiagnostics for one-line edits in a 10,000-line file, over stdio with a real
// JSON-RPC client. keyward.debounceMs is 0 here, so the figures exclude the debounce a user has.
// Two servers run side by side: incremental re-scan (the default) and full re-scan (the peer).
// Run: node --import tsx bench/lsp-latency.bench.ts [edits]   (or npm run bench -- lsp-latency)
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { makeRepo, removeDir, TestClient, uriOf, writeFile } from '../test/lsp/harness';

const EDITS = Math.max(200, Number(process.argv[2]) || 300);
const LINES = 10000;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function bigFile(): string {
  const key = (n: number) => 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB' + (n % 10) + '_3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
  const out: string[] = [];
  for (let i = 0; i < LINES; i++) {
    if (i % 1000 === 500) out.push(`const PIONEER_API_KEY_${i} = "${key(i)}";`);
    else if (i % 7 === 0) out.push(`export function handler${i}(req, res) { return res.json({ ok: true, id: ${i} }); }`);
    else if (i % 5 === 0) out.push(`  const url = \`https://example.com/items/\${id}?page=${i}&limit=50\`;`);
    else out.push(`  const value${i} = compute(${i}, "label-${i}", options.retry ?? 3);`);
  }
  return out.join('\n');
}

interface Result {
  roundTrip: number[];
  server: number[];
  sinceChange: number[];
  /** Transport legs: client send -> server receipt, server publish -> client receipt. */
  toServer: number[];
  toClient: number[];
  modes: Record<string, number>;
}

async function measure(incremental: boolean, text: string): Promise<Result> {
  const repo = makeRepo({}, { git: false });
  const file = writeFile(repo, 'src/big.ts', text);
  const client = await TestClient.start({
    folders: [repo],
    settings: () => ({ debounceMs: 0, scanWorkspaceOnStartup: false }),
    initializationOptions: { timing: true, incremental },
  });
  const uri = uriOf(file);
  try {
    client.open(uri, text, 'typescript');
    await client.waitDiagnostics(uri, (d, p) => p.version === 1 && d.length > 0, 30000);
    const res: Result = { roundTrip: [], server: [], sinceChange: [], toServer: [], toClient: [], modes: {} };
    for (let i = 0; i < EDITS; i++) {
      const line = 100 + ((i * 37) % (LINES - 200));
      const doc = client.document(uri)!;
      const lineStart = doc.offsetAt({ line, character: 0 });
      // Type one character at the start of a line (a realistic keystroke).
      const sent = performance.now();
      const version = client.edit(uri, lineStart, lineStart, i % 2 ? ' ' : 'x');
      await client.waitFor(() => client.published.some((p) => p.uri === uri && p.version === version), 10000, `publish v${version}`);
      const got = performance.now();
      res.roundTrip.push(got - sent);
      const t = await client.waitFor(() => client.timings.find((x) => x.uri === uri && x.version === version && x.mode), 10000, 'timing');
      res.server.push(t.ms);
      res.sinceChange.push(t.sinceChangeMs);
      if (t.changeAt) {
        res.toServer.push(t.changeAt - (performance.timeOrigin + sent));
        res.toClient.push(performance.timeOrigin + got - t.publishAt);
      }
      res.modes[t.mode] = (res.modes[t.mode] ?? 0) + 1;
    }
    return res;
  } finally {
    await client.stop();
    removeDir(repo);
  }
}

function figures(r: Result) {
  return {
    roundTripP50: percentile(r.roundTrip, 50),
    roundTripP95: percentile(r.roundTrip, 95),
    serverScanP50: percentile(r.server, 50),
    serverScanP95: percentile(r.server, 95),
    serverChangeToPublishP50: percentile(r.sinceChange, 50),
    serverChangeToPublishP95: percentile(r.sinceChange, 95),
  };
}

async function main(): Promise<void> {
  const text = bigFile();
  const inc = await measure(true, text);
  const full = await measure(false, text);
  const row = (name: string, r: Result) =>
    `${name.padEnd(12)} round trip p50 ${percentile(r.roundTrip, 50).toFixed(2)} ms  p95 ${percentile(r.roundTrip, 95).toFixed(2)} ms | server scan p50 ${percentile(r.server, 50).toFixed(2)} ms  p95 ${percentile(r.server, 95).toFixed(2)} ms | server change->publish p50 ${percentile(r.sinceChange, 50).toFixed(2)} ms  p95 ${percentile(r.sinceChange, 95).toFixed(2)} ms | legs to server p50 ${percentile(r.toServer, 50).toFixed(2)} ms, to client p50 ${percentile(r.toClient, 50).toFixed(2)} ms | modes ${JSON.stringify(r.modes)}`;
  console.log(`lsp-latency: ${EDITS} one-character edits in a ${LINES}-line TypeScript file, debounce 0 ms, stdio`);
  console.log(row('incremental', inc));
  console.log(row('full', full));
  const ratio = percentile(full.server, 95) / Math.max(0.001, percentile(inc.server, 95));
  console.log(`server p95 ratio full/incremental: ${ratio.toFixed(1)}x; target incremental server p95 < 10 ms: ${percentile(inc.server, 95) < 10 ? 'met' : 'NOT met'}`);
  const summary = {
    bench: 'lsp-latency',
    edits: EDITS,
    lines: LINES,
    debounceMs: 0,
    incremental: figures(inc),
    full: figures(full),
  };
  console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(JSON.stringify(summary));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
