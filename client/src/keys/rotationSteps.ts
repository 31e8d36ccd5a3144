// The forward run of a rotation: create -> store -> update-env -> verify -> revoke -> done, each step
// journaled before and after it runs, so a resumed run starts at the first step not behind it.
// The old key is never revoked before the new one is stored and verified. No vscode import.
import { ApiError } from '../api/errors';
import { rotationSlot, ROTATION_STEPS, stepFinished, type RotationJournal, type RotationStep } from './journal';
import { matchKeyForSecret } from './keyMatch';
import type { Mem, RotationSession } from './rotationSession';
import type { RotationResult } from './rotationTypes';

async function create(s: RotationSession, j: RotationJournal, mem: Mem): Promise<void> {
  // A create that ran before (its answer lost, or its secret lost with the crash) may have left a key.
  const again = mem.createRan || !!j.steps.store || j.newKeyId !== undefined;
  // Same idempotency key as any earlier attempt: the provider replays the key it already made.
  const created = await s.deps.client.createKey(j.newName, { idempotencyKey: j.idempotencyKey });
  s.seen.add(created.secret);
  mem.secret = created.secret;
  let id = created.id;
  const named = id && !again ? undefined : await s.keysByName(j);
  if (!id && named) {
    if (named.length === 1) id = named[0].id;
    else if (j.newKeyId && named.length === 2 && named.some((k) => k.id === j.newKeyId)) id = named.find((k) => k.id !== j.newKeyId)!.id;
    else id = matchKeyForSecret(named, created.secret).key?.id;
  }
  // A provider without replay minted a second key: the earlier one with this rotation's name is
  // unusable (its secret was lost in the crash), so it goes. Only when we know which one is ours.
  const orphans = id ? [...new Set([...(j.newKeyId ? [j.newKeyId] : []), ...(named ?? []).map((k) => k.id)])].filter((k) => k !== id) : [];
  for (const orphan of orphans) {
    await s.deps.client.revokeKey(orphan).catch((e) => s.log(`could not revoke the orphaned key ${orphan}: ${String(e)}`));
  }
  j.newKeyId = id ?? j.newKeyId;
}

async function store(s: RotationSession, j: RotationJournal, mem: Mem): Promise<void> {
  if (!mem.secret && j.prevCaptured) {
    // Crash after the slot was written but before the journal said so: the slot has it already.
    const inSlot = await s.deps.secrets.get(j.newSlot);
    const prev = j.prevSlot ? await s.deps.secrets.get(j.prevSlot) : undefined;
    if (inSlot && inSlot !== prev) {
      s.seen.add(inSlot);
      mem.secret = inSlot;
    }
  }
  if (!mem.secret) {
    // Crash between create and store: the secret only existed in memory. Replay the create.
    await create(s, j, mem);
  }
  if (!j.prevCaptured) {
    const prev = await s.deps.secrets.get(j.newSlot);
    if (prev) {
      j.prevSlot = rotationSlot(j.id, 'prev');
      await s.deps.secrets.store(j.prevSlot, prev);
    }
    j.prevCaptured = true;
    await s.save(j);
  }
  await s.deps.secrets.store(j.newSlot, mem.secret!);
}

async function updateEnv(s: RotationSession, j: RotationJournal, mem: Mem): Promise<boolean> {
  const old = await s.oldValue(j);
  if (!s.deps.env || !old) return false;
  const fresh = await s.newValue(j, mem);
  if (!fresh) throw new Error('the new key is missing from SecretStorage');
  const files = await s.deps.env.replaceInEnvFiles(old, fresh);
  j.envFiles = [...new Set([...j.envFiles, ...files])];
  return true;
}

async function verify(s: RotationSession, j: RotationJournal, mem: Mem): Promise<void> {
  const fresh = await s.newValue(j, mem);
  if (!fresh) throw new Error('the new key is missing from SecretStorage; roll back and rotate again');
  const attempts = Math.max(1, s.deps.verifyAttempts ?? 3);
  for (let i = 1; ; i++) {
    try {
      await s.deps.client.validate(fresh);
      return;
    } catch (e) {
      // Only a rejection of the key can be propagation delay; anything else is final.
      if (!(e instanceof ApiError) || e.status !== 401 || i >= attempts) throw e;
      await s.sleep(500 * i);
    }
  }
}

async function revoke(s: RotationSession, j: RotationJournal): Promise<boolean> {
  if (j.steps.store !== 'done' || j.steps.verify !== 'done') throw new Error('refusing to revoke the old key before the new one is stored and verified');
  if (!j.oldKeyId) return false;
  try {
    await s.deps.client.revokeKey(j.oldKeyId);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e; // already gone is what we wanted
  }
  return true;
}

/** Runs one step; true when it had nothing to do (update-env without the old value, revoke without an id). */
async function runStep(s: RotationSession, step: RotationStep, j: RotationJournal, mem: Mem): Promise<boolean> {
  if (step === 'create') await create(s, j, mem);
  else if (step === 'store') await store(s, j, mem);
  else if (step === 'update-env') return !(await updateEnv(s, j, mem));
  else if (step === 'verify') await verify(s, j, mem);
  else if (step === 'revoke') return !(await revoke(s, j));
  return false;
}

/** Runs every step not behind the journal yet, then clears the journal and the temporary slots. */
export async function runForward(s: RotationSession, j: RotationJournal): Promise<RotationResult> {
  const mem: Mem = {};
  const warnings: string[] = [];
  for (const step of ROTATION_STEPS) {
    if (step === 'done') break;
    if (stepFinished(j, step)) continue;
    s.progress(step, 'start');
    if (step === 'create' && j.steps.create === 'started') mem.createRan = true;
    j.steps[step] = 'started';
    await s.save(j);
    let skipped = false;
    try {
      skipped = await runStep(s, step, j, mem);
    } catch (e) {
      throw await s.failure(j, step, e);
    }
    j.steps[step] = skipped ? 'skipped' : 'done';
    delete j.lastError;
    await s.save(j);
    s.progress(step, skipped ? 'skipped' : 'done');
    s.log(`rotation ${j.id}: ${step} ${skipped ? 'skipped' : 'done'}`);
    await s.deps.afterStep?.(step, structuredClone(j));
  }
  if (j.steps.revoke === 'skipped') warnings.push('The old key has no known id: revoke it in the provider dashboard.');
  if (j.steps['update-env'] === 'skipped') warnings.push('The old value was not known, so no .env file was changed.');
  j.steps.done = 'done';
  await s.cleanup(j);
  s.progress('done', 'done');
  return { journalId: j.id, newKeyId: j.newKeyId, newSlot: j.newSlot, envFiles: j.envFiles, oldRevoked: j.steps.revoke === 'done', warnings };
}
