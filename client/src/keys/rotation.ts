// Key rotation as a journaled state machine: create -> store -> update-env -> verify -> revoke -> done.
// Every step is written to the journal before and after it runs, so a crash at any point can be
// resumed or rolled back. The old key is never revoked before the new one is stored and verified.
// No vscode import: the VS Code side passes globalState, context.secrets and its .env updater.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../api/errors';
import type { CreatedKey, KeyInfo, KeyList } from '../api/types';
import { redactWith } from '../redact';
import { matchKeyForSecret } from './keyMatch';
import { isRotationJournal, ROTATION_STEPS, rotationSlot, stepFinished, type JournalStore, type RotationJournal, type RotationStep } from './journal';

export * from './journal';
export { findKeyForSecret, matchKeyForSecret, type KeyMatch } from './keyMatch';

/** The part of the provider client a rotation needs (createProviderClient's result fits). */
export interface RotationClient {
  createKey(name: string, opts?: { idempotencyKey?: string }): Promise<CreatedKey>;
  revokeKey(id: string): Promise<void>;
  validate(key?: string): Promise<void>;
  listKeys?(): Promise<KeyList>;
}

/** SecretStorage (VS Code: context.secrets). */
export interface SecretSlots {
  get(slot: string): Promise<string | undefined>;
  store(slot: string, value: string): Promise<void>;
  delete(slot: string): Promise<void>;
}

/** Rewrites the workspace's .env files. Must be idempotent: a resumed step calls it again. */
export interface EnvUpdater {
  /** Replaces every occurrence of oldSecret by newSecret; returns the files changed. */
  replaceInEnvFiles(oldSecret: string, newSecret: string): Promise<string[]>;
  /** Undo for a rollback; without it replaceInEnvFiles(newSecret, oldSecret) is used. */
  revertEnvFiles?(files: string[], newSecret: string, oldSecret: string): Promise<string[]>;
}

export interface RotationProgress {
  step: RotationStep | 'rollback';
  state: 'start' | 'done' | 'skipped';
  /** 1-based position among the six steps (rollback: 0). */
  index: number;
  total: number;
  message: string;
}

export interface RotationDeps {
  client: RotationClient;
  journal: JournalStore;
  secrets: SecretSlots;
  env?: EnvUpdater;
  onProgress?: (p: RotationProgress) => void;
  /** Runs after a step is journaled done; a throw stops the flow right there, as a crash would. */
  afterStep?: (step: RotationStep, journal: RotationJournal) => void | Promise<void>;
  log?: (line: string) => void;
  /** New keys may take a moment to work everywhere: verify tries this often (default 3). */
  verifyAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RotateRequest {
  providerId: string;
  accountId: string;
  /** Id of the key being replaced (see findKeyForSecret); without it the old key is left for the user to revoke. */
  oldKeyId?: string;
  oldKeyName?: string;
  /** The old value itself (a leaked literal), or the slot holding it (the account's stored key). */
  oldSecret?: string;
  oldSlot?: string;
  /** Name of the replacement; default `<old name>-rotated-<date>`. */
  newName?: string;
  /** Slot for the new secret. When it is the slot the old key was in, a rollback puts the old value back. */
  newSlot: string;
}

export interface RotationResult {
  journalId: string;
  newKeyId?: string;
  newSlot: string;
  envFiles: string[];
  oldRevoked: boolean;
  /** Things the user should know (e.g. the old key has no id, revoke it in the dashboard). */
  warnings: string[];
}

export interface RollbackResult {
  journalId: string;
  /** True when the new key was revoked (or never created). */
  newKeyRemoved: boolean;
  envFilesRestored: string[];
  warnings: string[];
  /** The rotation had already revoked the old key, so it was finished instead of rolled back. */
  finishedInstead?: RotationResult;
}

export class RotationError extends Error {
  constructor(
    message: string,
    readonly step: RotationStep | 'rollback',
    readonly journal: RotationJournal | undefined,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'RotationError';
  }
}

const MESSAGES: Record<RotationStep, string> = {
  create: 'Creating the replacement key',
  store: 'Saving the new key in SecretStorage',
  'update-env': 'Replacing the old key in .env files',
  verify: 'Verifying the new key',
  revoke: 'Revoking the old key',
  done: 'Rotation complete',
};

export interface Rotation {
  /** The unfinished rotation a previous window left behind, if any. */
  pending(): RotationJournal | undefined;
  rotate(req: RotateRequest): Promise<RotationResult>;
  /** Finishes from the last completed step (or continues a rollback that was under way). */
  resume(journal?: RotationJournal): Promise<RotationResult | RollbackResult>;
  /** Before the old key is revoked: revoke the new key, restore .env and slots. After: finishes instead. */
  rollback(journal?: RotationJournal): Promise<RollbackResult>;
}

/** What one run keeps in memory only: the new secret between create and store. */
interface Mem {
  secret?: string;
  createRan?: boolean;
}

export function createRotation(deps: RotationDeps): Rotation {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const progress = (step: RotationStep, state: RotationProgress['state']) =>
    deps.onProgress?.({ step, state, index: ROTATION_STEPS.indexOf(step) + 1, total: ROTATION_STEPS.length, message: MESSAGES[step] });

  /** Secrets seen by this run, so error text and log lines can be scrubbed of them. */
  const seen = new Set<string>();
  const clean = (s: string) => redactWith(s, seen);
  const log = (line: string) => deps.log?.(clean(line));

  async function save(j: RotationJournal): Promise<void> {
    j.updatedAt = new Date().toISOString();
    await deps.journal.set(structuredClone(j));
  }

  function current(j?: RotationJournal): RotationJournal {
    const found = j ?? deps.journal.get();
    if (!isRotationJournal(found)) throw new RotationError('There is no unfinished key rotation to continue.', 'done', undefined);
    return structuredClone(found);
  }

  async function oldValue(j: RotationJournal): Promise<string | undefined> {
    const v = j.oldValueSlot ? await deps.secrets.get(j.oldValueSlot) : undefined;
    if (v) seen.add(v);
    return v;
  }

  /** The new secret: in memory right after create, else from its slot once stored. */
  async function newValue(j: RotationJournal, mem: Mem): Promise<string | undefined> {
    if (mem.secret) return mem.secret;
    if (j.steps.store !== 'done') return undefined;
    const v = await deps.secrets.get(j.newSlot);
    if (v) seen.add(v);
    return v;
  }

  /** Ids of listed keys with the new key's name, minus keys that predate the rotation; undefined when the provider cannot list. */
  async function idsByName(j: RotationJournal): Promise<string[] | undefined> {
    return (await keysByName(j))?.map((k) => k.id);
  }

  async function keysByName(j: RotationJournal): Promise<KeyInfo[] | undefined> {
    if (!deps.client.listKeys) return undefined;
    const exclude = new Set([...(j.sameNameBefore ?? []), ...(j.oldKeyId ? [j.oldKeyId] : [])]);
    return (await deps.client.listKeys()).keys.filter((k) => k.name === j.newName && !exclude.has(k.id));
  }

  async function create(j: RotationJournal, mem: Mem): Promise<void> {
    // A create that ran before (its answer lost, or its secret lost with the crash) may have left a key.
    const again = mem.createRan || !!j.steps.store || j.newKeyId !== undefined;
    // Same idempotency key as any earlier attempt: the provider replays the key it already made.
    const created = await deps.client.createKey(j.newName, { idempotencyKey: j.idempotencyKey });
    seen.add(created.secret);
    mem.secret = created.secret;
    let id = created.id;
    const named = id && !again ? undefined : await keysByName(j);
    if (!id && named) {
      if (named.length === 1) id = named[0].id;
      else if (j.newKeyId && named.length === 2 && named.some((k) => k.id === j.newKeyId)) id = named.find((k) => k.id !== j.newKeyId)!.id;
      else id = matchKeyForSecret(named, created.secret).key?.id;
    }
    // A provider without replay minted a second key: the earlier one with this rotation's name is
    // unusable (its secret was lost in the crash), so it goes. Only when we know which one is ours.
    const orphans = id ? [...new Set([...(j.newKeyId ? [j.newKeyId] : []), ...(named ?? []).map((k) => k.id)])].filter((k) => k !== id) : [];
    for (const orphan of orphans) {
      await deps.client.revokeKey(orphan).catch((e) => log(`could not revoke the orphaned key ${orphan}: ${String(e)}`));
    }
    j.newKeyId = id ?? j.newKeyId;
  }

  async function store(j: RotationJournal, mem: Mem): Promise<void> {
    if (!mem.secret && j.prevCaptured) {
      // Crash after the slot was written but before the journal said so: the slot has it already.
      const inSlot = await deps.secrets.get(j.newSlot);
      const prev = j.prevSlot ? await deps.secrets.get(j.prevSlot) : undefined;
      if (inSlot && inSlot !== prev) {
        seen.add(inSlot);
        mem.secret = inSlot;
      }
    }
    if (!mem.secret) {
      // Crash between create and store: the secret only existed in memory. Replay the create.
      await create(j, mem);
    }
    if (!j.prevCaptured) {
      const prev = await deps.secrets.get(j.newSlot);
      if (prev) {
        j.prevSlot = rotationSlot(j.id, 'prev');
        await deps.secrets.store(j.prevSlot, prev);
      }
      j.prevCaptured = true;
      await save(j);
    }
    await deps.secrets.store(j.newSlot, mem.secret!);
  }

  async function updateEnv(j: RotationJournal, mem: Mem): Promise<boolean> {
    const old = await oldValue(j);
    if (!deps.env || !old) return false;
    const fresh = await newValue(j, mem);
    if (!fresh) throw new Error('the new key is missing from SecretStorage');
    const files = await deps.env.replaceInEnvFiles(old, fresh);
    j.envFiles = [...new Set([...j.envFiles, ...files])];
    return true;
  }

  async function verify(j: RotationJournal, mem: Mem): Promise<void> {
    const fresh = await newValue(j, mem);
    if (!fresh) throw new Error('the new key is missing from SecretStorage; roll back and rotate again');
    const attempts = Math.max(1, deps.verifyAttempts ?? 3);
    for (let i = 1; ; i++) {
      try {
        await deps.client.validate(fresh);
        return;
      } catch (e) {
        // Only a rejection of the key can be propagation delay; anything else is final.
        if (!(e instanceof ApiError) || e.status !== 401 || i >= attempts) throw e;
        await sleep(500 * i);
      }
    }
  }

  async function revoke(j: RotationJournal): Promise<boolean> {
    if (j.steps.store !== 'done' || j.steps.verify !== 'done') throw new Error('refusing to revoke the old key before the new one is stored and verified');
    if (!j.oldKeyId) return false;
    try {
      await deps.client.revokeKey(j.oldKeyId);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e; // already gone is what we wanted
    }
    return true;
  }

  async function cleanup(j: RotationJournal): Promise<void> {
    for (const slot of [j.oldValueSlot, j.prevSlot]) if (slot && slot !== j.newSlot) await deps.secrets.delete(slot);
    await deps.journal.set(undefined);
  }

  /** Journals the failure (redacted) and returns the error to throw. */
  async function failure(j: RotationJournal, step: RotationStep | 'rollback', e: unknown): Promise<RotationError> {
    const text = clean(e instanceof Error ? e.message : String(e));
    j.lastError = `${step}: ${text}`;
    await save(j).catch(() => undefined);
    log(`rotation ${j.id} stopped at ${step}: ${text}`);
    return new RotationError(`Key rotation stopped at "${step}": ${text}`, step, structuredClone(j), e);
  }

  async function run(j: RotationJournal): Promise<RotationResult> {
    const mem: Mem = {};
    const warnings: string[] = [];
    for (const step of ROTATION_STEPS) {
      if (step === 'done') break;
      if (stepFinished(j, step)) continue;
      progress(step, 'start');
      if (step === 'create' && j.steps.create === 'started') mem.createRan = true;
      j.steps[step] = 'started';
      await save(j);
      let skipped = false;
      try {
        if (step === 'create') await create(j, mem);
        else if (step === 'store') await store(j, mem);
        else if (step === 'update-env') skipped = !(await updateEnv(j, mem));
        else if (step === 'verify') await verify(j, mem);
        else if (step === 'revoke') skipped = !(await revoke(j));
      } catch (e) {
        throw await failure(j, step, e);
      }
      j.steps[step] = skipped ? 'skipped' : 'done';
      delete j.lastError;
      await save(j);
      progress(step, skipped ? 'skipped' : 'done');
      log(`rotation ${j.id}: ${step} ${skipped ? 'skipped' : 'done'}`);
      await deps.afterStep?.(step, structuredClone(j));
    }
    if (j.steps.revoke === 'skipped') warnings.push('The old key has no known id: revoke it in the provider dashboard.');
    if (j.steps['update-env'] === 'skipped') warnings.push('The old value was not known, so no .env file was changed.');
    j.steps.done = 'done';
    await cleanup(j);
    progress('done', 'done');
    return { journalId: j.id, newKeyId: j.newKeyId, newSlot: j.newSlot, envFiles: j.envFiles, oldRevoked: j.steps.revoke === 'done', warnings };
  }

  async function rollback(j: RotationJournal): Promise<RollbackResult> {
    // Once revoke may have happened, the old key may be gone: the only safe direction is forward.
    if (j.steps.revoke === 'started' || stepFinished(j, 'revoke')) {
      const finishedInstead = await run(j);
      return { journalId: j.id, newKeyRemoved: false, envFilesRestored: [], warnings: ['The old key was already revoked, so the rotation was finished instead.'], finishedInstead };
    }
    deps.onProgress?.({ step: 'rollback', state: 'start', index: 0, total: ROTATION_STEPS.length, message: 'Rolling back the key rotation' });
    j.phase = 'rolling-back';
    await save(j);
    const warnings: string[] = [];
    let envFilesRestored: string[] = [];
    let newKeyRemoved = !j.steps.create;
    try {
      const old = await oldValue(j);
      const prev = j.prevSlot ? await deps.secrets.get(j.prevSlot) : undefined;
      // What newSlot holds now is the new secret unless it is still the earlier content.
      let fresh: string | undefined;
      if (j.prevCaptured) {
        const inSlot = await deps.secrets.get(j.newSlot);
        if (inSlot && inSlot !== prev) fresh = inSlot;
      }
      if (fresh) seen.add(fresh);
      if (deps.env && old && fresh) {
        envFilesRestored = deps.env.revertEnvFiles ? await deps.env.revertEnvFiles(j.envFiles, fresh, old) : await deps.env.replaceInEnvFiles(fresh, old);
      }
      if (j.prevCaptured) {
        if (prev) await deps.secrets.store(j.newSlot, prev);
        else await deps.secrets.delete(j.newSlot);
      }
      if (j.steps.create) {
        // The slot holds the old key again, so the client authenticates as before. A listed key with
        // the new name that did not exist before is ours: a create whose answer was lost is found this way.
        const listed = await idsByName(j);
        const ids = [...new Set([...(j.newKeyId ? [j.newKeyId] : []), ...(listed ?? [])])];
        for (const id of ids) {
          try {
            await deps.client.revokeKey(id);
          } catch (e) {
            if (!(e instanceof ApiError && e.status === 404)) throw e;
          }
        }
        newKeyRemoved = ids.length > 0 || listed !== undefined;
        if (!newKeyRemoved) warnings.push(`Check the provider dashboard for a key named "${j.newName}" and revoke it.`);
      }
    } catch (e) {
      throw await failure(j, 'rollback', e);
    }
    await cleanup(j);
    deps.onProgress?.({ step: 'rollback', state: 'done', index: 0, total: ROTATION_STEPS.length, message: 'Key rotation rolled back' });
    log(`rotation ${j.id}: rolled back`);
    return { journalId: j.id, newKeyRemoved, envFilesRestored, warnings };
  }

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
      const id = randomUUID();
      const now = new Date().toISOString();
      const j: RotationJournal = {
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
      if (deps.client.listKeys) {
        // A user-chosen name may already be taken: remember by whom, so a rollback never revokes it.
        j.sameNameBefore = (await deps.client.listKeys()).keys.filter((k) => k.name === j.newName).map((k) => k.id);
      }
      // Keep a copy of the old value in SecretStorage: newSlot may overwrite where it was.
      const old = req.oldSecret ?? (req.oldSlot ? await deps.secrets.get(req.oldSlot) : undefined);
      if (old) {
        seen.add(old);
        j.oldValueSlot = rotationSlot(id, 'old');
        await deps.secrets.store(j.oldValueSlot, old);
      }
      await save(j);
      return run(j);
    },
    async resume(journal) {
      const j = current(journal);
      return j.phase === 'rolling-back' ? rollback(j) : run(j);
    },
    async rollback(journal) {
      return rollback(current(journal));
    },
  };
}
