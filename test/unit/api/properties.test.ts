// Property tests: decoders never throw on arbitrary input, and redaction never lets a known key through.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeErrorBody, errorFromResponse, userMessage } from '../../../client/src/api/errors';
import { FieldError, readCreated, readList } from '../../../client/src/api/fields';
import { createRedactor } from '../../../client/src/redact';
import { PIONEER } from '../../../shared/providers/builtin';

const mgmt = PIONEER.management!;

describe('properties', () => {
  it('decodeErrorBody and errorFromResponse accept any text and any status', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ error: v, detail: v }))), fc.integer({ min: 100, max: 599 }), (body, status) => {
        decodeErrorBody(body);
        const e = errorFromResponse({ provider: PIONEER, status, body });
        assert.ok(e.message.length > 0 && e.message.length <= 300);
        assert.ok(userMessage(e).length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('readList / readCreated either read or throw FieldError, nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        for (const [body, read] of [
          [{ keys: a, count: b }, (x: unknown) => readList(x, mgmt.list!)],
          [{ keys: [a, b] }, (x: unknown) => readList(x, mgmt.list!)],
          [a, (x: unknown) => readList(x, mgmt.list!)],
          [{ key: a, id: b, name: a }, (x: unknown) => readCreated(x, mgmt.create!, mgmt.list)],
        ] as const) {
          try {
            read(body);
          } catch (e) {
            assert.ok(e instanceof FieldError, String(e));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a known secret never survives redaction, whatever surrounds it', () => {
    const secretArb = fc.stringMatching(/^[A-Za-z0-9_-]{8,80}$/);
    fc.assert(
      fc.property(secretArb, fc.string(), fc.string(), (secret, before, after) => {
        const r = createRedactor();
        r.add(secret);
        const out = r.redact(`${before}${secret}${after}${secret}`);
        assert.ok(!out.includes(secret), out);
      }),
      { numRuns: 1000 },
    );
  });
});
