// Baselines, exclude globs and the language map.
import { strict as assert } from 'node:assert';
import { applyBaseline, BaselineError, isExcluded, parseBaseline, scan, serializeBaseline } from '../../../server/src/engine';
import { classifyFile } from '../../../shared/languages';
import { K, K2 } from './helpers';

describe('engine: baseline', () => {
  const text = `const token = "${K}";\nconst secret = "${K2}";\nfetch("https://api.x.com/v1?api_key=" + k);`;
  const findings = scan(text, 'src/a.ts', { relativePath: 'src/a.ts' });

  it('serializes sorted, stable, without secrets; parses back to the same fingerprints', () => {
    assert.equal(findings.length, 3);
    const json = serializeBaseline(findings, 'src/a.ts');
    assert.equal(json, serializeBaseline([...findings].reverse(), 'src/a.ts'));
    assert.ok(!json.includes(K) && !json.includes(K2) && !json.includes(K.slice(0, 10)));
    const data = JSON.parse(json);
    assert.equal(data.version, 1);
    assert.deepEqual(Object.keys(data.fingerprints[0]).sort(), ['file', 'fingerprint', 'ruleId']);
    assert.deepEqual([...parseBaseline(json)].sort(), findings.map((f) => f.fingerprint).sort());
  });
  it('applyBaseline drops baselined findings and keeps new ones', () => {
    const base = parseBaseline(serializeBaseline(findings.slice(0, 1)));
    const later = scan(`${text}\nconst apiKey = "Q9w8E7r6T5y4U3i2O1p0Lk";`, 'src/a.ts', { relativePath: 'src/a.ts' });
    const left = applyBaseline(later, base);
    assert.equal(left.length, later.length - 1);
    assert.ok(!left.some((f) => f.fingerprint === findings[0].fingerprint));
    assert.equal(applyBaseline(later, new Set()).length, later.length);
  });
  it('rejects malformed baselines with a clear error', () => {
    const bad: [string, RegExp][] = [
      ['{not json', /not valid JSON/],
      ['[]', /JSON object/],
      ['{"version": 2, "fingerprints": []}', /unsupported baseline version/],
      ['{"version": 1}', /"fingerprints" must be an array/],
      ['{"version": 1, "fingerprints": [{"fingerprint": "abc"}]}', /entry 0/],
    ];
    for (const [json, msg] of bad) assert.throws(() => parseBaseline(json), (e: Error) => e instanceof BaselineError && msg.test(e.message), json);
  });
  it('accepts a BOM and bare hash strings', () => {
    const fp = findings[0].fingerprint;
    assert.deepEqual([...parseBaseline(`\uFEFF{"version":1,"fingerprints":["${fp.toUpperCase()}"]}`)], [fp]);
  });
});

describe('engine: isExcluded', () => {
  const cases: [string, string[], boolean][] = [
    ['test/fixtures/keys.ts', ['**/fixtures/**'], true],
    ['src/a.ts', ['**/fixtures/**'], false],
    ['.github/workflows/ci.yml', ['.github/**'], true],
    ['a/b/.env.example', ['**/.env.*'], true],
    ['src\\gen\\api.ts', ['src/gen/**'], true],
    ['dist/app.js', ['dist'], true],
    ['packages/x/dist/app.js', ['dist'], true],
    ['src/a.min.js', ['*.min.js'], true],
    ['src/a.js', [], false],
    ['src/a.js', ['', '['], false],
  ];
  for (const [p, globs, want] of cases) it(`${p} ${JSON.stringify(globs)} -> ${want}`, () => assert.equal(isExcluded(p, globs), want));
});

// The engine's classifier is now the shared one (issue 8); its JS family is named 'js'.
describe('engine: classifyFile', () => {
  const cases: [string, string | undefined, string][] = [
    ['a.ts', undefined, 'js'],
    ['a.tsx', undefined, 'js'],
    ['x/Dockerfile', undefined, 'dockerfile'],
    ['Dockerfile.prod', undefined, 'dockerfile'],
    ['.env', undefined, 'dotenv'],
    ['.env.production', undefined, 'dotenv'],
    ['main.tf', undefined, 'terraform'],
    ['req.http', undefined, 'http'],
    ['a.yml', undefined, 'yaml'],
    ['README', undefined, 'plaintext'],
    ['a.txt', 'python', 'python'],
    ['a.weird', 'unknown-language', 'plaintext'],
    ['C:\\src\\App.cs', undefined, 'csharp'],
  ];
  for (const [p, id, want] of cases) it(`${p} (${id ?? '-'}) -> ${want}`, () => assert.equal(classifyFile(p, id), want));
});
