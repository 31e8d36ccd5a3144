// Shape of findings: ranges (UTF-16), literal ranges for the fixes, masking, fingerprints, severities, suppressions.
import { strict as assert } from 'node:assert';
import { maskSecret, scan } from '../../../server/src/engine';
import { K, K2, PIO } from './helpers';

describe('engine: findings', () => {
  it('range and offset cover the secret; literalRange covers the quotes', () => {
    const text = `line one\n  const apiKey = "${K}";\n`;
    const [f] = scan(text, 'src/a.ts');
    assert.equal(f.ruleId, 'hardcoded-key');
    assert.equal(f.severity, 'warning');
    assert.equal(text.slice(f.offset, f.offset + f.length), K);
    assert.deepEqual(f.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 18 + K.length } });
    assert.equal(f.context?.kind, 'assignment');
    assert.equal(f.context?.name, 'apiKey');
    assert.equal(f.context?.quote, '"');
    assert.deepEqual(f.context?.literalRange, { start: { line: 1, character: 17 }, end: { line: 1, character: 19 + K.length } });
    assert.equal(text.slice(f.context!.literalOffset!, f.context!.literalOffset! + f.context!.literalLength!), `"${K}"`);
    assert.equal(f.envVar, 'API_KEY');
  });
  it('positions count UTF-16 code units (emoji, CJK before the key)', () => {
    const text = `// 🔑 clé 鍵\nconst note = "😀😀"; const token = "${K}";`;
    const [f] = scan(text, 'a.ts');
    const line = text.split('\n')[1];
    assert.equal(f.range.start.character, line.indexOf(K));
    assert.equal(f.range.start.line, 1);
  });
  it('CRLF line endings', () => {
    const text = `a = 1\r\napi_key = "${K}"\r\nb = 2\r\n`;
    const [f] = scan(text, 'a.py');
    assert.deepEqual(f.range.start, { line: 1, character: 11 });
  });
  it('sdk-option and header kinds', () => {
    assert.equal(scan(`client = OpenAI(api_key="${K}")`, 'a.py')[0].context?.kind, 'sdk-option');
    assert.equal(scan(`const c = new Pioneer({\n  apiKey: "${K}",\n});`, 'a.ts')[0].context?.kind, 'sdk-option');
    assert.equal(scan(`headers = {"X-API-Key": "${K}"}`, 'a.py')[0].context?.kind, 'header');
    assert.equal(scan(`curl -H "Authorization: Bearer ${K}" x`, 'a.sh')[0].context?.kind, 'header');
  });
  it('messages never contain the whole secret', () => {
    for (const [text, file] of [[`token = "${K}"`, 'a.py'], [`const k = "${PIO}"`, 'a.ts'], [`x-api-key: ${K2}`, 'a.yml']]) {
      for (const f of scan(text, file)) {
        const secret = text.slice(f.offset, f.offset + f.length);
        assert.ok(!f.message.includes(secret), f.message);
        assert.ok(f.preview && !f.preview.includes(secret));
        assert.match(f.message, new RegExp(`${secret.length} chars`));
      }
    }
  });
  it('maskSecret shows a short prefix and the length only', () => {
    assert.equal(maskSecret(PIO), 'pio_sk_… (67 chars)');
    assert.equal(maskSecret(K), 'Zx8K… (24 chars)');
    assert.equal(maskSecret('abcdefgh'), 'ab… (8 chars)');
    assert.equal(maskSecret('abc'), '… (3 chars)');
  });
  it('fingerprints are stable across moves, differ across files, rules and secrets', () => {
    const a = scan(`const token = "${K}";`, 'a.ts', { relativePath: 'src/a.ts' })[0].fingerprint;
    const moved = scan(`\n\n// moved\nexport const token = "${K}";`, 'a.ts', { relativePath: 'src/a.ts' })[0].fingerprint;
    const otherFile = scan(`const token = "${K}";`, 'b.ts', { relativePath: 'src/b.ts' })[0].fingerprint;
    const otherSecret = scan(`const token = "${K2}";`, 'a.ts', { relativePath: 'src/a.ts' })[0].fingerprint;
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.equal(a, moved);
    assert.notEqual(a, otherFile);
    assert.notEqual(a, otherSecret);
    // Windows separators hash like POSIX ones.
    assert.equal(scan(`const token = "${K}";`, 'x', { relativePath: 'src\\a.ts' })[0].fingerprint, a);
  });
  it('severity settings: value, off, per rule', () => {
    const text = `const token = "${K}"; fetch("https://api.x.com/v1?api_key=" + k)`;
    assert.deepEqual(scan(text, 'a.ts', { severities: { 'hardcoded-key': 'error' } }).map((f) => [f.ruleId, f.severity]), [['hardcoded-key', 'error'], ['query-string-auth', 'warning']]);
    assert.deepEqual(scan(text, 'a.ts', { severities: { 'hardcoded-key': 'off', 'query-string-auth': 'hint' } }).map((f) => [f.ruleId, f.severity]), [['query-string-auth', 'hint']]);
    assert.deepEqual(scan(text, 'a.ts', { severities: { 'hardcoded-key': 'off', 'query-string-auth': 'off' } }), []);
  });
  describe('inline suppressions', () => {
    const cases: [string, string, number][] = [
      ['a.ts', `const token = "${K}"; // keyward-ignore`, 0],
      ['a.ts', `const token = "${K}"; /* keyward-ignore */`, 0],
      ['a.py', `token = "${K}"  # keyward-ignore`, 0],
      ['a.yml', `token: ${K} # keyward-ignore`, 0],
      ['a.html', `<meta name="token" content="x"><!-- keyward-ignore --> <a href="https://api.x.com/v1?api_key=${K}">`, 0],
      ['a.sql', `-- keyward-ignore-next-line\nSELECT 'https://api.x.com/v1/x?api_key=${K}';`, 0],
      ['a.ini', `; keyward-ignore-next-line\napi_key = ${K}`, 0],
      ['a.ts', `// keyward-ignore-next-line\nconst token = "${K}";`, 0],
      ['a.ts', `// keyward-ignore-next-line\n\nconst token = "${K}";`, 1],
      ['a.ts', `const token = "${K}"; // keyward-ignore query-string-auth`, 1],
      ['a.ts', `const token = "${K}"; // keyward-ignore hardcoded-key`, 0],
      ['a.ts', `const token = "${K}"; // keyward-ignore: test fixture`, 0],
      ['a.ts', `const note = "keyward-ignore"; const token = "${K}";`, 1],
    ];
    for (const [file, text, n] of cases) {
      it(`${file}: ${text.replace(/\n/g, '⏎').slice(0, 80)} -> ${n}`, () => {
        assert.equal(scan(text, file).length, n);
      });
    }
    it('inlineSuppressions: false reports anyway', () => {
      assert.equal(scan(`const token = "${K}"; // keyward-ignore`, 'a.ts', { inlineSuppressions: false }).length, 1);
    });
  });
});
