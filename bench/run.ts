// `npm run bench [-- names...] [-- --quick]`: runs every bench/*.bench.ts (or the named ones)
// one after another, prints their tables, and writes bench/.results/<name>.json plus
// bench/.results/latest.json with everything from this run.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Bench, BenchContext, BenchFigures } from './lib';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const benchDir = __dirname;
  const root = path.resolve(benchDir, '..');
  const resultsDir = path.join(benchDir, '.results');
  mkdirSync(resultsDir, { recursive: true });

  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
    .sort();
  if (files.length === 0) {
    console.error(`no bench matches ${wanted.join(', ') || '(none found in bench/)'}`);
    return 2;
  }
  const ctx: BenchContext = { root, resultsDir, quick, log: (line = '') => console.log(line) };
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGB: Math.round(os.totalmem() / 2 ** 30) };
  console.log(`keyward bench on ${machine.cpu} (${machine.cpus} cores, ${machine.memGB} GB), Node ${machine.node}${quick ? ', quick' : ''}`);

  const all: Record<string, BenchFigures | { error: string }> = {};
  let failed = 0;
  for (const file of files) {
    const mod = (await import(path.join(benchDir, file))) as { default?: Bench | { default?: Bench } };
    // tsx hands a CommonJS default export back either plain or wrapped once more.
    const bench = ((mod.default as { default?: Bench })?.default ?? mod.default) as Bench | undefined;
    if (!bench?.run) {
      console.error(`${file}: no default export from defineBench()`);
      failed++;
      continue;
    }
    console.log(`\n=== ${bench.name}: ${bench.description}`);
    const t0 = performance.now();
    try {
      const figures = await bench.run(ctx);
      const result = { ...figures, seconds: Math.round((performance.now() - t0) / 100) / 10 };
      all[bench.name] = result;
      writeFileSync(path.join(resultsDir, `${bench.name}.json`), JSON.stringify({ machine, date: new Date().toISOString(), ...result }, null, 2));
      console.log(`\n(${bench.name}: ${result.seconds} s)`);
    } catch (err) {
      failed++;
      all[bench.name] = { error: String((err as Error)?.stack ?? err) };
      console.error(`${bench.name} failed: ${(err as Error)?.stack ?? err}`);
    }
  }
  writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify({ machine, date: new Date().toISOString(), quick, results: all }, null, 2));
  console.log(`\nresults: ${path.relative(process.cwd(), resultsDir)}/latest.json`);
  return failed ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
