// Baselines, exclude globs and the language map.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { applyBaseline, BaselineError, detectLanguage, isExcluded, keyedFingerprint, mergeBaseline, parseBaseline, scan, serializeBaseline } from '../../../server/src/engine';
import { K, K2 } from './helpers';

describe('engine: baseline', () => {
  const text = `const token = "${K}";\nconst secret = "${K2}";\nfetch("https://api.x.com/v1?api_key=" + k);`;
  const findings = scan(text, 'src/a.ts', { relativePath: 'src/a.ts' });

  const SALT = 'ab'.repeat(32);
  const entries = findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: 'src/a.ts' }));

  // Issue 14 item 7: version 2, fingerprints keyed with the file's salt (was version 1 with bare hashes).
  it('serializes sorted, stable, without secrets; a version-2 file with a salt and keyed fingerprints', () => {
    assert.equal(findings.length, 3);
    const json = serializeBaseline(entries, SALT);
    assert.equal(json, serializeBaseline([...entries].reverse(), SALT));
    assert.ok(!json.includes(K) && !json.includes(K2) && !json.includes(K.slice(0, 10)));
    const data = JSON.parse(json);
    assert.equal(data.version, 2);
    assert.equal(data.salt, SALT);
    assert.deepEqual(Object.keys(data.fingerprints[0]).sort(), ['file', 'fingerprint', 'ruleId']);
    const parsed = parseBaseline(json);
    assert.deepEqual([...parsed.fingerprints].sort(), findings.map((f) => keyedFingerprint(SALT, f.fingerprint)).sort());
    // No written fingerprint is the in-process identity: that one is a fast hash of the secret.
    for (const f of findings) assert.ok(!parsed.fingerprints.has(f.fingerprint));
    // A new baseline gets a new random salt.
    assert.notEqual(JSON.parse(serializeBaseline(entries)).salt, JSON.parse(serializeBaseline(entries)).salt);
  });
  it('a written fingerprint is no unsalted sha256 of anything derived from the secret alone', () => {
    const data = JSON.parse(serializeBaseline(entries, SALT));
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const derived = [K, sha(K), sha(sha(K)), `hardcoded-key\0src/a.ts\0${sha(K)}`, findings[0].fingerprint];
    for (const d of derived) for (const e of data.fingerprints) assert.ok(e.fingerprint !== sha(d) && e.fingerprint !== d);
  });
  it('applyBaseline drops baselined findings and keeps new ones', () => {
    const base = parseBaseline(serializeBaseline(entries.slice(0, 1)));
    const later = scan(`${text}\nconst apiKey = "Q9w8E7r6T5y4U3i2O1p0Lk";`, 'src/a.ts', { relativePath: 'src/a.ts' });
    const left = applyBaseline(later, base);
    assert.equal(left.length, later.length - 1);
    assert.ok(!left.some((f) => f.fingerprint === findings[0].fingerprint));
    assert.equal(applyBaseline(later, undefined).length, later.length);
  });
  it('a version-1 baseline (bare identities) still suppresses, and merging rewrites it as version 2', () => {
    const v1 = JSON.stringify({ version: 1, fingerprints: [{ fingerprint: findings[0].fingerprint, ruleId: findings[0].ruleId, file: 'src/a.ts' }] });
    const old = parseBaseline(v1);
    assert.equal(old.version, 1);
    assert.equal(applyBaseline(findings, old).length, findings.length - 1);
    const migrated = parseBaseline(mergeBaseline(old, [entries[1]]));
    assert.equal(migrated.version, 2);
    assert.ok(migrated.salt && !migrated.fingerprints.has(findings[0].fingerprint));
    assert.deepEqual(applyBaseline(findings, migrated).map((f) => f.fingerprint), [findings[2].fingerprint]);
  });
  it('rejects malformed baselines with a clear error', () => {
    const bad: [string, RegExp][] = [
      ['{not json', /not valid JSON/],
      ['[]', /JSON object/],
      ['{"version": 3, "fingerprints": []}', /unsupported baseline version/],
      ['{"version": 2, "fingerprints": []}', /"salt" must be 64 hex/],
      ['{"version": 1}', /"fingerprints" must be an array/],
      ['{"version": 1, "fingerprints": [{"fingerprint": "abc"}]}', /entry 0/],
    ];
    for (const [json, msg] of bad) assert.throws(() => parseBaseline(json), (e: Error) => e instanceof BaselineError && msg.test(e.message), json);
  });
  it('accepts a BOM and bare hash strings', () => {
    const fp = findings[0].fingerprint;
    assert.deepEqual([...parseBaseline(`\uFEFF{"version":1,"fingerprints":["${fp.toUpperCase()}"]}`).fingerprints], [fp]);
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

describe('engine: detectLanguage', () => {
  const cases: [string, string | undefined, string][] = [
    ['a.ts', undefined, 'javascript'],
    ['a.tsx', undefined, 'javascript'],
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
  for (const [p, id, want] of cases) it(`${p} (${id ?? '-'}) -> ${want}`, () => assert.equal(detectLanguage(p, id), want));
});
