// Throughput of the keyword engine on real code (this project's node_modules), side by side with
// secretlint (recommended preset, through its Node API and its CLI) and ripgrep (-j1, searching
// for the engine's prefilter keywords: the near-physical floor of a keyword-gated scanner).
// Also: scaling from 10 MB to the whole corpus, CLI end to end with peak RSS at 1x and 2x the
// corpus, a 10 MB single-line minified file, crafted pathological inputs, and every finding
// written to bench/.results/findings.txt for a person to review for false alarms.
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scan } from '../server/src/engine';
import type { Finding } from '../server/src/engine/types';
import { loadCorpus, mirror, prefix, totalBytes, type CorpusFile } from './corpus';
import { walkFiles } from '../server/src/workspace';
import { defineBench, fmt, MB, table, type BenchContext, type BenchFigures, type Row } from './lib';
import { prefilterKeywords } from './keywords';

interface EngineRun {
  mb: number;
  seconds: number;
  mbps: number;
  findings: number;
}

function engineRun(files: CorpusFile[], keep?: (f: CorpusFile, found: Finding[]) => void): EngineRun {
  let findings = 0;
  const t0 = performance.now();
  for (const f of files) {
    const found = scan(f.text, f.rel, { relativePath: f.rel });
    findings += found.length;
    if (keep && found.length) keep(f, found);
  }
  const seconds = (performance.now() - t0) / 1000;
  const mb = totalBytes(files) / MB;
  return { mb, seconds, mbps: mb / seconds, findings };
}

/** secretlint's Node API on `files`, in a child process (see secretlint-api.ts). */
function secretlintRun(ctx: BenchContext, files: CorpusFile[]): EngineRun {
  const list = path.join(ctx.resultsDir, 'secretlint-files.json');
  writeFileSync(list, JSON.stringify(files.map((f) => f.abs)));
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'secretlint-api.ts'), list], { cwd: ctx.root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let out: { bytes: number; seconds: number; findings: number };
  try {
    out = JSON.parse(line);
  } catch {
    throw new Error(`secretlint run failed (${r.status}): ${r.stderr}`);
  }
  const mb = out.bytes / MB;
  return { mb, seconds: out.seconds, mbps: mb / out.seconds, findings: out.findings };
}

interface ProcessRun {
  seconds: number;
  code: number | null;
  rssMB?: number;
  stdout: string;
  stderr: string;
}

/** Runs a command, timing it; node commands get the RSS hook so their peak memory is known. */
function timed(cmd: string, args: string[], cwd: string, rssFile?: string): ProcessRun {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', ...(rssFile ? { KEYWARD_BENCH_RSS_FILE: rssFile } : {}) };
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t0) / 1000;
  let rssMB: number | undefined;
  if (rssFile) {
    try {
      rssMB = Number(readFileSync(rssFile, 'utf8')) / MB;
    } catch {
      rssMB = undefined;
    }
  }
  return { seconds, code: r.status, rssMB, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Best (fastest) of two CLI runs: other processes on a shared machine only ever add time. Peak RSS is the larger. */
function cliBest(ctx: BenchContext, dir: string, extra: string[] = []): ReturnType<typeof cliRun> {
  const a = cliRun(ctx, dir, extra);
  const b = cliRun(ctx, dir, extra);
  const best = a.seconds <= b.seconds ? a : b;
  return { ...best, rssMB: Math.max(a.rssMB ?? 0, b.rssMB ?? 0) || undefined };
}

/** A whole-tree CLI scan of `dir` with the RSS hook; --no-gitignore so every mirrored file counts. */
function cliRun(ctx: BenchContext, dir: string, extra: string[] = []): ProcessRun & { files: number; bytes: number; findings: number } {
  const cli = path.join(ctx.root, 'dist', 'cli.js');
  const out = path.join(ctx.resultsDir, 'cli-report.json');
  const rssFile = path.join(ctx.resultsDir, 'cli-rss.txt');
  const r = timed(process.execPath, ['-r', path.join(__dirname, 'rss-hook.cjs'), cli, 'scan', dir, '--no-gitignore', '--format', 'json', '--output', out, ...extra], ctx.root, rssFile);
  if (r.code !== 0 && r.code !== 1) throw new Error(`keyward scan failed (${r.code}): ${r.stderr}`);
  const doc = JSON.parse(readFileSync(out, 'utf8'));
  return { ...r, files: doc.summary.files, bytes: doc.summary.bytes, findings: doc.summary.findings };
}

let gcFn: (() => void) | undefined;
function gc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

/** Heap growth (after GC) over a walk of `dir`: the largest seen midway and at the end. */
async function walkHeap(dir: string): Promise<{ files: number; endKB: number; peakKB: number }> {
  gc();
  const before = process.memoryUsage().heapUsed;
  let files = 0;
  let peak = 0;
  for await (const _ of walkFiles(dir, { respectGitignore: false, maxFileSizeBytes: MAX_FILE })) {
    if (++files % 500 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  gc();
  const end = process.memoryUsage().heapUsed - before;
  return { files, endKB: end / 1024, peakKB: Math.max(peak, end) / 1024 };
}
const MAX_FILE = 1024 * 1024;

function rgRun(dir: string, keywords: string[]): ProcessRun {
  const args = ['-j1', '--no-config', '-uuu', '-i', '-F', '-c', ...keywords.flatMap((k) => ['-e', k]), '.'];
  const r = timed('rg', args, dir);
  if (r.code !== 0 && r.code !== 1) throw new Error(`rg failed (${r.code}): ${r.stderr}`);
  return r;
}

/** Minified code with no line break: real bundles from the corpus joined onto one line. */
function minifiedLine(corpus: CorpusFile[], bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (const f of corpus) {
    if (!/\.(min\.js|js)$/.test(f.rel) || f.bytes < 20_000) continue;
    const flat = f.text.replace(/\s*\n\s*/g, ';');
    parts.push(flat);
    n += flat.length;
    if (n >= bytes) break;
  }
  return parts.join(';').slice(0, bytes);
}

/** Inputs built to hurt a regex engine or a context scanner, `n` characters long (about). */
function pathological(n: number): { name: string; text: string }[] {
  const rep = (unit: string) => unit.repeat(Math.max(1, Math.round(n / unit.length)));
  return [
    { name: 'one base64-ish run "AAAA…"', text: 'A'.repeat(n) },
    { name: 'keyword storm "api_key=" repeated', text: rep('api_key=') },
    { name: 'prefix storm "ghp_" repeated', text: rep('ghp_') },
    { name: 'unterminated string after token:', text: `token: "${rep('a1B2')}` },
    { name: 'PEM BEGIN lines, no END', text: rep('-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n') },
    // keyward-ignore-next-line: crafted input for the engine, not a credential
    { name: 'URL with many ?api_key= params', text: `https://api.example.com/v1/x?${rep('api_key=abc&')}` },
    { name: 'lines "secret = x"', text: rep('secret = x\n') },
    { name: 'escaped quotes after "password"', text: `password = "${rep('\\"')}"` },
    { name: 'one line of "a=b;" pairs', text: rep('a=b;') },
  ];
}

/** Mean time of scan(text): repeated until 100 ms have passed, so small inputs time reliably. */
function timeScan(text: string, rel: string): { ms: number; findings: number } {
  let runs = 0;
  let findings = 0;
  const t0 = performance.now();
  do {
    findings = scan(text, rel, { relativePath: rel }).length;
    runs++;
  } while (performance.now() - t0 < 100);
  return { ms: (performance.now() - t0) / runs, findings };
}

function reviewLine(f: CorpusFile, x: Finding): string {
  const where = `${f.rel}:${x.range.start.line + 1}:${x.range.start.character + 1}`;
  const kind = x.formatId ?? x.context?.kind ?? '';
  const preview = x.preview ?? (x.param ? `param ${x.param}` : '');
  return `${where}\t${x.ruleId}\t${kind}${x.context?.name ? ` name=${x.context.name}` : ''}\t${x.provider ?? ''}\t${preview}`;
}

export default defineBench({
  name: 'throughput',
  description: 'engine and CLI MB/s on node_modules vs secretlint and ripgrep; scaling, memory, pathological inputs',
  async run(ctx): Promise<BenchFigures> {
    const figures: BenchFigures = {};
    const nm = path.join(ctx.root, 'node_modules');
    const work = path.join(ctx.resultsDir, 'corpus');

    let t0 = performance.now();
    let last = t0;
    const phase = (what: string) => {
      const now = performance.now();
      ctx.log(`  [${fmt((now - last) / 1000)} s] ${what}`);
      last = now;
    };
    const corpus = await loadCorpus(nm, ctx.quick ? 12 * MB : Number.POSITIVE_INFINITY);
    const all = totalBytes(corpus);
    ctx.log(`corpus: ${corpus.length} text files, ${fmt(all / MB)} MB from node_modules (files <= 1 MB), read in ${fmt((performance.now() - t0) / 1000)} s`);
    figures.corpus = { files: corpus.length, mb: all / MB };

    const sizes = [10 * MB, 50 * MB, all].filter((s, i, a) => s <= all && a.indexOf(s) === i);
    const keywords = prefilterKeywords();

    // Warm the JIT on a different slice than the first measured one, then measure each size.
    engineRun(corpus.slice(-400));
    const review: string[] = [];
    const engine: EngineRun[] = [];
    for (const size of sizes) {
      const files = prefix(corpus, size);
      engine.push(engineRun(files, size === all ? (f, found) => found.forEach((x) => review.push(reviewLine(f, x))) : undefined));
    }
    phase('engine runs');
    const whole = engine[engine.length - 1];
    writeFileSync(path.join(ctx.resultsDir, 'findings.txt'), `# ${review.length} findings on ${fmt(whole.mb)} MB of node_modules: file:line:col, rule, format/context, provider, masked preview\n${review.join('\n')}\n`);

    // secretlint through its Node API on the same files (10 MB, 50 MB, all while it fits the time budget).
    const secretlint: EngineRun[] = [];
    for (const size of sizes) {
      const projected = secretlint.length ? size / MB / secretlint[0].mbps : 0;
      if (projected > (ctx.quick ? 10 : 60)) break;
      secretlint.push(secretlintRun(ctx, prefix(corpus, size)));
    }

    // Hard-linked mirrors so that ripgrep and both CLIs read exactly the corpus files.
    mkdirSync(work, { recursive: true });
    const mirrors = sizes.map((size, i) => mirror(prefix(corpus, size), path.join(work, `s${i}`)));
    phase('mirrors');
    const rg = mirrors.map((dir) => rgRun(dir, keywords));
    phase('ripgrep runs');
    // The walk alone, on the whole corpus and on two copies of it: its heap must not grow with the tree.
    await walkHeap(mirrors[0]); // warm-up: code and caches loaded once
    const walkOne = await walkHeap(mirrors[mirrors.length - 1]);
    const walkTwo = await walkHeap(mirror(corpus, path.join(work, 'x2'), 2));
    rmSync(path.join(work, 'x2'), { recursive: true, force: true });
    phase('walk heap runs');

    const rows: Row[] = [];
    sizes.forEach((size, i) => {
      const e = engine[i];
      const s = secretlint[i];
      const label = size === all ? `all (${fmt(e.mb)} MB)` : `${fmt(size / MB)} MB`;
      rows.push({ figure: `engine MB/s, ${label}`, ours: e.mbps, peer: s ? s.mbps : 'not run (time budget)', ratio: s ? e.mbps / s.mbps : undefined, note: 'keyward/secretlint, target >= 10x' });
    });
    sizes.forEach((size, i) => {
      const rgMbps = engine[i].mb / rg[i].seconds;
      const label = size === all ? 'all' : `${fmt(size / MB)} MB`;
      rows.push({ figure: `rg -j1 keywords MB/s, ${label}`, ours: engine[i].mbps, peer: rgMbps, ratio: rgMbps / engine[i].mbps, note: 'rg/keyword-engine, target <= 3x' });
    });
    ctx.log(table('Engine throughput, one core, files already in memory (peer: secretlint lintSource() + preset-recommend, own process; rg on disk)', rows, { peer: 'peer' }));

    // End to end: the built CLI over each mirror (memory must stay flat as the corpus grows).
    const cli = mirrors.map((dir) => cliBest(ctx, dir));
    // One thread, whole corpus: the single-core end-to-end figure and the memory of one heap.
    const cliOne = cliBest(ctx, mirrors[mirrors.length - 1], ['-j', '1']);
    phase('keyward CLI runs');
    // secretlint's CLI (globbing, config loading, reads included) runs at a few MB a minute, so
    // both CLIs are compared on a 2 MB slice of the same files.
    const slice = mirror(prefix(corpus, 2 * MB), path.join(work, 'slice'));
    const cliSlice = cliBest(ctx, slice);
    const cfg = path.join(work, 'secretlintrc.json');
    writeFileSync(cfg, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const slCli = timed(process.execPath, [path.join(ctx.root, 'node_modules', 'secretlint', 'bin', 'secretlint.js'), `${path.relative(ctx.root, slice)}/**/*`, '--secretlintrc', cfg, '--format', 'json', '--maskSecrets'], ctx.root);
    const sliceMB = cliSlice.bytes / MB;
    phase('secretlint CLI run');
    const cliRows: Row[] = [
      { figure: `CLI end to end MB/s, ${fmt(sliceMB)} MB slice`, ours: sliceMB / cliSlice.seconds, peer: slCli.code === null || slCli.code > 1 ? `failed (${slCli.code})` : sliceMB / slCli.seconds, ratio: slCli.seconds / cliSlice.seconds, note: `keyward vs secretlint CLI, same ${cliSlice.files} files` },
      ...cli.map((c) => ({ figure: `CLI end to end MB/s, ${fmt(c.bytes / MB)} MB`, ours: c.bytes / MB / c.seconds, note: `${c.files} files, ${fmt(c.seconds)} s, ${c.findings} findings` })),
      { figure: `CLI end to end MB/s, ${fmt(cliOne.bytes / MB)} MB, -j 1`, ours: cliOne.bytes / MB / cliOne.seconds, note: `one thread; peak RSS ${fmt(cliOne.rssMB ?? NaN)} MB` },
      ...cli.map((c, i) => ({ figure: `CLI peak RSS MB, ${fmt(c.bytes / MB)} MB`, ours: c.rssMB ?? NaN, ratio: i ? (c.rssMB ?? NaN) / (cli[0].rssMB ?? NaN) : undefined, note: i ? `vs the ${fmt(cli[0].bytes / MB)} MB run (flat: ~1x)` : '' })),
      { figure: `walk heap growth KB, ${walkOne.files} files`, ours: walkOne.peakKB, note: `max over the walk, after GC (end: ${fmt(walkOne.endKB)} KB)` },
      { figure: `walk heap growth KB, ${walkTwo.files} files`, ours: walkTwo.peakKB, ratio: walkTwo.peakKB / Math.max(walkOne.peakKB, 1), note: `same, twice the tree (flat: ~1x; end: ${fmt(walkTwo.endKB)} KB)` },
      { figure: 'findings per MB (engine, all)', ours: whole.findings / whole.mb, peer: secretlint.length ? secretlint[0].findings / secretlint[0].mb : 'n/a', note: `keyward ${whole.findings} on all; secretlint on 10 MB` },
    ];
    ctx.log(table('CLI end to end (node dist/cli.js scan --no-gitignore --format json, default -j = cores, best of 2 runs; peer: secretlint CLI)', cliRows, { peer: 'secretlint' }));

    // A 10 MB single-line minified file, in the engine and through the CLI.
    const minText = minifiedLine(corpus, ctx.quick ? 2 * MB : 10 * MB);
    const minEngine = timeScan(minText, 'dist/bundle.min.js');
    const minDir = path.join(work, 'minified');
    mkdirSync(minDir, { recursive: true });
    writeFileSync(path.join(minDir, 'bundle.min.js'), minText);
    const minCli = cliRun(ctx, minDir, ['--max-file-size', String(Math.ceil(Buffer.byteLength(minText) / 1024) + 1)]);
    if (minCli.files !== 1) throw new Error('the CLI skipped the minified file');
    phase('minified file');
    // Each crafted input at two sizes: time growing ~2x is linear, ~4x is quadratic.
    const small = ctx.quick ? 32_000 : 128_000;
    const patho = pathological(small).map((p, i) => {
      const big = pathological(small * 2)[i];
      const a = timeScan(p.text, 'crafted.txt');
      const b = timeScan(big.text, 'crafted.txt');
      return { name: p.name, mb: big.text.length / MB, ms: b.ms, growth: b.ms / Math.max(a.ms, 0.01), findings: b.findings };
    });
    phase('crafted inputs');
    const pRows: Row[] = [
      { figure: `minified single line ${fmt(minText.length / MB)} MB, engine`, ours: `${fmt(minEngine.ms)} ms`, note: `${fmt(minText.length / MB / (minEngine.ms / 1000))} MB/s, ${minEngine.findings} findings` },
      { figure: `minified single line, CLI end to end`, ours: `${fmt(minCli.seconds * 1000)} ms`, note: `peak RSS ${fmt(minCli.rssMB ?? NaN)} MB` },
      ...patho.map((p) => ({ figure: `${p.name} (${fmt(p.mb)} MB)`, ours: `${fmt(p.ms)} ms`, ratio: p.growth, note: `time growth at 2x size (2x = linear); ${p.findings} findings` })),
    ];
    ctx.log(table('Long lines and crafted inputs (engine unless noted)', pRows));
    ctx.log(`\nfindings for review: ${path.relative(process.cwd(), path.join(ctx.resultsDir, 'findings.txt'))} (${review.length})`);

    rmSync(work, { recursive: true, force: true });
    return {
      ...figures,
      engine: engine.map((e, i) => ({ mb: e.mb, mbps: e.mbps, findings: e.findings, secretlintMbps: secretlint[i]?.mbps ?? null, rgMbps: e.mb / rg[i].seconds })),
      cli: cli.map((c) => ({ mb: c.bytes / MB, files: c.files, mbps: c.bytes / MB / c.seconds, rssMB: c.rssMB ?? null, findings: c.findings })),
      walkHeapKB: { files: walkOne.files, peak: walkOne.peakKB, filesX2: walkTwo.files, peakX2: walkTwo.peakKB },
      cliOneThread: { mb: cliOne.bytes / MB, mbps: cliOne.bytes / MB / cliOne.seconds, rssMB: cliOne.rssMB ?? null },
      cliSlice: { mb: sliceMB, keywardSeconds: cliSlice.seconds, secretlintSeconds: slCli.seconds, secretlintExit: slCli.code },
      findingsPerMB: whole.findings / whole.mb,
      minified: { mb: minText.length / MB, engineMs: minEngine.ms, cliMs: minCli.seconds * 1000 },
      pathological: patho.map((p) => ({ name: p.name, mb: p.mb, ms: p.ms, growthAt2x: p.growth, findings: p.findings })),
    };
  },
});
