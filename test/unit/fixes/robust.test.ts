// Bad input never throws and never yields overlapping or out-of-range edits; big inputs take linear work.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { scan } from '../../../server/src/engine/scan';
import { applyEdits, isUnsupported, planFixAll, planIgnoreLine, planMoveToEnv, planQueryToHeader } from '../../../server/src/fixes';
import { countWork, totalWork } from '../workCounter';
import { findingFor } from './helpers';

const LANGS: [string, string][] = [
  ['javascript', 'a.js'], ['typescriptreact', 'a.tsx'], ['python', 'a.py'], ['go', 'a.go'], ['java', 'A.java'],
  ['csharp', 'A.cs'], ['ruby', 'a.rb'], ['php', 'a.php'], ['rust', 'a.rs'], ['shellscript', 'a.sh'],
  ['dockerfile', 'Dockerfile'], ['yaml', 'docker-compose.yml'], ['yaml', '.github/workflows/a.yml'], ['terraform', 'a.tf'],
  ['markdown', 'a.md'], ['vue', 'a.vue'], ['kotlin', 'a.kt'], ['c', 'a.c'], ['json', 'a.json'], ['makefile', 'Makefile'], ['dotenv', '.env.example'], ['yaml', 'application.yml'],
  ['yaml', '.gitlab-ci.yml'], ['properties', '.npmrc'], ['swift', 'a.swift'], ['perl', 'a.pl'], ['r', 'a.R'], ['powershell', 'a.ps1'], ['jupyter', 'a.ipynb'],
];
const CHARS = 'ab_ \n\t\r"\'`${}()[],;:=+#/\\*<>-!?.%@\u0000é'.split('');

describe('robustness', () => {
  it('planMoveToEnv / planIgnoreLine / planQueryToHeader never throw on arbitrary text and offsets', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 120 }),
        fc.nat(),
        fc.nat(40),
        fc.constantFrom(...LANGS),
        (text, at, len, [lang, path]) => {
          const offset = text.length ? at % text.length : 0;
          const length = Math.max(1, Math.min(len, text.length - offset));
          const f = { ...findingFor('x', 'x'), offset, length, ruleId: 'hardcoded-key' as const };
          const p = planMoveToEnv({ text, languageId: lang, filePath: path, finding: f, name: 'API_KEY' });
          if (!isUnsupported(p)) applyEdits(text, p.edits); // throws on overlap
          const q = planQueryToHeader({ text, languageId: lang, filePath: path, finding: { ...f, ruleId: 'query-string-auth', param: 'api_key', provider: 'pioneer', context: { kind: at % 2 ? 'url-param' : 'params-object' } } });
          if (!isUnsupported(q)) applyEdits(text, q.edits);
          const line = text.split('\n').length ? at % text.split('\n').length : 0;
          const e = planIgnoreLine(text, lang, line, path);
          if (e) applyEdits(text, [e]);
        },
      ),
      { numRuns: 4000 },
    );
  });

  // Work is counted, not timed (the time is in bench/hostile.bench.ts): doubling the input at most
  // doubles what the planners hand to regexes and string searches.
  const linear = (small: number, big: number, ratio: number) => big <= ratio * small * 1.25 + 1000;

  // Each key's lookup reads file-level facts (import.meta.env, Deno.env) from the whole text: work
  // grows as keys x text, so each is doubled alone. Computing the facts once would make it linear.
  it('a 1 MB minified bundle with 40 keys: fix-all work grows linearly with the text and with the keys, and leaves no key', () => {
    const key = (i: number) => `sk_live_51Hx9QaL2mT7vR3wP8cN4b${String(i).padStart(2, '0')}dK0fJ5gZ1sE`;
    const run = (keys: number, fillerPerKey: number) => {
      const parts: string[] = [];
      for (let i = 0; i < keys; i++) parts.push(`var a${i}=new Stripe("${key(i)}");`, 'function f(){return 1+2}'.repeat(fillerPerKey));
      const text = parts.join('');
      const findings = scan(text, 'dist/bundle.js').filter((f) => f.ruleId === 'hardcoded-key');
      assert.equal(findings.length, keys);
      const [plan, work] = countWork(() => planFixAll(text, 'javascript', 'dist/bundle.js', findings));
      return { text, plan, work: totalWork(work) };
    };
    const { text, plan, work } = run(40, 1000);
    const halfText = run(40, 500);
    const halfKeys = run(20, 2000);
    assert.ok(text.length > 900_000);
    const out = applyEdits(text, plan.edits);
    assert.equal(plan.entries.length, 40);
    assert.ok(!out.includes('sk_live_'));
    assert.ok(linear(halfText.work, work, 2), `fix-all: ${halfText.work} units for ${halfText.text.length} chars, ${work} for ${text.length}`);
    assert.ok(linear(halfKeys.work, work, 2), `fix-all: ${halfKeys.work} units for 20 keys, ${work} for 40`);
  });

  it('ignore-line on the last line of a 5 MB file does linear work', () => {
    const run = (lines: number) => {
      const text = 'const a = 1;\n'.repeat(lines) + 'const k = "x";\n';
      const [e, work] = countWork(() => planIgnoreLine(text, 'javascript', lines, 'a.js'));
      assert.ok(e);
      return totalWork(work);
    };
    const small = run(200_000);
    const big = run(400_000);
    assert.ok(linear(small, big, 2), `${small} units for 200k lines, ${big} for 400k`);
  });
});
