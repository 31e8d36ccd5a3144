// Hostile inputs for one key format (regex and validator worst cases), shared by the linear-work
// test (formats.test.ts) and the speed bench (bench/hostile.bench.ts).
import { matchFormat } from '../../../server/src/engine/formats';
import type { KeyFormat } from '../../../server/src/engine/types';

/** Inputs that make a backtracking regex work hardest: keyword-dense, charset-dense, near-miss runs. */
export function hostileInputs(f: KeyFormat, bytes = 1 << 20): string[] {
  const sample = f.examples.positive[0];
  const fill = (unit: string) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  const k = f.keywords[0];
  const secret = matchFormat(f, sample)[0]?.secret ?? k;
  return [
    fill(secret), // keys back to back: runs far longer than any bound, backtracking on every start
    fill(`${secret.slice(0, -1)}.`),
    fill(`${k}${'a1'.repeat(40)}`), // keyword followed by long runs that never close the shape
    fill(`${k}-${k}_${k}.`),
    fill('A'.repeat(200) + ' '), // long single-char runs
    fill(`${sample.slice(0, -3)}`), // truncated real-looking keys back to back
    fill('0123456789abcdef'),
  ];
}
