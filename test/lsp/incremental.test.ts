// Property: after any sequence of incremental edits, re-scanning only the touched lines (plus the
// margin) gives exactly the findings of a full scan of the new text. Runs the server's own code
// path (EditTracker + scanTracked) against the real engine, no stand-ins.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scan } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine/types';
import { scanTracked } from '../../server/src/lsp/documentScan';
import { EditTracker } from '../../server/src/lsp/incremental';
import { defaultSettings } from '../../server/src/lsp/settings';
import { scanOptionsFor } from '../../server/src/lsp/scanOptions';

// Built at run time so the test file itself holds no scannable key.
const pio = (n: number) => 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB' + n + '_3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
const aws = 'AKIA' + 'Z7QW4RT2YU8IOP3M';
const ghp = 'ghp_' + 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4';

const LINES = [
  'const a = 1;',
  'function f(x) { return x * 2; }',
  `const PIONEER_API_KEY = "${pio(1)}";`,
  `client = Pioneer(api_key="${pio(2)}")`,
  `aws_access_key_id = "${aws}"`,
  `token: ${ghp}`,
  'fetch("https://api.pioneer.ai/v1/run?api_key=Zx81kQm2Lp0sWv7RtY4u")',
  '  headers: {',
  `    "X-API-Key": "${pio(3)}",`,
  '  },',
  'const apiKey = process.env.PIONEER_API_KEY;',
  'API_KEY = "your_api_key_here"',
  '// just a comment about keys',
  '',
  '    return new Pioneer({',
  `      apiKey: "${pio(4)}",`,
  '    });',
  'x = "' + 'a'.repeat(300) + '"',
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEA7bq9Xk2mN4pQ8rT1vW3yZ5aB7cD9eF1gH3jK5lM7nP9qR1sT3uV5wX7yZ9aB1cD3eF5gH7jK9lM1nP3qR5sT7uV9',
  '-----END RSA PRIVATE KEY-----',
  '# keyward-ignore-next-line',
  `secret = "${pio(5)}"  # keyward-ignore`,
  "import { Pinecall } from '@pinecall/sdk';",
  `const p = new Pioneer("${pio(6)}");`,
  '- name: PIONEER_API_KEY',
  `  value: "${pio(7)}"`,
  `docker run -e PIONEER_API_KEY=${pio(8)} img`,
  `const pc = new Pinecall({ apiKey: "pk_${'A1b2C3d4E5f6G7h8J9k0L1m2'}" });`,
];

const docArb = fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 40 }).map((ls) => ls.join('\n'));

/** An edit as fractions of the document so it always lands inside the current text. */
const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  span: fc.double({ min: 0, max: 0.2, noNaN: true }),
  text: fc.oneof(
    fc.constantFrom('', '\n', 'x', '"', ' = ', '\n\n', `"${pio(9)}"`, 'api_key=', ...LINES.map((l) => l + '\n')),
    fc.string({ maxLength: 6 }),
  ),
});

function strip(fs: Finding[]) {
  return fs
    .map((f) => ({ ruleId: f.ruleId, offset: f.offset, length: f.length, range: f.range, fingerprint: f.fingerprint, message: f.message, severity: f.severity, envVar: f.envVar }))
    .sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
}

describe('incremental re-scan', () => {
  const options = scanOptionsFor(defaultSettings(), 'src/app.ts', 'typescript');

  for (const [file, languageId] of [
    ['src/app.ts', 'typescript'],
    ['app.py', 'python'],
    ['k8s/deploy.yaml', 'yaml'],
  ]) {
    it(`equals a full scan after random edits in ${languageId} (fast-check)`, () => {
      const options = scanOptionsFor(defaultSettings(), file, languageId);
      fc.assert(
        fc.property(docArb, fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (text, batches) => {
          const doc = TextDocument.create(`file:///w/${file}`, languageId, 1, text);
          const tracker = new EditTracker();
          scanTracked(doc, tracker, options);
          let version = 1;
          for (const batch of batches) {
            version++;
            // Several changes in one didChange, each against the previous result, as clients send them.
            for (const e of batch) {
              const len = doc.getText().length;
              const start = Math.floor(e.at * len);
              const end = Math.min(len, start + Math.floor(e.span * len));
              const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: e.text };
              tracker.apply(doc, change);
              TextDocument.update(doc, [change], version);
            }
            const inc = scanTracked(doc, tracker, options);
            const full = scan(doc.getText(), options.relativePath!, options);
            assert.deepEqual(strip(inc.findings), strip(full));
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it('re-reads only a window for a one-line edit in a large file', () => {
    const lines = Array.from({ length: 10000 }, (_, i) => (i % 500 === 7 ? LINES[2] : `const v${i} = compute(${i});`));
    const doc = TextDocument.create('file:///w/big.ts', 'typescript', 1, lines.join('\n'));
    const tracker = new EditTracker();
    const first = scanTracked(doc, tracker, options);
    assert.equal(first.mode, 'full');
    const before = first.findings.length;
    assert.ok(before >= 20, `expected keys in the big file, got ${before}`);
    const pos = { line: 5000, character: 0 };
    const change = { range: { start: pos, end: pos }, text: `const K = "${pio(7)}";\n` };
    tracker.apply(doc, change);
    TextDocument.update(doc, [change], 2);
    const second = scanTracked(doc, tracker, options);
    assert.equal(second.mode, 'incremental');
    assert.equal(second.findings.length, before + 1);
    assert.deepEqual(strip(second.findings), strip(scan(doc.getText(), 'src/app.ts', options)));
  });
});
