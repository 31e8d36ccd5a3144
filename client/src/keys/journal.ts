// The rotation journal: what a rotation has done so far, persisted after every step (VS Code:
// globalState) so a reload can finish or roll back. It NEVER holds a secret: only ids, names,
// SecretStorage slot names, .env paths and step status.

export type RotationStep = 'create' | 'store' | 'update-env' | 'verify' | 'revoke' | 'done';
export const ROTATION_STEPS: readonly RotationStep[] = ['create', 'store', 'update-env', 'verify', 'revoke', 'done'];
export type StepStatus = 'started' | 'done' | 'skipped';

export interface RotationJournal {
  version: 1;
  id: string;
  providerId: string;
  accountId: string;
  phase: 'rotating' | 'rolling-back';
  /** The key being replaced. */
  oldKeyId?: string;
  oldKeyName?: string;
  /** Slot holding a copy of the old value (for the .env update and a rollback), when it is known. */
  oldValueSlot?: string;
  newName: string;
  /** Where the new secret goes (may be the slot the old one was in). */
  newSlot: string;
  /** Set once newSlot's earlier content was looked at; prevSlot holds that content if there was any. */
  prevCaptured?: boolean;
  prevSlot?: string;
  /** Reused by every attempt of the create, so a resumed create replays instead of minting again. */
  idempotencyKey: string;
  newKeyId?: string;
  /** Ids that already carried newName before the rotation: never taken for the new key. */
  sameNameBefore?: string[];
  /** .env files changed so far. */
  envFiles: string[];
  steps: Partial<Record<RotationStep, StepStatus>>;
  startedAt: string;
  updatedAt: string;
  /** Last failure, already redacted. */
  lastError?: string;
}

/** Where the journal lives between steps (VS Code: context.globalState). */
export interface JournalStore {
  get(): RotationJournal | undefined;
  set(journal: RotationJournal | undefined): Promise<void>;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || isStr(v);

/** Persisted data is input: check its shape before acting on it. */
export function isRotationJournal(v: unknown): v is RotationJournal {
  if (!v || typeof v !== 'object') return false;
  const j = v as Record<string, unknown>;
  return (
    j.version === 1 &&
    isStr(j.id) &&
    isStr(j.providerId) &&
    isStr(j.accountId) &&
    (j.phase === 'rotating' || j.phase === 'rolling-back') &&
    isStr(j.newName) &&
    isStr(j.newSlot) &&
    isStr(j.idempotencyKey) &&
    optStr(j.oldKeyId) &&
    optStr(j.oldValueSlot) &&
    optStr(j.prevSlot) &&
    optStr(j.newKeyId) &&
    (j.sameNameBefore === undefined || (Array.isArray(j.sameNameBefore) && j.sameNameBefore.every(isStr))) &&
    Array.isArray(j.envFiles) &&
    j.envFiles.every(isStr) &&
    !!j.steps &&
    typeof j.steps === 'object' &&
    Object.entries(j.steps as object).every(([k, s]) => (ROTATION_STEPS as string[]).includes(k) && ['started', 'done', 'skipped'].includes(s as string))
  );
}

/** A step counts as behind us when it is done or was skipped. */
export function stepFinished(j: RotationJournal, step: RotationStep): boolean {
  const s = j.steps[step];
  return s === 'done' || s === 'skipped';
}

/** Names of the temporary SecretStorage slots a rotation uses. */
export function rotationSlot(id: string, what: 'old' | 'prev'): string {
  return `keyward.rotation.${id}.${what}`;
}
