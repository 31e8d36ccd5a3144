// Key rotation as a journaled state machine: create -> store -> update-env -> verify -> revoke -> done.
// Every step is written to the journal before and after it runs, so a crash at any point can be
// resumed or rolled back. The old key is never revoked before the new one is stored and verified.
// No vscode import: the VS Code side passes globalState, context.secrets and its .env updater.
// The steps are rotationSteps.ts, the rollback rotationRollback.ts, the shared state rotationSession.ts.
import { randomUUID } from 'node:crypto';
import { isRotationJournal, rotationSlot, type RotationJournal } from './journal';
import { rollBack } from './rotationRollback';
import { RotationSession } from './rotationSession';
import { runForward } from './rotationSteps';
import { RotationError, type RotateRequest, type Rotation, type RotationDeps } from './rotationTypes';

export * from './journal';
export * from './rotationTypes';
export { findKeyForSecret, matchKeyForSecret, type KeyMatch } from './keyMatch';

/** The journal of a new rotation, before any step ran. */
function newJournal(req: RotateRequest): RotationJournal {
  const id = randomUUID();
  const now = new Date().toISOString();
  return {
    version: 1,
    id,
    providerId: req.providerId,
    accountId: req.accountId,
    phase: 'rotating',
    oldKeyId: req.oldKeyId,
    oldKeyName: req.oldKeyName,
    newName: req.newName?.trim() || `${req.oldKeyName || 'key'}-rotated-${now.slice(0, 10)}-${id.slice(0, 6)}`,
    newSlot: req.newSlot,
    idempotencyKey: randomUUID(),
    envFiles: [],
    steps: {},
    startedAt: now,
    updatedAt: now,
  };
}

export function createRotation(deps: RotationDeps): Rotation {
  const s = new RotationSession(deps);
  return {
    pending() {
      const j = deps.journal.get();
      return isRotationJournal(j) ? structuredClone(j) : undefined;
    },
    async rotate(req) {
      if (isRotationJournal(deps.journal.get())) {
        throw new RotationError('Another key rotation is unfinished: resume or roll it back first.', 'create', deps.journal.get());
      }
      if (!req.newSlot) throw new RotationError('A SecretStorage slot for the new key is required.', 'create', undefined);
      const j = newJournal(req);
      if (deps.client.listKeys) {
        // A user-chosen name may already be taken: remember by whom, so a rollback never revokes it.
        j.sameNameBefore = (await deps.client.listKeys()).keys.filter((k) => k.name === j.newName).map((k) => k.id);
      }
      // Keep a copy of the old value in SecretStorage: newSlot may overwrite where it was.
      const old = req.oldSecret ?? (req.oldSlot ? await deps.secrets.get(req.oldSlot) : undefined);
      if (old) {
        s.seen.add(old);
        j.oldValueSlot = rotationSlot(j.id, 'old');
        await deps.secrets.store(j.oldValueSlot, old);
      }
      await s.save(j);
      return runForward(s, j);
    },
    async resume(journal) {
      const j = s.current(journal);
      return j.phase === 'rolling-back' ? rollBack(s, j) : runForward(s, j);
    },
    async rollback(journal) {
      return rollBack(s, s.current(journal));
    },
  };
}
