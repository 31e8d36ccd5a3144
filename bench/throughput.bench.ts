// Throughput of the keyword engine on real code (this project's node_modules), side by side with
// secretlint (recommended preset, through its Node API and its CLI) and ripgrep (-j1, searching
// for the engine's prefilter keywords: the near-physical floor of a keyword-gated scanner).
// Also: scaling from 10 MB to the whole corpus, CLI end to end with peak RSS at 1x and 2x the
// corpus, a 10 MB single-line minified file, crafted pathological inputs, and every finding
// written to bench/.results/findings.txt for a person to review for false alarms.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scan } from '../server/src/engine';
import type { Finding } from '../server/src/engine/types';
import { loadCorpus, mirror, prefix, totalBytes, type CorpusFile } from './corpus';
import { defineBench, fmt, MB, table, type BenchContext, type BenchFigures, type Row } from './lib';
import { prefilterKeywords } from './keywords';

type LintSource = (o: unknown) => Promise<{ messages: unknown[] }>;

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

async function secretlintRun(files: CorpusFile[], lintSource: LintSource, preset: unknown): Promise<EngineRun> {
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset }] };
  let findings = 0;
  const t0 = performance.now();
  for (const f of files) {
    const r = await lintSource({
      source: { filePath: f.abs, content: f.text, ext: path.extname(f.rel), contentType: 'text' },
      options: { config, maskSecrets: true },
    });
    findings += r.messages.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const mb = totalBytes(files) / MB;
  return { mb, seconds, mbps: mb / seconds, findings };
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

/** Inputs built to hurt a regex engine or a context scanner. */
function pathological(): { name: string; text: string }[] {
  const n = 2_000_000;
  return [
    { name: 'one 2 MB base64-ish run', text: 'A'.repeat(n) },
    { name: 'keyword storm "api_key=" x250k', text: 'api_key='.repeat(250_000) },
    { name: 'prefix storm "ghp_" x500k', text: 'ghp_'.repeat(500_000) },
    { name: 'unterminated string after token:', text: `token: "${'a1B2'.repeat(n / 4)}` },
    { name: 'PEM BEGIN x20k, no END', text: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n'.repeat(20_000) },
    { name: 'URL with 100k ?api_key= params', text: `https://api.example.com/v1/x?${'api_key=abc&'.repeat(100_000)}` },
    { name: '200k lines "secret = x"', text: 'secret = x\n'.repeat(200_000) },
    { name: 'nested quotes and escapes near "password"', text: `password = "${'\\"'.repeat(n / 2)}"` },
    { name: 'long line of "=" pairs', text: 'a=b;'.repeat(n / 4) },
  ];
}

function timeScan(text: string, rel: string): { ms: number; findings: number } {
  const t0 = performance.now();
  const f = scan(text, rel, { relativePath: rel });
  return { ms: performance.now() - t0, findings: f.length };
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
    const whole = engine[engine.length - 1];
    writeFileSync(path.join(ctx.resultsDir, 'findings.txt'), `# ${review.length} findings on ${fmt(whole.mb)} MB of node_modules: file:line:col, rule, format/context, provider, masked preview\n${review.join('\n')}\n`);

    // secretlint through its Node API on the same in-memory texts (10 MB, and 50 MB when that fits the time budget).
    const { lintSource } = (await import('@secretlint/core')) as unknown as { lintSource: LintSource };
    const { creator: preset } = (await import('@secretlint/secretlint-rule-preset-recommend')) as unknown as { creator: unknown };
    await secretlintRun(corpus.slice(-100), lintSource, preset);
    const secretlint: EngineRun[] = [];
    for (const size of sizes) {
      const projected = secretlint.length ? (size / MB) / secretlint[0].mbps : 0;
      if (projected > (ctx.quick ? 10 : 60)) break;
      secretlint.push(await secretlintRun(prefix(corpus, size), lintSource, preset));
    }

    // Hard-linked mirrors so that ripgrep and both CLIs read exactly the corpus files.
    mkdirSync(work, { recursive: true });
    const mirrors = sizes.map((size, i) => mirror(prefix(corpus, size), path.join(work, `s${i}`)));
    const rg = mirrors.map((dir) => rgRun(dir, keywords));

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
    ctx.log(table('Engine throughput, one core, files already in memory (peer: secretlint lintSource() with preset-recommend; rg on disk)', rows, { peer: 'peer' }));

    // End to end: the built CLI over the mirrors, and the whole corpus twice (memory must stay flat).
    const cli10 = cliRun(ctx, mirrors[0]);
    const cliAll = cliRun(ctx, mirrors[mirrors.length - 1]);
    const doubled = mirror(corpus, path.join(work, 'x2'), 2);
    const cliX2 = cliRun(ctx, doubled);
    // secretlint's CLI on the 10 MB mirror (its globbing, config loading and file reads included).
    const cfg = path.join(work, 'secretlintrc.json');
    writeFileSync(cfg, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const slCli = timed(process.execPath, [path.join(ctx.root, 'node_modules', 'secretlint', 'bin', 'secretlint.js'), `${path.relative(ctx.root, mirrors[0])}/**/*`, '--secretlintrc', cfg, '--format', 'json', '--maskSecrets'], ctx.root);
    const cliRows: Row[] = [
      { figure: 'CLI end to end MB/s, 10 MB', ours: cli10.bytes / MB / cli10.seconds, peer: slCli.code === null ? 'failed' : (cli10.bytes / MB) / slCli.seconds, ratio: slCli.seconds / cli10.seconds, note: `keyward vs secretlint CLI, same files (${cli10.files})` },
      { figure: `CLI end to end MB/s, all`, ours: cliAll.bytes / MB / cliAll.seconds, note: `${cliAll.files} files, ${fmt(cliAll.seconds)} s` },
      { figure: `CLI end to end MB/s, 2x all`, ours: cliX2.bytes / MB / cliX2.seconds, note: `${cliX2.files} files, ${fmt(cliX2.seconds)} s` },
      { figure: 'CLI peak RSS MB, 10 MB', ours: cli10.rssMB ?? NaN },
      { figure: `CLI peak RSS MB, all (${fmt(cliAll.bytes / MB)} MB)`, ours: cliAll.rssMB ?? NaN },
      { figure: `CLI peak RSS MB, 2x all (${fmt(cliX2.bytes / MB)} MB)`, ours: cliX2.rssMB ?? NaN, ratio: (cliX2.rssMB ?? NaN) / (cliAll.rssMB ?? NaN), note: 'flat memory: ratio ~1x' },
      { figure: 'findings per MB (engine, all)', ours: whole.findings / whole.mb, peer: secretlint.length ? secretlint[0].findings / secretlint[0].mb : 'n/a', note: `keyward ${whole.findings} on all; secretlint on 10 MB` },
    ];
    ctx.log(table('CLI end to end (node dist/cli.js scan --no-gitignore --format json; peer: secretlint CLI)', cliRows, { peer: 'secretlint' }));

    // A 10 MB single-line minified file, in the engine and through the CLI.
    const minText = minifiedLine(corpus, ctx.quick ? 2 * MB : 10 * MB);
    const minEngine = timeScan(minText, 'dist/bundle.min.js');
    const minDir = path.join(work, 'minified');
    mkdirSync(minDir, { recursive: true });
    writeFileSync(path.join(minDir, 'bundle.min.js'), minText);
    const minCli = cliRun(ctx, minDir, ['--max-file-size', String(Math.ceil(minText.length / 1024) + 1)]);
    const patho = pathological().map((p) => ({ name: p.name, mb: p.text.length / MB, ...timeScan(p.text, 'crafted.txt') }));
    const pRows: Row[] = [
      { figure: `minified single line ${fmt(minText.length / MB)} MB, engine`, ours: `${fmt(minEngine.ms)} ms`, note: `${fmt(minText.length / MB / (minEngine.ms / 1000))} MB/s, ${minEngine.findings} findings` },
      { figure: `minified single line, CLI end to end`, ours: `${fmt(minCli.seconds * 1000)} ms`, note: `peak RSS ${fmt(minCli.rssMB ?? NaN)} MB` },
      ...patho.map((p) => ({ figure: `${p.name} (${fmt(p.mb)} MB)`, ours: `${fmt(p.ms)} ms`, note: `${p.findings} findings` })),
    ];
    ctx.log(table('Long lines and crafted inputs (engine unless noted)', pRows));
    ctx.log(`\nfindings for review: ${path.relative(process.cwd(), path.join(ctx.resultsDir, 'findings.txt'))} (${review.length})`);

    rmSync(work, { recursive: true, force: true });
    return {
      ...figures,
      engine: engine.map((e, i) => ({ mb: e.mb, mbps: e.mbps, findings: e.findings, secretlintMbps: secretlint[i]?.mbps ?? null, rgMbps: e.mb / rg[i].seconds })),
      cli: {
        mbps10: cli10.bytes / MB / cli10.seconds,
        mbpsAll: cliAll.bytes / MB / cliAll.seconds,
        mbpsX2: cliX2.bytes / MB / cliX2.seconds,
        rssMB10: cli10.rssMB ?? null,
        rssMBAll: cliAll.rssMB ?? null,
        rssMBX2: cliX2.rssMB ?? null,
        secretlintCliSeconds10: slCli.seconds,
        secretlintCliExit: slCli.code,
      },
      findingsPerMB: whole.findings / whole.mb,
      minified: { mb: minText.length / MB, engineMs: minEngine.ms, cliMs: minCli.seconds * 1000 },
      pathological: patho.map((p) => ({ name: p.name, mb: p.mb, ms: p.ms, findings: p.findings })),
    };
  },
});
