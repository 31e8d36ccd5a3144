// False alarms on random noise that real files are full of: base64 blobs, hashes, UUIDs, identifiers,
// minified code. No format may report any of it. Seeds are fixed so a failure reproduces.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KEY_FORMATS, matchFormat } from '../../../server/src/engine/formats';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';
const WORDS = ['get', 'set', 'user', 'token', 'key', 'api', 'secret', 'value', 'handler', 'config', 'live', 'test', 'client', 'request', 'stripe', 'github', 'slack', 'auth'];

const charsOf = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

function findings(line: string): string[] {
  const out: string[] = [];
  for (const f of KEY_FORMATS) for (const m of matchFormat(f, line)) out.push(`${f.id}: ${m.secret.slice(0, 12)}… (${m.secret.length})`);
  return out;
}

const PARAMS = { numRuns: 300, seed: 20261123 };

describe('formats on random noise', () => {
  it('report nothing in base64 blobs (data URLs, source maps, integrity hashes)', () => {
    fc.assert(
      fc.property(charsOf(B64, 40, 2000), fc.constantFrom('data:font/woff2;base64,', '"integrity": "sha512-', '"mappings":"', 'h1:'), (blob, lead) => {
        assert.deepEqual(findings(`${lead}${blob}=="`), []);
      }),
      PARAMS,
    );
  });

  it('report nothing in hashes and UUIDs outside any key context', () => {
    fc.assert(
      fc.property(charsOf(HEX, 32, 64), fc.uuid(), fc.constantFrom('commit', 'etag', 'checksum', 'id', 'digest'), (hex, uuid, name) => {
        assert.deepEqual(findings(`${name} = "${hex}"; ref = "${uuid}"`), []);
      }),
      PARAMS,
    );
  });

  it('report nothing in identifiers and minified code built from credential-ish words', () => {
    const ident = fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 8 }).chain((ws) =>
      fc.constantFrom(ws.join('_'), ws.join('-'), ws.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join('')),
    );
    fc.assert(
      fc.property(fc.array(ident, { minLength: 3, maxLength: 30 }), (ids) => {
        const code = ids.map((id, i) => `var ${id}=${i % 2 ? `"${id}"` : `${ids[(i + 1) % ids.length]}.${id}()`};`).join('');
        assert.deepEqual(findings(code), []);
      }),
      PARAMS,
    );
  });
});
