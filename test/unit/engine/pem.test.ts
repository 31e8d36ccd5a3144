// PEM private key blocks: multi-line ranges; never public keys, certificates or bodiless headers.
import { strict as assert } from 'node:assert';
import { scan } from '../../../server/src/engine';
import { B64, randomString } from './helpers';

// A deterministic random-looking base64 body (not a real key).
function body(lines: number, seed = 7): string {
  const out: string[] = [];
  for (let l = 0; l < lines; l++) out.push(randomString(B64, 64, seed * 1000 + l + 1));
  return out.join('\n');
}
const block = (label: string, n = 6) => `-----BEGIN ${label}-----\n${body(n)}\n-----END ${label}-----`;

describe('engine: PEM private keys', () => {
  for (const label of ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'DSA PRIVATE KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PGP PRIVATE KEY BLOCK']) {
    it(`reports a ${label} block with a range over the block`, () => {
      const text = `# key\n${block(label)}\n# end\n`;
      const fs = scan(text, 'id_key');
      assert.equal(fs.length, 1);
      const f = fs[0];
      assert.equal(f.context?.kind, 'private-key');
      assert.deepEqual(f.range.start, { line: 1, character: 0 });
      assert.equal(f.range.end.line, 8);
      assert.equal(text.slice(f.offset, f.offset + f.length), block(label));
      assert.ok(!f.message.includes(body(1).slice(0, 20)));
    });
  }
  it('reports a key in a string literal with \\n escapes, with its literal range', () => {
    const inner = block('RSA PRIVATE KEY').replace(/\n/g, '\\n');
    const text = `const key = "${inner}\\n";`;
    const [f] = scan(text, 'a.ts');
    assert.equal(f.context?.kind, 'private-key');
    assert.equal(f.context?.quote, '"');
    assert.equal(text.slice(f.context!.literalOffset!, f.context!.literalOffset! + f.context!.literalLength!), `"${inner}\\n"`);
  });
  it('reports a key split over concatenated strings', () => {
    const lines = block('PRIVATE KEY').split('\n').map((l) => `  "${l}\\n" +`);
    const text = `const pem =\n${lines.join('\n')}\n  "";`;
    assert.equal(scan(text, 'a.js').length, 1);
  });
  it('ignores public keys, certificates and CSRs', () => {
    for (const label of ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE', 'CERTIFICATE REQUEST', 'PGP PUBLIC KEY BLOCK', 'OPENSSH PUBLIC KEY']) {
      assert.deepEqual(scan(block(label), 'a.pem'), [], label);
    }
  });
  it('ignores documentation: header only, ellipsis bodies, placeholders', () => {
    const docs = [
      'Keys start with -----BEGIN RSA PRIVATE KEY----- and end with -----END RSA PRIVATE KEY-----.',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\n<your private key here>\n-----END RSA PRIVATE KEY-----',
      `const HEADER = "-----BEGIN PRIVATE KEY-----";`,
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${body(3)}\n(truncated)`,
    ];
    for (const d of docs) assert.deepEqual(scan(d, 'README.md'), [], d);
  });
  it('a BEGIN without END followed by another full block reports only the full block', () => {
    const text = `-----BEGIN RSA PRIVATE KEY-----\n${body(2, 3)}\n${block('EC PRIVATE KEY')}`;
    const fs = scan(text, 'a.pem');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].range.start.line, 3);
  });
});
