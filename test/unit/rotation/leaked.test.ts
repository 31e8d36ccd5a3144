// "Rotate this leaked key" decides which key a literal is against the loopback provider server over
// real HTTP: last digits only nominate, the literal's own key-list request proves it live and in
// your account, a stored full value decides by hash, and anything else asks or revokes nothing.
import * as assert from 'node:assert/strict';
import { createProviderClient } from '../../../client/src/api/client';
import type { KeyInfo } from '../../../client/src/api/types';
import { checkLiteralLive, decideLeak, describeMatch, leakCandidates, sameSecret, type LeakAccount } from '../../../client/src/keys/keyMatch';
import { PIONEER } from '../../../shared/providers/builtin';
import { mintSecret } from '../../server/state';
import { startProviderServer, type ProviderServer } from '../../server/providerServer';

/** A fresh secret ending in `tail` (fixed tails keep the digit matches deterministic). */
function secretEnding(tail: string): string {
  return mintSecret().slice(0, -tail.length) + tail;
}
/** A secret that is not `real` but ends in the same four characters (a planted look-alike). */
function lookAlike(real: string): string {
  return secretEnding(real.slice(-4));
}
/** An account whose management key ends in digits no test key uses. */
const newAccount = (s: ProviderServer) => s.addAccount(secretEnding('9999'));

describe('leaked-key matching (issue 14 item 15)', function () {
  this.timeout(20000);
  let server: ProviderServer;
  beforeEach(async () => {
    server = await startProviderServer({ shape: 'v2' });
  });
  afterEach(async () => {
    await server.close();
  });

  /** The signed-in account as the client sees it: its list fetched over HTTP with its own key. */
  async function account(mgmtSecret: string, name: string, stored: LeakAccount['stored'] = []): Promise<LeakAccount> {
    const c = createProviderClient(PIONEER, { baseUrl: server.url, getKey: () => mgmtSecret });
    try {
      const list = await c.listKeys();
      return { ref: { provider: 'pioneer', account: name }, keys: list.keys, stored };
    } finally {
      await c.close();
    }
  }
  /** The literal's own read-only request, as rotateLeakedKey makes it. */
  async function liveness(literal: string) {
    const c = createProviderClient(PIONEER, { baseUrl: server.url, getKey: () => literal });
    try {
      return await checkLiteralLive(() => c.listKeys());
    } finally {
      await c.close();
    }
  }
  const requestsFor = (secret: string) => server.state.findBySecret(secret)?.lastUsedAt;

  it('a planted look-alike with your key\'s last digits is nominated, found dead, and revokes nothing', async () => {
    const { account: acc, key: mgmt } = newAccount(server);
    const real = server.state.addKey(acc.id, { name: 'production', secret: secretEnding('a1a1') });
    const planted = lookAlike(real.secret);
    const a = await account(mgmt.secret, 'me');
    const cands = leakCandidates([a], planted);
    assert.deepEqual(
      cands.map((c) => [c.key?.id, c.matchedBy]),
      [[real.id, 'last digits']],
      'the digits alone point at the real key',
    );
    const live = await liveness(planted);
    assert.equal(live.state, 'dead');
    const d = decideLeak([a], cands, live);
    assert.equal(d.action, 'move-only');
    assert.match((d as { reason: string }).reason, /nothing is revoked/);
    assert.ok(!real.revoked);
  });

  it('a live look-alike from another account (same last digits) never nominates your key', async () => {
    const { account: mine, key: myMgmt } = newAccount(server);
    const real = server.state.addKey(mine.id, { name: 'production', secret: secretEnding('a1a1') });
    const { account: theirs } = newAccount(server);
    const planted = server.state.addKey(theirs.id, { name: 'bait', secret: lookAlike(real.secret) });
    const a = await account(myMgmt.secret, 'me');
    const cands = leakCandidates([a], planted.secret);
    assert.equal(cands[0]?.key?.id, real.id, 'the digits match your key');
    const live = await liveness(planted.secret);
    assert.equal(live.state, 'live');
    const d = decideLeak([a], cands, live);
    assert.equal(d.action, 'ask', 'never a confirmation for a key outside the literal\'s account');
    assert.deepEqual((d as { choices: unknown[] }).choices, [], 'and none of your keys is offered');
    assert.match((d as { reason: string }).reason, /not in the account the literal belongs to/);
  });

  it('a real leaked key: last digits match, the literal lists its own account, confirm names the key and what matched', async () => {
    const { account: acc, key: mgmt } = newAccount(server);
    const leaked = server.state.addKey(acc.id, { name: 'leaked-in-code', secret: secretEnding('b2b2') });
    for (let i = 0; i < 3; i++) server.state.addKey(acc.id, { name: `other-${i}`, secret: secretEnding(`00${i}x`) });
    const a = await account(mgmt.secret, 'me');
    const before = requestsFor(leaked.secret);
    const live = await liveness(leaked.secret);
    assert.notEqual(requestsFor(leaked.secret), before, 'the check was made with the literal itself');
    const d = decideLeak([a], leakCandidates([a], leaked.secret), live);
    assert.equal(d.action, 'confirm');
    if (d.action !== 'confirm') return;
    assert.equal(d.candidate.key?.id, leaked.id);
    const text = describeMatch(d.candidate, 'Pioneer');
    assert.match(text, /"leaked-in-code".*last digits match, and the provider accepted the literal itself/);
    assert.ok(!text.includes(leaked.secret.slice(0, 12)), 'the confirmation never shows the secret');
  });

  it('two of your keys share the literal\'s last digits: ask which, never guess', async () => {
    const { account: acc, key: mgmt } = newAccount(server);
    const leaked = server.state.addKey(acc.id, { name: 'ci', secret: secretEnding('c3c3') });
    const twin = server.state.addKey(acc.id, { name: 'prod', secret: lookAlike(leaked.secret) });
    const a = await account(mgmt.secret, 'me');
    const cands = leakCandidates([a], leaked.secret);
    assert.deepEqual(cands.map((c) => c.key?.name).sort(), ['ci', 'prod']);
    const d = decideLeak([a], cands, await liveness(leaked.secret));
    assert.equal(d.action, 'ask');
    const choices = (d as { choices: { key?: KeyInfo; matchedBy: string }[] }).choices;
    assert.deepEqual(choices.map((c) => c.key?.id).sort(), [leaked.id, twin.id, mgmt.id].sort(), 'every key of the literal\'s account is a choice');
    assert.ok(choices.every((c) => c.matchedBy === 'your choice'));
    assert.match(describeMatch(choices[0] as never, 'Pioneer'), /you picked it/);
  });

  it('a stored full value decides by hash, even where last digits are ambiguous', async () => {
    const { account: acc, key: mgmt } = newAccount(server);
    const kept = server.state.addKey(acc.id, { name: 'kept', secret: secretEnding('d4d4') });
    server.state.addKey(acc.id, { name: 'twin', secret: lookAlike(kept.secret) });
    const a = await account(mgmt.secret, 'me', [
      { secret: mgmt.secret, own: true },
      { keyId: kept.id, secret: kept.secret, own: false },
    ]);
    const cands = leakCandidates([a], kept.secret);
    assert.deepEqual(
      cands.map((c) => [c.key?.id, c.matchedBy]),
      [[kept.id, 'full value (stored key)']],
    );
    const d = decideLeak([a], cands, await liveness(kept.secret));
    assert.equal(d.action, 'confirm');
    // A look-alike of a stored key is not the stored key: the hash does not match, digits nominate.
    assert.equal(leakCandidates([a], lookAlike(kept.secret))[0].matchedBy, 'last digits');
    assert.equal(sameSecret(kept.secret, kept.secret + ' '), false);
  });

  it('a literal whose liveness cannot be checked (provider unreachable) revokes nothing', async () => {
    const { account: acc, key: mgmt } = newAccount(server);
    const leaked = server.state.addKey(acc.id, { name: 'leaked', secret: secretEnding('e5e5') });
    const a = await account(mgmt.secret, 'me');
    const url = server.url;
    await server.close();
    const c = createProviderClient(PIONEER, { baseUrl: url, getKey: () => leaked.secret });
    const live = await checkLiteralLive(() => c.listKeys());
    await c.close();
    assert.equal(live.state, 'unknown');
    assert.equal(decideLeak([a], leakCandidates([a], leaked.secret), live).action, 'move-only');
    server = await startProviderServer({ shape: 'v2' }); // for afterEach
  });
});
