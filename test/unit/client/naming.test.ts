import assert from 'node:assert/strict';
import { matchCreated, rotatedName, validateKeyName } from '../../../client/src/keys/naming';

describe('client/keys/naming', () => {
  const secret = 'pio_sk_abcdefghijklmnopqrstuvw_0000-1111-2222-3333-a1b2c3d4';
  it('matches a created key by its last digits, else by a unique name', () => {
    const keys = [
      { id: 'k1', name: 'ci', lastDigits: 'zzzz' },
      { id: 'k2', name: 'new', lastDigits: 'c3d4' },
    ];
    assert.equal(matchCreated(keys, { name: 'whatever', secret }), 'k2');
    const seed = [
      { id: 'k1', name: 'ci', createdAt: '2026-11-20T10:00:00Z' },
      { id: 'k2', name: 'new', createdAt: '2026-11-23T14:00:00Z' },
    ];
    assert.equal(matchCreated(seed, { name: 'new', secret, createdAt: '2026-11-23T14:00:00Z' }), 'k2');
    assert.equal(matchCreated([...seed, { id: 'k3', name: 'new' }], { name: 'new', secret }), undefined, 'two candidates: no guess');
    assert.equal(matchCreated(seed, { name: 'absent', secret }), undefined);
  });
  it('rotated names are unique, dated and always valid key names', () => {
    const now = new Date('2026-11-23T14:00:00Z');
    assert.equal(rotatedName('ci-pipeline', now, 'abc123'), 'ci-pipeline-rotated-2026-11-23-abc123');
    const long = rotatedName('x'.repeat(64), now);
    assert.equal(validateKeyName(long), undefined);
    assert.ok(long.length <= 64);
    assert.equal(rotatedName(undefined, now, 'f00f00'), 'key-rotated-2026-11-23-f00f00');
    assert.notEqual(rotatedName('a', now), rotatedName('a', now));
  });
});
