// Bad input never throws and never yields overlapping or out-of-range edits; big inputs stay fast.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { scan } from '../../../server/src/engine/scan';
import { applyEdits, isUnsupported, planFixAll, planIgnoreLine, planMoveToEnv, planQueryToHeader } from '../../../server/src/fixes';
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

  it('a 1 MB minified bundle with 40 keys: fix-all stays fast and leaves no key', () => {
    const key = (i: number) => `sk_live_51Hx9QaL2mT7vR3wP8cN4b${String(i).padStart(2, '0')}dK0fJ5gZ1sE`;
    const parts: string[] = [];
    for (let i = 0; i < 40; i++) parts.push(`var a${i}=new Stripe("${key(i)}");`, 'function f(){return 1+2}'.repeat(1000));
    const text = parts.join('');
    assert.ok(text.length > 900_000);
    const findings = scan(text, 'dist/bundle.js').filter((f) => f.ruleId === 'hardcoded-key');
    assert.equal(findings.length, 40);
    const t0 = performance.now();
    const plan = planFixAll(text, 'javascript', 'dist/bundle.js', findings);
    const ms = performance.now() - t0;
    const out = applyEdits(text, plan.edits);
    assert.equal(plan.entries.length, 40);
    assert.ok(!out.includes('sk_live_'));
    assert.ok(ms < 2000, `fix-all took ${ms.toFixed(0)} ms`);
  });

  it('ignore-line on the last line of a 5 MB file stays fast', () => {
    const text = 'const a = 1;\n'.repeat(400_000) + 'const k = "x";\n';
    const t0 = performance.now();
    const e = planIgnoreLine(text, 'javascript', 400_000, 'a.js');
    assert.ok(e);
    const ms = performance.now() - t0;
    assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms`);
  });
});
