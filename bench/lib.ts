// Shared pieces for `npm run bench`: the shape of a bench file and a table printer.
// A bench is a file bench/<name>.bench.ts whose default export is defineBench({...}); the runner
// finds it by name, runs it, prints what it prints and stores what it returns.
import * as path from 'node:path';

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** bench/.results/ (git-ignored): scratch files and reports a person should read. */
  resultsDir: string;
  /** Set by `npm run bench -- --quick`: smaller corpora, for checking that a bench still runs. */
  quick: boolean;
  log(line?: string): void;
}

/** Figures a bench returns; stored as JSON next to the others from the same run. */
export type BenchFigures = { [name: string]: number | string | boolean | null | BenchFigures | BenchFigures[] };

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchFigures>;
}

export function defineBench(bench: Bench): Bench {
  return bench;
}

export interface Row {
  figure: string;
  /** Our number, already formatted or raw. */
  ours: number | string;
  /** The peer's number for the same figure, if there is one. */
  peer?: number | string;
  /** ours/peer or peer/ours, as the row says; formatted as "12.3x". */
  ratio?: number;
  note?: string;
}

/** `figure | keyward | peer | ratio | note` as an aligned text table. */
export function table(title: string, rows: Row[], columns: { ours?: string; peer?: string } = {}): string {
  const head = ['figure', columns.ours ?? 'keyward', columns.peer ?? 'peer', 'ratio', 'note'];
  const cells = rows.map((r) => [
    r.figure,
    fmt(r.ours),
    r.peer === undefined ? '' : fmt(r.peer),
    r.ratio === undefined || !Number.isFinite(r.ratio) ? '' : `${r.ratio.toFixed(r.ratio >= 10 ? 0 : 1)}x`,
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 || i === 4 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ').trimEnd();
  return [`\n${title}`, line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

export function fmt(v: number | string): string {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 100 ? v.toFixed(0) : abs >= 10 ? v.toFixed(1) : abs >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

/** Decimal megabyte: throughput figures are MB/s in the usual sense. */
export const MB = 1e6;

/** Milliseconds of a synchronous or async call. */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function resultsPath(ctx: BenchContext, name: string): string {
  return path.join(ctx.resultsDir, name);
}
