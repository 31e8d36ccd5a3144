// Rolling a rotation back before the old key is revoked: .env files and the slot get the old value
// again, and the new key (also one whose create answer was lost) is revoked. Once the old key may be
// gone the only safe direction is forward, so the rotation is finished instead. No vscode import.
import { ApiError } from '../api/errors';
import { ROTATION_STEPS, stepFinished, type RotationJournal } from './journal';
import type { RotationSession } from './rotationSession';
import { runForward } from './rotationSteps';
import type { RollbackResult } from './rotationTypes';

/** Puts the earlier value back into .env files and newSlot; returns the .env files restored. */
async function restoreValues(s: RotationSession, j: RotationJournal): Promise<string[]> {
  let envFilesRestored: string[] = [];
  const old = await s.oldValue(j);
  const prev = j.prevSlot ? await s.deps.secrets.get(j.prevSlot) : undefined;
  // What newSlot holds now is the new secret unless it is still the earlier content.
  let fresh: string | undefined;
  if (j.prevCaptured) {
    const inSlot = await s.deps.secrets.get(j.newSlot);
    if (inSlot && inSlot !== prev) fresh = inSlot;
  }
  if (fresh) s.seen.add(fresh);
  if (s.deps.env && old && fresh) {
    envFilesRestored = s.deps.env.revertEnvFiles ? await s.deps.env.revertEnvFiles(j.envFiles, fresh, old) : await s.deps.env.replaceInEnvFiles(fresh, old);
  }
  if (j.prevCaptured) {
    if (prev) await s.deps.secrets.store(j.newSlot, prev);
    else await s.deps.secrets.delete(j.newSlot);
  }
  return envFilesRestored;
}

/** Revokes the new key and any listed key with its name that did not exist before; true when that is known to be done. */
async function revokeNewKeys(s: RotationSession, j: RotationJournal): Promise<boolean> {
  // The slot holds the old key again, so the client authenticates as before. A listed key with
  // the new name that did not exist before is ours: a create whose answer was lost is found this way.
  const listed = await s.idsByName(j);
  const ids = [...new Set([...(j.newKeyId ? [j.newKeyId] : []), ...(listed ?? [])])];
  for (const id of ids) {
    try {
      await s.deps.client.revokeKey(id);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
  }
  return ids.length > 0 || listed !== undefined;
}

export async function rollBack(s: RotationSession, j: RotationJournal): Promise<RollbackResult> {
  // Once revoke may have happened, the old key may be gone: the only safe direction is forward.
  if (j.steps.revoke === 'started' || stepFinished(j, 'revoke')) {
    const finishedInstead = await runForward(s, j);
    return { journalId: j.id, newKeyRemoved: false, envFilesRestored: [], warnings: ['The old key was already revoked, so the rotation was finished instead.'], finishedInstead };
  }
  s.deps.onProgress?.({ step: 'rollback', state: 'start', index: 0, total: ROTATION_STEPS.length, message: 'Rolling back the key rotation' });
  j.phase = 'rolling-back';
  await s.save(j);
  const warnings: string[] = [];
  let envFilesRestored: string[] = [];
  let newKeyRemoved = !j.steps.create;
  try {
    envFilesRestored = await restoreValues(s, j);
    if (j.steps.create) {
      newKeyRemoved = await revokeNewKeys(s, j);
      if (!newKeyRemoved) warnings.push(`Check the provider dashboard for a key named "${j.newName}" and revoke it.`);
    }
  } catch (e) {
    throw await s.failure(j, 'rollback', e);
  }
  await s.cleanup(j);
  s.deps.onProgress?.({ step: 'rollback', state: 'done', index: 0, total: ROTATION_STEPS.length, message: 'Key rotation rolled back' });
  s.log(`rotation ${j.id}: rolled back`);
  return { journalId: j.id, newKeyRemoved, envFilesRestored, warnings };
}
