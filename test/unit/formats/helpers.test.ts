// The small judgements the formats share: entropy, placeholders, and how matchFormat treats long lines.
import assert from 'node:assert/strict';
import { entropy, formatById, isPlaceholder, matchFormat } from '../../../server/src/engine/formats';
import { Synth, CS } from '../../../server/src/engine/formats/synth';

const g = new Synth('helpers-test');

describe('format helpers', () => {
  it('measures Shannon entropy per character', () => {
    assert.equal(entropy(''), 0);
    assert.equal(entropy('aaaaaaaa'), 0);
    assert.equal(entropy('abababab'), 1);
    assert.equal(entropy('abcdefgh'), 3);
    assert.ok(entropy(g.s(CS.alnum, 64)) > 5);
  });

  it('knows documentation placeholders from random keys', () => {
    for (const p of [
      'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_your_token_here_your_api_key',
      'pio_sk_<your-key>',
      'sk-proj-...',
      'key_${API_KEY}',
      'sk_test_1234567890abcdef12345678',
      'token_00000000000000000000',
      'dummy_secret_value_for_tests',
      'REDACTED_REDACTED',
      '****************',
    ]) {
      assert.equal(isPlaceholder(p), true, p);
    }
    for (let i = 0; i < 200; i++) {
      const key = g.s(CS.alnum, 40);
      assert.equal(isPlaceholder(key), false, key);
    }
    // Zero bytes in base64 are runs of A: structured tokens carry them.
    assert.equal(isPlaceholder(`AAAAAAAAAAAAAAAAAAAAA${g.s(CS.alnum, 40)}`), false);
  });

  it('reports the offset of a key deep inside a long (minified) line', () => {
    const f = formatById('stripe-secret-key')!;
    const key = `sk_live_${g.s(CS.alnum, 99)}`;
    const line = `${'var a=1;'.repeat(800)}x("${key}");${'b++;'.repeat(500)}`;
    const [m] = matchFormat(f, line);
    assert.equal(m.secret, key);
    assert.equal(line.slice(m.offset, m.offset + key.length), key);
  });

  it('takes provider context from near the key on a long line, not from anywhere on it', () => {
    const f = formatById('twilio-api-key')!;
    const sid = `SK${g.s(CS.hex, 32)}`;
    const near = `${'x=1;'.repeat(600)}const twilioKey="${sid}";${'y=2;'.repeat(600)}`;
    assert.equal(matchFormat(f, near).length, 1);
    const far = `twilio();${'x=1;'.repeat(600)}const k="${sid}";${'y=2;'.repeat(600)}`;
    assert.equal(matchFormat(f, far).length, 0);
    // A short line is its own context.
    assert.equal(matchFormat(f, `twilio(); const k = "${sid}";`).length, 1);
  });
});
