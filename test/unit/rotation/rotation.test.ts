// Rotation with a crash after every step, then resume or rollback from the persisted journal,
// against the real loopback server: nothing lost, and never a revoked key without a verified one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError } from '../../../client/src/api/errors';
import { RotationError, type RotateRequest, type RotationProgress, type RotationStep } from '../../../client/src/keys/rotation';
import { assertNoSecrets } from '../api/harness';
import { rig, type Rig } from './harness';

type Scenario = 'leaked' | 'management';
const STEPS: RotationStep[] = ['create', 'store', 'update-env', 'verify', 'revoke'];

class Crash extends Error {}

function envFor(s: Scenario) {
  return ({ mgmtKey, leaked }: { mgmtKey: string; leaked: { secret: string } }) => {
    const v = s === 'leaked' ? leaked.secret : mgmtKey;
    return {
      '.env': `# local\nPIONEER_API_KEY=${v}\nOTHER=1\n`,
      'app/.env.local': `PIONEER_API_KEY="${v}"\nBACKUP_KEY='${v}'\n`,
      '.env.example': 'PIONEER_API_KEY=your_key_here\n',
    };
  };
}

function request(r: Rig, s: Scenario): RotateRequest {
  return s === 'leaked'
    ? { providerId: 'pioneer', accountId: r.accountId, oldKeyId: r.leaked.id, oldKeyName: 'ci-pipeline', oldSecret: r.leaked.secret, newSlot: `${r.mgmtSlot}.ci-pipeline` }
    : { providerId: 'pioneer', accountId: r.accountId, oldKeyId: r.mgmtKeyId, oldKeyName: 'management', oldSlot: r.mgmtSlot, newSlot: r.mgmtSlot };
}

const oldSecret = (r: Rig, s: Scenario) => (s === 'leaked' ? r.leaked.secret : r.mgmtKey);
const newSlot = (r: Rig, s: Scenario) => request(r, s).newSlot;
const readEnv = (r: Rig) => r.envFiles.map((f) => fs.readFileSync(f, 'utf8'));

/** The house guarantee, checked at every step: the old key is only gone once a verified one is stored. */
function assertNeverStranded(r: Rig, s: Scenario, verified: boolean): void {
  if (r.server.state.isActive(oldSecret(r, s))) return;
  const stored = r.slots.get(newSlot(r, s));
  assert.ok(verified, 'old key revoked before verify');
  assert.ok(stored && r.server.state.isActive(stored), 'old key revoked without a working stored replacement');
}

function assertNoTempSlots(r: Rig): void {
  assert.deepEqual([...r.slots.keys()].filter((k) => k.startsWith('keyward.rotation.')), []);
}

function assertRotated(r: Rig, s: Scenario, activeBefore: number): void {
  const old = oldSecret(r, s);
  const fresh = r.slots.get(newSlot(r, s));
  assert.ok(fresh && fresh !== old, 'the new key is stored');
  assert.equal(r.server.state.isActive(fresh), true, 'the new key works');
  assert.equal(r.server.state.isActive(old), false, 'the old key is revoked');
  const env = readEnv(r);
  assert.ok(!env.some((t) => t.includes(old)), 'no .env file keeps the old value');
  assert.equal(env[0].split(fresh).length, 2);
  assert.equal(env[1].split(fresh).length, 3, 'both occurrences replaced');
  assert.equal(env[2], 'PIONEER_API_KEY=your_key_here\n', 'placeholders untouched');
  assert.equal(r.server.state.activeKeys(r.accountId).length, activeBefore, 'exactly one new key, one revoked');
  assert.equal(r.readJournal(), undefined, 'journal cleared');
  assertNoTempSlots(r);
}

const activeIds = (r: Rig) => r.server.state.activeKeys(r.accountId).map((k) => k.id).sort();

function assertRolledBack(r: Rig, s: Scenario, idsBefore: string[]): void {
  const old = oldSecret(r, s);
  assert.equal(r.server.state.isActive(old), true, 'the old key still works');
  if (s === 'management') assert.equal(r.slots.get(r.mgmtSlot), old, 'the old key is back in its slot');
  else assert.equal(r.slots.get(newSlot(r, s)), undefined, 'the new slot is gone');
  const env = readEnv(r);
  assert.equal(env[0], `# local\nPIONEER_API_KEY=${old}\nOTHER=1\n`);
  assert.equal(env[1], `PIONEER_API_KEY="${old}"\nBACKUP_KEY='${old}'\n`);
  assert.deepEqual(activeIds(r), idsBefore, 'exactly the keys of before: no orphan new key');
  assert.equal(r.readJournal(), undefined, 'journal cleared');
  assertNoTempSlots(r);
}

for (const shape of ['seed', 'v2'] as const) {
  for (const scenario of ['leaked', 'management'] as const) {
    describe(`rotation (${shape} shape, ${scenario} key)`, () => {
      let r: Rig;
      const journalWrites: string[] = [];
      beforeEach(async () => {
        r = await rig(shape, envFor(scenario));
      });
      afterEach(async () => {
        assertNoSecrets([...r.logs, ...journalWrites], r.allSecrets());
        await r.close();
      });

      it('runs every step in order, with progress, and ends rotated', async () => {
        const before = r.server.state.activeKeys(r.accountId).length;
        const events: RotationProgress[] = [];
        const { rotation, store } = r.machine({ onProgress: (p) => events.push(p) });
        const res = await rotation.rotate(request(r, scenario));
        journalWrites.push(...store.writes);
        assert.deepEqual(
          events.map((e) => `${e.step}:${e.state}`),
          [...STEPS.flatMap((s) => [`${s}:start`, `${s}:done`]), 'done:done'],
        );
        assert.equal(events[0].total, 6);
        assert.equal(res.oldRevoked, true);
        assert.deepEqual(res.envFiles, [r.envFiles[0], r.envFiles[1]]);
        assert.deepEqual(res.warnings, []);
        assert.match(res.newKeyId ?? '', /^key_/, 'the new key id is known even when the create response has none');
        assertRotated(r, scenario, before);
      });

      for (const crashAt of STEPS) {
        for (const mode of ['resume', 'rollback'] as const) {
          it(`crash after ${crashAt}, then ${mode}`, async () => {
            const before = r.server.state.activeKeys(r.accountId).length;
            const idsBefore = activeIds(r);
            let verified = false;
            const first = r.machine({
              afterStep: (step, j) => {
                if (step === 'verify') verified = true;
                assert.equal(j.steps[step] === 'done' || j.steps[step] === 'skipped', true);
                assertNeverStranded(r, scenario, verified);
                if (step === crashAt) throw new Crash(`crash after ${step}`);
              },
            });
            await assert.rejects(first.rotation.rotate(request(r, scenario)), Crash);
            journalWrites.push(...first.store.writes);
            const persisted = r.readJournal();
            assert.ok(persisted, 'the journal survived the crash');
            assert.equal(persisted.steps[crashAt], 'done');
            assertNeverStranded(r, scenario, verified);

            // A new window: fresh client and machine over the journal on disk.
            const second = r.machine();
            assert.equal(second.rotation.pending()?.id, persisted.id);
            if (mode === 'resume') {
              await second.rotation.resume();
              assertRotated(r, scenario, before);
            } else {
              const rb = await second.rotation.rollback();
              if (crashAt === 'revoke') {
                assert.ok(rb.finishedInstead, 'after revoke there is nothing to roll back');
                assertRotated(r, scenario, before);
              } else {
                assert.equal(rb.newKeyRemoved, true);
                assertRolledBack(r, scenario, idsBefore);
              }
            }
            journalWrites.push(...second.store.writes);
          });
        }
      }
    });
  }
}

describe('rotation: failures inside a step', () => {
  let r: Rig;
  const journalWrites: string[] = [];
  beforeEach(async () => {
    r = await rig('seed', envFor('leaked'));
  });
  afterEach(async () => {
    assertNoSecrets([...r.logs, ...journalWrites], r.allSecrets());
    await r.close();
  });

  it('create whose answer is lost: resume replays the same key, exactly one new key', async () => {
    const before = r.server.state.activeKeys(r.accountId).length;
    r.server.faults.dropAfter = 1;
    r.server.faults.paths = ['/create-api-key'];
    const first = r.machine({}, { retries: 0 });
    const err = await first.rotation.rotate(request(r, 'leaked')).catch((e) => e);
    assert.ok(err instanceof RotationError);
    assert.equal(err.step, 'create');
    assert.equal(r.readJournal()?.steps.create, 'started');
    assert.match(r.readJournal()?.lastError ?? '', /^create: /);
    assert.equal(r.server.state.activeKeys(r.accountId).length, before + 1, 'the server did create it');
    const second = r.machine();
    await second.rotation.resume();
    journalWrites.push(...first.store.writes, ...second.store.writes);
    assertRotated(r, 'leaked', before);
  });

  it('create whose answer is lost: rollback finds the key by its name and revokes it', async () => {
    const before = r.server.state.activeKeys(r.accountId).length;
    const idsBefore = activeIds(r);
    r.server.faults.dropAfter = 1;
    r.server.faults.paths = ['/create-api-key'];
    const first = r.machine({}, { retries: 0 });
    await assert.rejects(first.rotation.rotate(request(r, 'leaked')), RotationError);
    const rb = await r.machine().rotation.rollback();
    assert.equal(rb.newKeyRemoved, true);
    assertRolledBack(r, 'leaked', idsBefore);
  });

  it('verify fails: the old key is not revoked; rollback removes the new key and restores .env', async () => {
    const before = r.server.state.activeKeys(r.accountId).length;
    const idsBefore = activeIds(r);
    let attempts = 0;
    const { rotation, store } = r.machine({
      verifyAttempts: 2,
      afterStep: (step) => {
        if (step === 'update-env') {
          // The next validate calls see a 401, as for a key that does not work.
          for (let i = 0; i < 2; i++) r.server.faults.scripted.push({ status: 401, body: '{"detail":"Invalid API key."}' });
          r.server.faults.paths = ['/list-api-keys'];
        }
        if (step === 'verify') attempts++;
      },
    });
    const err = await rotation.rotate(request(r, 'leaked')).catch((e) => e);
    journalWrites.push(...store.writes);
    assert.ok(err instanceof RotationError && err.step === 'verify');
    assert.ok(err.cause instanceof ApiError && err.cause.status === 401);
    assert.equal(attempts, 0);
    assert.equal(r.server.state.isActive(r.leaked.secret), true, 'old key untouched');
    assert.ok(readEnv(r)[0].includes(r.slots.get(newSlot(r, 'leaked'))!), '.env already had the new value');
    r.server.resetFaults();
    await r.machine().rotation.rollback();
    assertRolledBack(r, 'leaked', idsBefore);
  });

  it('revoke whose answer is lost: rollback finishes instead (old key already gone)', async () => {
    const before = r.server.state.activeKeys(r.accountId).length;
    r.server.faults.dropAfter = 1;
    r.server.faults.paths = ['/delete-api-key'];
    const first = r.machine({}, { retries: 0 });
    const err = await first.rotation.rotate(request(r, 'leaked')).catch((e) => e);
    assert.ok(err instanceof RotationError && err.step === 'revoke');
    assert.equal(r.server.state.isActive(r.leaked.secret), false, 'the server revoked it');
    const rb = await r.machine().rotation.rollback();
    assert.ok(rb.finishedInstead);
    assertRotated(r, 'leaked', before);
  });

  it('a rollback that fails half-way can be resumed', async () => {
    const before = r.server.state.activeKeys(r.accountId).length;
    const idsBefore = activeIds(r);
    const first = r.machine({ afterStep: (s) => { if (s === 'verify') throw new Crash('x'); } });
    await assert.rejects(first.rotation.rotate(request(r, 'leaked')), Crash);
    r.server.faults.serverErrors = 5;
    r.server.faults.paths = ['/delete-api-key'];
    const err = await r.machine({}, { retries: 0 }).rotation.rollback().catch((e) => e);
    assert.ok(err instanceof RotationError && err.step === 'rollback');
    assert.equal(r.readJournal()?.phase, 'rolling-back');
    r.server.resetFaults();
    const rb = await r.machine().rotation.resume();
    assert.ok('newKeyRemoved' in rb && rb.newKeyRemoved);
    assertRolledBack(r, 'leaked', idsBefore);
  });

  it('a new key named like the old one: rollback never revokes the old key by name', async () => {
    const idsBefore = activeIds(r);
    for (const crashAt of ['create', 'verify'] as const) {
      const seed = r.machine({ afterStep: (s) => { if (s === crashAt) throw new Crash('x'); } });
      await assert.rejects(seed.rotation.rotate({ ...request(r, 'leaked'), newName: 'ci-pipeline' }), Crash);
      const rb = await r.machine().rotation.rollback();
      assert.equal(rb.newKeyRemoved, true);
      assertRolledBack(r, 'leaked', idsBefore);
    }
  });

  for (const shape of ['seed', 'v2'] as const) {
    it(`a provider without replay (${shape}): crash after create, resume revokes the unusable first key`, async () => {
      await r.close();
      r = await rig(shape, envFor('leaked'));
      r.server.options.idempotency = false;
      const before = r.server.state.activeKeys(r.accountId).length;
      const first = r.machine({ afterStep: (s) => { if (s === 'create') throw new Crash('x'); } });
      await assert.rejects(first.rotation.rotate(request(r, 'leaked')), Crash);
      assert.equal(r.server.state.activeKeys(r.accountId).length, before + 1);
      await r.machine().rotation.resume();
      assertRotated(r, 'leaked', before);
    });
  }

  it('a provider without replay, create answer lost: resume keeps one new key and revokes the stray', async () => {
    await r.close();
    r = await rig('v2', envFor('leaked'));
    r.server.options.idempotency = false;
    const before = r.server.state.activeKeys(r.accountId).length;
    r.server.faults.dropAfter = 1;
    r.server.faults.paths = ['/create-api-key'];
    await assert.rejects(r.machine({}, { retries: 0 }).rotation.rotate(request(r, 'leaked')), RotationError);
    await r.machine().rotation.resume();
    assertRotated(r, 'leaked', before);
  });

  it('crash inside store, after the slot was written: resume uses the stored key, no second create', async () => {
    const before = r.server.state.activeKeys(r.accountId).length;
    r.server.options.idempotency = false; // a second create would show as a second key
    const slots = {
      get: async (k: string) => r.slots.get(k),
      store: async (k: string, v: string) => {
        r.slots.set(k, v);
        if (k === newSlot(r, 'leaked')) throw new Crash('killed right after writing the slot');
      },
      delete: async (k: string) => void r.slots.delete(k),
    };
    await assert.rejects(r.machine({ secrets: slots }).rotation.rotate(request(r, 'leaked')), RotationError);
    assert.equal(r.readJournal()?.steps.store, 'started');
    const creates = r.server.stats.byPath['/create-api-key'];
    await r.machine().rotation.resume();
    assert.equal(r.server.stats.byPath['/create-api-key'], creates, 'no second create');
    assertRotated(r, 'leaked', before);
  });

  it('refuses a second rotation while one is unfinished, and explains when there is nothing to resume', async () => {
    const first = r.machine({ afterStep: () => { throw new Crash('x'); } });
    await assert.rejects(first.rotation.rotate(request(r, 'leaked')), Crash);
    await assert.rejects(r.machine().rotation.rotate(request(r, 'leaked')), /Another key rotation is unfinished/);
    await r.machine().rotation.rollback();
    await assert.rejects(r.machine().rotation.resume(), /no unfinished key rotation/);
  });

  it('without an old key id or value: rotates, skips revoke and .env, and says so', async () => {
    const { rotation } = r.machine();
    const res = await rotation.rotate({ providerId: 'pioneer', accountId: r.accountId, newSlot: 'keyward.pioneer.extra', newName: 'fresh' });
    assert.equal(res.oldRevoked, false);
    assert.equal(res.warnings.length, 2);
    assert.ok(r.server.state.isActive(r.slots.get('keyward.pioneer.extra')!));
    assert.equal(r.server.state.isActive(r.leaked.secret), true);
  });

  it('a corrupt persisted journal is not acted on', async () => {
    fs.writeFileSync(r.journalFile, JSON.stringify({ version: 1, id: 'x', steps: { create: 'maybe' } }));
    const m = r.machine();
    assert.equal(m.rotation.pending(), undefined);
    await assert.rejects(m.rotation.resume(), /no unfinished key rotation/);
    assert.ok(fs.existsSync(path.join(r.dir, '.env')));
  });
});
