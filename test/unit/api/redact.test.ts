// The redactor used by the log channel: known secrets anywhere, unknown ones next to auth fields.
import * as assert from 'node:assert/strict';
import { createRedactor, maskSecret } from '../../../client/src/redact';
import { mintSecret } from '../../server/state';

describe('redact', () => {
  const key = mintSecret();
  it('masks to a short prefix and the length', () => {
    assert.equal(maskSecret(key), `pio_sk_\u2026[${key.length} chars]`);
    assert.equal(maskSecret('abcdefghijklmnopqrstuvwxyz'), 'abcd\u2026[26 chars]');
    assert.equal(maskSecret('short-one'), '\u2026[9 chars]');
  });
  it('hides a known secret wherever it appears, even several times', () => {
    const r = createRedactor();
    r.add(key);
    const out = r.redact(`stored ${key}; again:${key}.`);
    assert.ok(!out.includes(key));
    assert.equal(out.split('pio_sk_\u2026').length, 3);
  });
  it('masks unknown tokens after auth headers and key fields', () => {
    const r = createRedactor();
    const lines = [
      'X-API-Key: zq9XrT5mPa7LwE3vB8nK',
      'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig_abcdef',
      '{"secret_key": "Q2hhbmdlTWVQbGVhc2UhISE", "name": "ci"}',
      'curl -H "x-api-key: 1234567890abcdefghij" https://api',
      'api_key=AbCdEfGh12345678 trailing',
    ];
    for (const l of lines) {
      const out = r.redact(l);
      assert.ok(/\u2026\[\d+ chars\]/.test(out), `masked: ${out}`);
      for (const tok of ['zq9XrT5mPa7LwE3vB8nK', 'eyJhbGciOiJIUzI1NiJ9', 'Q2hhbmdlTWVQbGVhc2UhISE', '1234567890abcdefghij', 'AbCdEfGh12345678']) {
        assert.ok(!out.includes(tok), `${tok} left in ${out}`);
      }
    }
  });
  it('masks provider key shapes anywhere and leaves ordinary text alone', () => {
    const r = createRedactor();
    assert.ok(!r.redact(`found ${key} in src/app.ts`).includes(key));
    const plain = 'GET https://api.pioneer.ai/list-api-keys -> 200 in 12 ms (req_pi_0f4e) key_id=key_abc';
    assert.equal(r.redact(plain), plain);
    assert.equal(r.redact(''), '');
  });
  it('is idempotent: redacting a redacted line changes nothing', () => {
    const r = createRedactor();
    r.add(key);
    const once = r.redact(`X-API-Key: ${key} and Bearer pi_live_ABCDEFGHJKLMNPQRSTUV`);
    assert.equal(r.redact(once), once);
  });
  it('ignores too-short values that would mask ordinary words', () => {
    const r = createRedactor();
    r.add('abc');
    r.add(undefined);
    assert.equal(r.redact('abc def'), 'abc def');
  });
});
