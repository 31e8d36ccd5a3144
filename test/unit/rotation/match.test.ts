// Finding the listed key a leaked secret belongs to, by last digits or masked preview.
import * as assert from 'node:assert/strict';
import { createProviderClient } from '../../../client/src/api/client';
import { findKeyForSecret, matchKeyForSecret } from '../../../client/src/keys/rotation';
import { PIONEER } from '../../../shared/providers/builtin';
import { startProviderServer } from '../../server/providerServer';

const secret = 'pio_sk_Zr8Kq2LmN5pQ7sT9vW1xY3a_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('findKeyForSecret', () => {
  it('matches by last digits', () => {
    const list = [
      { id: 'a', name: 'one', lastDigits: '1111' },
      { id: 'b', name: 'two', lastDigits: 'e1f0' },
    ];
    assert.equal(findKeyForSecret(list, secret)?.id, 'b');
  });
  it('matches masked previews in common forms', () => {
    for (const preview of ['pio_sk_Zr8K...e1f0', 'pio_sk_Zr8K****', '****e1f0', 'pio_sk_Zr\u2026e1f0', 'pio_sk_Zr8Kq2']) {
      const m = matchKeyForSecret([{ id: 'p', name: 'x', preview }, { id: 'q', name: 'y', preview: 'pio_sk_AAAA...0000' }], secret);
      assert.equal(m.key?.id, 'p', preview);
    }
  });
  it('ambiguous matches give no key and a reason naming them', () => {
    const m = matchKeyForSecret(
      [
        { id: 'a', name: 'ci', lastDigits: 'e1f0' },
        { id: 'b', name: 'prod', preview: 'pio_sk_Zr8K...' },
      ],
      secret,
    );
    assert.equal(m.key, undefined);
    assert.match(m.reason!, /Ambiguous: 2 keys match \(ci, prod\)/);
  });
  it('no match, too little to go on, or an unmaskable list', () => {
    assert.match(matchKeyForSecret([{ id: 'a', name: 'x', lastDigits: '9999' }], secret).reason!, /No listed key/);
    assert.equal(findKeyForSecret([{ id: 'a', name: 'x', lastDigits: 'f0' }], secret), undefined, 'two digits are not evidence');
    assert.equal(findKeyForSecret([{ id: 'a', name: 'x', preview: '***' }], secret), undefined);
    assert.match(matchKeyForSecret([{ id: 'a', name: 'x' }], secret).reason!, /no last digits or previews/);
    assert.match(matchKeyForSecret([], '  ').reason!, /empty/);
  });
  it('finds a leaked key in a real v2 listing from the loopback server', async () => {
    const server = await startProviderServer({ shape: 'v2' });
    try {
      const { account, key } = server.addAccount();
      const leaked = server.state.addKey(account.id, { name: 'leaked' });
      for (let i = 0; i < 20; i++) server.state.addKey(account.id, { name: `other-${i}` });
      const client = createProviderClient(PIONEER, { baseUrl: server.url, getKey: () => key.secret });
      const list = await client.listKeys();
      await client.close();
      const m = matchKeyForSecret(list.keys, leaked.secret);
      // Four hex digits can collide among 22 keys; then the answer must be "ambiguous", never a wrong key.
      if (m.key) assert.equal(m.key.id, leaked.id);
      else assert.match(m.reason!, /Ambiguous/);
    } finally {
      await server.close();
    }
  });
});
