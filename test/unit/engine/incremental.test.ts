// scanLines: re-scanning the edited region and merging with the previous findings equals a full scan.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fileContextKey, scan, scanLines } from '../../../server/src/engine';
import type { Finding } from '../../../server/src/engine';
import { B64, K, K2, PIO, randomString } from './helpers';

const pemBody = [1, 2, 3, 4].map((i) => randomString(B64, 64, 900 + i)).join('\n');

// Lines that produce (or nearly produce) findings, plus filler, to build documents and edits from.
const LINES = [
  `const apiKey = "${K}";`,
  `token = "${K2}"`,
  `const k = "${PIO}";`,
  'fetch(`https://api.pioneer.ai/x?api_key=${key}`)',
  `headers = {"X-API-Key": "${K}"}`,
  'requests.get("https://api.pinecall.io/v1/agents", headers=h)',
  "import { Pinecall } from '@pinecall/sdk';",
  'const options = {',
  `  apiKey: "${K2}",`,
  '};',
  'params = {',
  '  "api_key": key,',
  '}',
  '// keyward-ignore-next-line',
  `const secret = "${K}"; // keyward-ignore`,
  '-----BEGIN RSA PRIVATE KEY-----',
  ...pemBody.split('\n'),
  '-----END RSA PRIVATE KEY-----',
  'const x = 1;',
  '',
  'function f(a, b) { return a + b; }',
  'let password = getPassword();',
];

const doc = fc.array(fc.constantFrom(...LINES), { minLength: 0, maxLength: 40 });

interface Edit {
  at: number;
  remove: number;
  insert: string[];
}
const edit = fc.record({ at: fc.nat(45), remove: fc.nat(6), insert: fc.array(fc.constantFrom(...LINES), { maxLength: 6 }) });

const comparable = (f: Finding) => JSON.stringify(f);

/** What the language server does: shift the old findings around the edit, re-scan the region, merge. */
function incremental(oldText: string, oldFindings: Finding[], lines: string[], e: Edit, path: string): Finding[] {
  const at = Math.min(e.at, lines.length);
  const removed = Math.min(e.remove, lines.length - at);
  const newLines = [...lines.slice(0, at), ...e.insert, ...lines.slice(at + removed)];
  const newText = newLines.join('\n');
  if (fileContextKey(newText) !== fileContextKey(oldText)) return scan(newText, path);
  // Edited lines in the new text: [at, at + insert - 1]; an empty insert still joins lines at `at`.
  const lastNew = Math.max(at, at + e.insert.length - 1);
  const r = scanLines(newText, path, at, lastNew);
  const lineDelta = e.insert.length - removed;
  const oldStarts = [0];
  for (const l of lines) oldStarts.push(oldStarts[oldStarts.length - 1] + l.length + 1);
  const charDelta = e.insert.reduce((n, l) => n + l.length + 1, 0) - lines.slice(at, at + removed).reduce((n, l) => n + l.length + 1, 0);
  const kept: Finding[] = [];
  for (const f of oldFindings) {
    const l = f.range.start.line;
    if (l >= at && l < at + removed) continue; // removed with its lines
    const shifted = l >= at + removed ? shift(f, lineDelta, charDelta) : f;
    const nl = shifted.range.start.line;
    if (nl >= r.fromLine && nl <= r.toLine) continue; // replaced by the re-scan
    kept.push(shifted);
  }
  return [...kept, ...r.findings].sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
}

function shift(f: Finding, dl: number, dc: number): Finding {
  const g: Finding = JSON.parse(JSON.stringify(f));
  g.range.start.line += dl;
  g.range.end.line += dl;
  g.offset += dc;
  if (g.context?.literalRange) {
    g.context.literalRange.start.line += dl;
    g.context.literalRange.end.line += dl;
    g.context.literalOffset! += dc;
  }
  return g;
}

describe('engine: scanLines (incremental re-scan)', () => {
  it('returns exactly the full scan findings on the returned span', () => {
    fc.assert(
      fc.property(doc, fc.nat(45), fc.nat(10), (lines, from, len) => {
        const text = lines.join('\n');
        const r = scanLines(text, 'a.ts', from, from + len);
        const expected = scan(text, 'a.ts').filter((f) => f.range.start.line >= r.fromLine && f.range.start.line <= r.toLine);
        assert.deepEqual(r.findings.map(comparable), expected.map(comparable));
        assert.ok(r.fromLine <= Math.max(0, Math.min(from, Math.max(0, lines.length - 1))));
      }),
      { numRuns: 300 },
    );
  });

  it('a BEGIN typed above lines that an END below closes: the swallowed findings drop out (found by the property)', () => {
    const key = 'const apiKey = "Zx8Kq2Lm5Np9Rt3Vw7Yb1Cd4";';
    const edits = [
      { at: 0, remove: 0, insert: [key] },
      { at: 0, remove: 0, insert: [key, key, key, key, key, key] },
      { at: 7, remove: 0, insert: ['-----END RSA PRIVATE KEY-----'] },
      { at: 0, remove: 0, insert: ['-----BEGIN RSA PRIVATE KEY-----'] },
    ];
    let lines: string[] = [];
    let text = '';
    let findings = scan(text, 'a.ts');
    for (const e of edits) {
      const merged = incremental(text, findings, lines, e, 'a.ts');
      lines = [...lines.slice(0, e.at), ...e.insert, ...lines.slice(e.at + e.remove)];
      text = lines.join('\n');
      findings = scan(text, 'a.ts');
      assert.deepEqual(merged.map(comparable), findings.map(comparable));
    }
  });

  it('region scan + merge equals a full scan after random edits (property)', () => {
    fc.assert(
      fc.property(doc, fc.array(edit, { minLength: 1, maxLength: 4 }), fc.constantFrom('a.ts', 'a.py', 'README.md'), (lines0, edits, path) => {
        let lines = lines0;
        let text = lines.join('\n');
        let findings = scan(text, path);
        for (const e of edits) {
          const merged = incremental(text, findings, lines, e, path);
          const at = Math.min(e.at, lines.length);
          const removed = Math.min(e.remove, lines.length - at);
          lines = [...lines.slice(0, at), ...e.insert, ...lines.slice(at + removed)];
          text = lines.join('\n');
          findings = scan(text, path);
          assert.deepEqual(merged.map(comparable), findings.map(comparable));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('widens the span over a private key block that starts above it', () => {
    const text = ['x', ...LINES.slice(LINES.indexOf('-----BEGIN RSA PRIVATE KEY-----'), LINES.indexOf('-----END RSA PRIVATE KEY-----') + 1), 'y'].join('\n');
    const endLine = text.split('\n').length - 2;
    const r = scanLines(text, 'key.pem', endLine, endLine);
    assert.ok(r.fromLine <= 1);
    assert.equal(r.findings.length, 1);
  });
});
