// `npm run bench [-- names...] [-- --quick]`: runs every bench/*.bench.ts (or those whose file
// name starts with one of `names`), each in its own Node process so one bench's heap and JIT
// state cannot colour another's figures. Two kinds of bench file work unchanged:
//   - a module whose default export is defineBench({...}) (see lib.ts): its returned figures
//     are stored;
//   - a plain script: it is run as is, its output shown, and the last line of its stdout that is
//     a JSON object is stored as its figures.
// Results: bench/.results/<name>.json per bench and bench/.results/latest.json for the run.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Bench, BenchContext } from './lib';

const benchDir = __dirname;
const root = path.resolve(benchDir, '..');
const resultsDir = path.join(benchDir, '.results');
const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGB: Math.round(os.totalmem() / 2 ** 30) };

function childProcess(args: string[], quick: boolean): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...(quick ? { KEYWARD_BENCH_QUICK: '1' } : {}) },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      process.stdout.write(d);
      if (stdout.length < 1 << 22) stdout += d;
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

function lastJsonLine(text: string): Record<string, unknown> | undefined {
  const lines = text.trim().split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line);
    } catch {
      // not the figures line
    }
  }
  return undefined;
}

/** In the child: import one defineBench module, run it, store its figures. */
async function runModule(file: string, quick: boolean): Promise<number> {
  const mod = (await import(path.join(benchDir, file))) as { default?: Bench | { default?: Bench } };
  // tsx hands a CommonJS default export back either plain or wrapped once more.
  const bench = ((mod.default as { default?: Bench })?.default ?? mod.default) as Bench | undefined;
  if (!bench?.run) {
    console.error(`${file}: no default export from defineBench()`);
    return 1;
  }
  const ctx: BenchContext = { root, resultsDir, quick, log: (line = '') => console.log(line) };
  const figures = await bench.run(ctx);
  writeFileSync(path.join(resultsDir, `${path.basename(file, '.bench.ts')}.json`), JSON.stringify({ machine, date: new Date().toISOString(), quick, ...figures }, null, 2));
  return 0;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick') || process.env.KEYWARD_BENCH_QUICK === '1';
  mkdirSync(resultsDir, { recursive: true });
  const childAt = args.indexOf('--child');
  // A bench's libraries may leave handles open (secretlint does): the child ends when its figures are stored.
  if (childAt >= 0) process.exit(await runModule(args[childAt + 1], quick));

  const wanted = args.filter((a) => !a.startsWith('--'));
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
    .sort();
  if (files.length === 0) {
    console.error(`no bench matches ${wanted.join(', ') || '(none found in bench/)'}`);
    return 2;
  }
  console.log(`keyward bench on ${machine.cpu} (${machine.cpus} cores, ${machine.memGB} GB), Node ${machine.node}${quick ? ', quick' : ''}`);

  const results: Record<string, unknown> = {};
  const failed: string[] = [];
  for (const file of files) {
    const name = path.basename(file, '.bench.ts');
    const isModule = /\bdefineBench\s*\(/.test(readFileSync(path.join(benchDir, file), 'utf8'));
    console.log(`\n=== ${name}`);
    const t0 = performance.now();
    const r = await childProcess(isModule ? [path.join('bench', 'run.ts'), '--child', file, ...(quick ? ['--quick'] : [])] : [path.join('bench', file)], quick);
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`(${name}: ${seconds} s${r.code ? `, exit ${r.code}` : ''})`);
    if (r.code !== 0) failed.push(name);
    let figures: unknown;
    if (isModule) {
      try {
        figures = JSON.parse(readFileSync(path.join(resultsDir, `${name}.json`), 'utf8'));
      } catch {
        figures = undefined;
      }
    } else {
      figures = lastJsonLine(r.stdout);
      if (figures) writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify({ machine, date: new Date().toISOString(), ...(figures as object) }, null, 2));
    }
    results[name] = { exit: r.code, seconds, figures: figures ?? null };
  }
  writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify({ machine, date: new Date().toISOString(), quick, results }, null, 2));
  console.log(`\nresults: ${path.relative(process.cwd(), resultsDir)}/latest.json${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
