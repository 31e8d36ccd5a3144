// scan() never throws, returns valid ranges, and stays fast on hostile input (minified bundles,
// megabytes of quotes or `=`, deep nesting). Timing bounds are loose: this is a test, not a bench.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { scan } from '../../../server/src/engine';
import type { Finding } from '../../../server/src/engine';
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

/** CPU milliseconds (user + system): wall time on a shared CI machine measures the neighbours. */
function timed<T>(fn: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const r = fn();
  const c = process.cpuUsage(c0);
  return [r, (c.user + c.system) / 1000];
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

  const hostile: [string, () => string][] = [
    // Keyword density of real bundles: about one credential word per 100-150 characters.
    ['10 MB single minified line', () => {
      const chunk = 'var a=function(t,e){return t.apiKey?e(t):null},b=[1,2,3].map(function(n){return n*2}),c={width:10,height:20,visible:!0};';
      return chunk.repeat(Math.ceil(10_000_000 / chunk.length));
    }],
    // Worst case: a credential word every 15 characters.
    ['1 MB minified line, keyword-dense', () => {
      const chunk = 'var a=function(t){return t.key+"-"+t.token},b={apiKey:c,secret:d,auth:e};if(x&&y){z[key]=password}';
      return chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    }],
    ['1 MB of "', () => '"'.repeat(1_000_000)],
    ['1 MB of =', () => '='.repeat(1_000_000)],
    ['a= repeated', () => 'a='.repeat(500_000)],
    ['api_key= repeated', () => 'api_key='.repeat(200_000)],
    ['key: repeated on one line', () => 'key: '.repeat(300_000)],
    ['deep quotes', () => `"'\``.repeat(300_000) + `api_key = "${K}"`],
    ['deep brackets before params', () => '{'.repeat(200_000) + 'params: { api_key: k }'],
    ['many short lines with keywords', () => `const apiKey = getKey(token);\n`.repeat(100_000)],
    ['?api_key= repeated (20k findings)', () => '?api_key='.repeat(20_000)],
    ['BEGIN markers without END', () => '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(50_000)],
  ];
  for (const [name, make] of hostile) {
    it(`finishes quickly: ${name}`, () => {
      const t = make();
      const [findings, ms] = timed(() => scan(t, 'bundle.min.js'));
      assertValid(t.length > 2_000_000 ? '' : t, t.length > 2_000_000 ? [] : findings);
      assert.ok(ms < 4000, `took ${ms.toFixed(0)} ms`);
    });
  }

  it('finds a key deep inside a 10 MB minified line, with the right position', () => {
    const filler = 'function(t){return t.key+t.token}'.repeat(150_000);
    const t = `${filler};var apiKey="${K}";${filler}`;
    const [findings, ms] = timed(() => scan(t, 'bundle.min.js'));
    assert.ok(ms < 4000, `took ${ms.toFixed(0)} ms`);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].offset, t.indexOf(K));
    assert.deepEqual(findings[0].range.start, { line: 0, character: t.indexOf(K) });
  });
});
