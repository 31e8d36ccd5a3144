// scan() never throws, returns valid ranges, and does linear work on hostile input (minified
// bundles, megabytes of quotes or `=`, deep nesting): counted, not timed (the speed figures are in
// bench/hostile.bench.ts).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { scan } from '../../../server/src/engine';
import type { Finding } from '../../../server/src/engine';
import { countWork, totalWork } from '../workCounter';
import { HOSTILE } from './hostile';
import { K, PIO, UUID } from './helpers';

function assertValid(text: string, findings: Finding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    assert.ok(f.offset >= 0 && f.length > 0 && f.offset + f.length <= text.length, 'offset/length inside the text');
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, 'line inside the text');
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, 'character inside the line');
    }
    const startOffset = lines.slice(0, f.range.start.line).reduce((n, l) => n + l.length + 1, 0) + f.range.start.character;
    assert.equal(startOffset, f.offset, 'range.start matches offset');
    assert.match(f.fingerprint, /^[0-9a-f]{64}$/);
    if (f.ruleId === 'hardcoded-key') assert.ok(!f.message.includes(text.slice(f.offset, f.offset + f.length)) || f.length < 4, 'message hides the secret');
  }
}

// Fragments that steer random text into the engine's interesting paths.
const fragment = fc.constantFrom(
  'api_key', 'apiKey', ' = ', ': ', '"', "'", '`', '\n', '\r\n', '?api_key=', '&token=', 'Bearer ', 'X-API-Key: ', K, PIO, UUID,
  '-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----', 'params={', '}', '{', '(', ')', '${', '// keyward-ignore', 'export ',
  '\\n', 'new Pinecall({', 'pk_', 'pi_live_', 'https://api.pioneer.ai', 'ENV ', '#define ', '😀', '\u0000', '\uD800',
);
const text = fc.array(fc.oneof(fragment, fc.string({ maxLength: 12 }), fc.string({ maxLength: 6, unit: 'grapheme' })), { maxLength: 60 }).map((a) => a.join(''));
const paths = fc.constantFrom('a.ts', 'a.py', 'a.go', 'Dockerfile', '.env.example', 'a.yml', 'README.md', 'x.http', 'noext', 'a.json');

describe('engine: robustness', () => {
  it('never throws and returns valid ranges on arbitrary input (property)', () => {
    fc.assert(
      fc.property(text, paths, fc.integer({ min: 64, max: 5000 }), (t, p, maxLineLength) => {
        const findings = scan(t, p, { maxLineLength });
        assertValid(t, findings);
        // Deterministic: the same input gives the same findings.
        assert.deepEqual(scan(t, p, { maxLineLength }), findings);
      }),
      { numRuns: 600 },
    );
  });

  it('survives malformed options (settings are user input)', () => {
    const t = 'const apiKey = "Zx8Kq2Lm5Np9Rt3Vw7Yb1Cd4";';
    const bad = [
      { customProviders: [null, 1, {}, { id: 'x' }, { id: 'y', hosts: 'api.y.dev', envVars: [3], keyPatterns: ['(unclosed'] }] },
      { extraKeyNames: ['(', '', 5, 'ok_[a-z]+'] },
      { maxLineLength: -1 },
      { maxLineLength: Number.NaN },
      { severities: { 'hardcoded-key': 'loud' } },
    ] as unknown as Parameters<typeof scan>[2][];
    for (const o of bad) {
      const f = scan(t, 'a.ts', o);
      assertValid(t, f);
      assert.equal(f.length, 1, JSON.stringify(o));
      assert.equal(f[0].severity, 'warning');
    }
  });

  it('accepts odd inputs without throwing', () => {
    for (const t of ['', '\n', '\r', '\uFEFF', '\u0000'.repeat(100), '\uD800\uDC00'.repeat(50), 'a='.repeat(100)]) {
      assertValid(t, scan(t, 'a.ts'));
    }
    // Not a string at run time (a host bug) is not a crash either.
    assert.deepEqual(scan(undefined as unknown as string, 'a.ts'), []);
  });

  // Work grows with the input, not faster: doubling the input at most doubles the characters the
  // scan hands to regexes and string searches (+25% slack for per-finding bookkeeping). A quadratic
  // loop (a slice from the line start per hit) doubles the work per character instead.
  for (const h of HOSTILE) {
    it(`does linear work: ${h.name}`, () => {
      const runs = [h.size / 16, h.size / 8].map((n) => {
        const t = h.make(n);
        const [findings, work] = countWork(() => scan(t, 'bundle.min.js'));
        assertValid(t, findings);
        return { chars: t.length, work: totalWork(work) };
      });
      const [small, big] = runs;
      assert.ok(big.chars > 1.9 * small.chars);
      const bound = (big.chars / small.chars) * small.work * 1.25 + 1000;
      assert.ok(big.work <= bound, `${small.work} units for ${small.chars} chars, ${big.work} for ${big.chars} (bound ${Math.round(bound)})`);
    });
  }

  it('the work counter sees a quadratic loop (the bound above can fail)', () => {
    const quadratic = (t: string) => {
      let n = 0;
      for (let i = 0; i < t.length; i += 10) n += t.slice(0, i).includes('#') ? 1 : 0;
      return n;
    };
    const w1 = totalWork(countWork(() => quadratic('x'.repeat(20_000)))[1]);
    const w2 = totalWork(countWork(() => quadratic('x'.repeat(40_000)))[1]);
    assert.ok(w2 > 2 * w1 * 1.25 + 1000, `${w1} -> ${w2}`);
  });

  it('finds a key deep inside a 10 MB minified line, with the right position', () => {
    const filler = 'function(t){return t.key+t.token}'.repeat(150_000);
    const t = `${filler};var apiKey="${K}";${filler}`;
    const findings = scan(t, 'bundle.min.js');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].offset, t.indexOf(K));
    assert.deepEqual(findings[0].range.start, { line: 0, character: t.indexOf(K) });
  });
});
