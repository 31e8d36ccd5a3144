// Keys a server echoes back in an error are scrubbed in every encoding a body can carry: exact,
// URL-encoded (once or twice), JSON-escaped, base64 (std and url-safe, any alignment), and split by
// a line break (issue 14 item 9). Generated keys; an independent decoder is the oracle.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { echoScrubber, errorFromResponse, userMessage } from '../../../client/src/api/errors';
import { maskSecret } from '../../../client/src/redact';
import { PIONEER } from '../../../shared/providers/builtin';
import { setup } from './harness';

const squash = (t: string) => t.replace(/\\[rnt]/g, '').replace(/\s+/g, '');
const percentDecode = (t: string) => t.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
const jsonUnescape = (t: string) =>
  t.replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/]))/g, (_m, u: string | undefined, c: string | undefined) => (u ? String.fromCharCode(parseInt(u, 16)) : c!));
const entityDecode = (t: string) => t.replace(/&#(?:[xX]([0-9a-fA-F]+)|(\d+));/g, (_m, x: string | undefined, d: string | undefined) => String.fromCharCode(x ? parseInt(x, 16) : Number(d)));

/** Does `text` still carry `key` in any form a reader could recover? Decodes instead of matching. */
function recoverable(text: string, key: string): boolean {
  const views = new Set<string>([text]);
  for (const decode of [percentDecode, percentDecode, jsonUnescape, entityDecode]) for (const v of [...views]) views.add(decode(v));
  for (const v of [...views]) {
    for (const run of v.match(/[A-Za-z0-9+/_=-]{12,}/g) ?? []) {
      const std = run.replace(/-/g, '+').replace(/_/g, '/');
      for (let off = 0; off < 4; off++) views.add(Buffer.from(std.slice(off), 'base64').toString('latin1'));
    }
  }
  const needle = squash(key);
  return [...views].some((v) => squash(v).includes(needle));
}

// Printable ASCII as a header allows, minus the backslash (no key alphabet has one, and it would make
// the oracle's own unescaping ambiguous).
const KEY = fc
  .tuple(fc.constantFrom('pio_sk_', 'sk-', 'ghp_', 'xoxb-', ''), fc.stringMatching(/^[\x21-\x5b\x5d-\x7e]{16,60}$/))
  .map(([p, rest]) => p + rest)
  .filter((k) => !/\s/.test(k));

type Encode = (key: string, before: string, after: string) => string;
const ENCODINGS: Record<string, Encode> = {
  exact: (k, b, a) => `${b}${k}${a}`,
  urlEncoded: (k, b, a) => `${b}${encodeURIComponent(k)}${a}`,
  urlEncodedLower: (k, b, a) => `${b}${encodeURIComponent(k).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}${a}`,
  urlEncodedAll: (k, b, a) => `${b}${[...k].map((c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join('')}${a}`,
  doubleEncoded: (k, b, a) => `${b}${encodeURIComponent(encodeURIComponent(k))}${a}`,
  formEncoded: (k, b, a) => `${b}${new URLSearchParams({ k }).toString().slice(2)}${a}`,
  base64: (k, b, a) => Buffer.from(`${b}${k}${a}`).toString('base64'),
  base64url: (k, b, a) => Buffer.from(`${b}${k}${a}`).toString('base64url'),
  basicAuth: (k, b) => `Basic ${Buffer.from(`${b.replace(/:/g, '')}:${k}`).toString('base64')}`,
  jsonEscaped: (k, b, a) => JSON.stringify(`${b}${k}${a}`).slice(1, -1),
  unicodeEscaped: (k, b, a) => `${b}${[...k].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}${a}`,
  splitByNewline: (k, b, a) => `${b}${k.slice(0, 9)}\n${k.slice(9)}${a}`,
  splitByEscapedNewline: (k, b, a) => `${b}${k.slice(0, 11)}\\n${k.slice(11)}${a}`,
  splitBySpaces: (k, b, a) => `${b}${k.slice(0, 5)} ${k.slice(5, 14)}\r\n  ${k.slice(14)}${a}`,
};

describe('api errors: echoed keys are scrubbed in every encoding', () => {
  // No backslash, `%` or `&` around the echo: they would join the key's own escapes ("%0" + "0%5d…"
  // reads as "%00…") and make the oracle's decoding, not the scrubber, ambiguous.
  const text = fc.string({ maxLength: 30 }).map((t) => t.replace(/[\\%&]/g, '/'));

  for (const [name, encode] of Object.entries(ENCODINGS)) {
    it(`${name}: the oracle sees the raw echo, and not what the scrubber leaves`, () => {
      fc.assert(
        fc.property(KEY, text, text, (key, before, after) => {
          const echo = encode(key, before, after);
          assert.ok(recoverable(echo, key), `the oracle must recover the key from the raw echo: ${echo}`);
          const out = echoScrubber(key, maskSecret(key))(`the server said: ${echo}.`);
          assert.ok(!recoverable(out, key), `survived: ${out}`);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('every field of a decoded error body is scrubbed (message, code, request id, link)', () => {
    fc.assert(
      fc.property(KEY, fc.constantFrom(...Object.values(ENCODINGS)), (key, encode) => {
        const echo = encode(key, 'x', 'y');
        const body = JSON.stringify({ error: { code: echo, message: `bad ${echo}`, request_id: echo }, resolution_url: `https://x.test/?k=${echo}` });
        const e = errorFromResponse({ provider: PIONEER, status: 400, body, scrub: echoScrubber(key, maskSecret(key)) });
        for (const t of [e.message, e.code ?? '', e.requestId ?? '', e.link ?? '', userMessage(e), JSON.stringify(e)]) assert.ok(!recoverable(t, key), t);
      }),
      { numRuns: 300 },
    );
  });

  it('text without the key is left as it was', () => {
    fc.assert(
      fc.property(KEY, fc.string({ maxLength: 200 }), (key, t) => {
        fc.pre(!recoverable(t, key));
        assert.equal(echoScrubber(key, maskSecret(key))(t), t);
      }),
      { numRuns: 300 },
    );
  });

  it('end to end: a loopback server echoing the key base64-encoded, URL-encoded and split never shows it', async () => {
    const h = await setup('v2');
    try {
      const k = h.mgmtKey;
      const echo = `auth ${Buffer.from(`user:${k}`).toString('base64')} q=${encodeURIComponent(k)} raw=${k.slice(0, 10)}\n${k.slice(10)}`;
      h.server.faults.scripted.push({ status: 400, body: JSON.stringify({ detail: echo }) });
      const e = await h.rejects<Error>(h.client().listKeys());
      assert.ok(!recoverable(e.message, k), e.message);
      assert.ok(!recoverable(userMessage(e), k));
      assert.match(e.message, /pio_sk_\u2026\[\d+ chars\]/);
    } finally {
      await h.close();
    }
  });
});
