// What the steps of one rotation machine share: the secrets it has seen (so error text and log lines
// are scrubbed of them), the journal writes, progress reports and reads of the secret slots.
// No vscode import.
import type { KeyInfo } from '../api/types';
import { redactWith } from '../redact';
import { isRotationJournal, ROTATION_STEPS, type RotationJournal, type RotationStep } from './journal';
import { RotationError, type RotationDeps, type RotationProgress } from './rotationTypes';

const MESSAGES: Record<RotationStep, string> = {
  create: 'Creating the replacement key',
  store: 'Saving the new key in SecretStorage',
  'update-env': 'Replacing the old key in .env files',
  verify: 'Verifying the new key',
  revoke: 'Revoking the old key',
  done: 'Rotation complete',
};

/** What one run keeps in memory only: the new secret between create and store. */
export interface Mem {
  secret?: string;
  createRan?: boolean;
}

export class RotationSession {
  /** Secrets seen by this machine, so error text and log lines can be scrubbed of them. */
  readonly seen = new Set<string>();
  readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly deps: RotationDeps) {
    this.sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  }

  progress(step: RotationStep, state: RotationProgress['state']): void {
    this.deps.onProgress?.({ step, state, index: ROTATION_STEPS.indexOf(step) + 1, total: ROTATION_STEPS.length, message: MESSAGES[step] });
  }

  clean(s: string): string {
    return redactWith(s, this.seen);
  }

  log(line: string): void {
    this.deps.log?.(this.clean(line));
  }

  async save(j: RotationJournal): Promise<void> {
    j.updatedAt = new Date().toISOString();
    await this.deps.journal.set(structuredClone(j));
  }

  current(j?: RotationJournal): RotationJournal {
    const found = j ?? this.deps.journal.get();
    if (!isRotationJournal(found)) throw new RotationError('There is no unfinished key rotation to continue.', 'done', undefined);
    return structuredClone(found);
  }

  async oldValue(j: RotationJournal): Promise<string | undefined> {
    const v = j.oldValueSlot ? await this.deps.secrets.get(j.oldValueSlot) : undefined;
    if (v) this.seen.add(v);
    return v;
  }

  /** The new secret: in memory right after create, else from its slot once stored. */
  async newValue(j: RotationJournal, mem: Mem): Promise<string | undefined> {
    if (mem.secret) return mem.secret;
    if (j.steps.store !== 'done') return undefined;
    const v = await this.deps.secrets.get(j.newSlot);
    if (v) this.seen.add(v);
    return v;
  }

  /** Ids of listed keys with the new key's name, minus keys that predate the rotation; undefined when the provider cannot list. */
  async idsByName(j: RotationJournal): Promise<string[] | undefined> {
    return (await this.keysByName(j))?.map((k) => k.id);
  }

  async keysByName(j: RotationJournal): Promise<KeyInfo[] | undefined> {
    if (!this.deps.client.listKeys) return undefined;
    const exclude = new Set([...(j.sameNameBefore ?? []), ...(j.oldKeyId ? [j.oldKeyId] : [])]);
    return (await this.deps.client.listKeys()).keys.filter((k) => k.name === j.newName && !exclude.has(k.id));
  }

  async cleanup(j: RotationJournal): Promise<void> {
    for (const slot of [j.oldValueSlot, j.prevSlot]) if (slot && slot !== j.newSlot) await this.deps.secrets.delete(slot);
    await this.deps.journal.set(undefined);
  }

  /** Journals the failure (redacted) and returns the error to throw. */
  async failure(j: RotationJournal, step: RotationStep | 'rollback', e: unknown): Promise<RotationError> {
    const text = this.clean(e instanceof Error ? e.message : String(e));
    j.lastError = `${step}: ${text}`;
    await this.save(j).catch(() => undefined);
    this.log(`rotation ${j.id} stopped at ${step}: ${text}`);
    return new RotationError(`Key rotation stopped at "${step}": ${text}`, step, structuredClone(j), e);
  }
}
