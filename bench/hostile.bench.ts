// Time on hostile input, moved here from the tests (which count work instead of timing it): the
// engine on each crafted input at full size, every format's regex on 1 MB of its worst cases, and
// fix-all / ignore-line on big files. Medians of 3 runs, CPU ms (neighbours on a shared machine
// do not count).
import { scan } from '../server/src/engine';
import { KEY_FORMATS, matchFormat } from '../server/src/engine/formats';
import { planFixAll, planIgnoreLine } from '../server/src/fixes';
import { HOSTILE } from '../test/unit/engine/hostile';
import { hostileInputs } from '../test/unit/formats/hostile';
import { defineBench, table, type BenchFigures, type Row } from './lib';

/** Median CPU ms (user + system) of `runs` calls. */
function cpuMs(fn: () => unknown, runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

export default defineBench({
  name: 'hostile',
  description: 'CPU time on crafted worst-case inputs (the tests prove linear work; this says how fast)',
  async run(ctx) {
    const scale = ctx.quick ? 0.1 : 1;
    const rows: Row[] = [];
    const engine: BenchFigures = {};
    for (const h of HOSTILE) {
      const text = h.make(Math.round(h.size * scale));
      const ms = cpuMs(() => scan(text, 'bundle.min.js'));
      engine[h.name] = Math.round(ms);
      rows.push({ figure: `scan: ${h.name} (${(text.length / 1e6).toFixed(1)} MB)`, ours: ms, note: 'CPU ms' });
    }

    let slowest = { id: '', ms: 0 };
    let formatsMs = 0;
    for (const f of KEY_FORMATS) {
      const inputs = hostileInputs(f, Math.round((1 << 20) * scale));
      const ms = cpuMs(() => inputs.forEach((input) => matchFormat(f, input)), 1);
      formatsMs += ms;
      if (ms > slowest.ms) slowest = { id: f.id, ms };
    }
    rows.push({ figure: `formats: ${KEY_FORMATS.length} regexes x 7 hostile inputs of ${scale} MB`, ours: formatsMs, note: `CPU ms; slowest ${slowest.id} ${slowest.ms.toFixed(0)} ms` });

    const key = (i: number) => `sk_live_51Hx9QaL2mT7vR3wP8cN4b${String(i).padStart(2, '0')}dK0fJ5gZ1sE`;
    const parts: string[] = [];
    for (let i = 0; i < 40; i++) parts.push(`var a${i}=new Stripe("${key(i)}");`, 'function f(){return 1+2}'.repeat(Math.round(1000 * scale)));
    const bundle = parts.join('');
    const findings = scan(bundle, 'dist/bundle.js').filter((f) => f.ruleId === 'hardcoded-key');
    const fixAllMs = cpuMs(() => planFixAll(bundle, 'javascript', 'dist/bundle.js', findings));
    rows.push({ figure: `fix-all: 40 keys in a ${(bundle.length / 1e6).toFixed(1)} MB bundle`, ours: fixAllMs, note: 'CPU ms' });

    const lines = Math.round(400_000 * scale);
    const big = 'const a = 1;\n'.repeat(lines) + 'const k = "x";\n';
    const ignoreMs = cpuMs(() => planIgnoreLine(big, 'javascript', lines, 'a.js'));
    rows.push({ figure: `ignore-line: last line of ${(big.length / 1e6).toFixed(1)} MB`, ours: ignoreMs, note: 'CPU ms' });

    ctx.log(table('hostile input (median of 3, CPU ms)', rows));
    return { engineMs: engine, formatsMs: Math.round(formatsMs), slowestFormat: slowest.id, slowestFormatMs: Math.round(slowest.ms), fixAllMs: Math.round(fixAllMs), ignoreLineMs: Math.round(ignoreMs) };
  },
});
