// The public shapes of a key rotation: what it needs (client, journal, slots, .env updater), what it
// is asked (RotateRequest) and what it answers (results, progress, RotationError). No vscode import.
import type { CreatedKey, KeyList } from '../api/types';
import type { JournalStore, RotationJournal, RotationStep } from './journal';

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

export interface Rotation {
  /** The unfinished rotation a previous window left behind, if any. */
  pending(): RotationJournal | undefined;
  rotate(req: RotateRequest): Promise<RotationResult>;
  /** Finishes from the last completed step (or continues a rollback that was under way). */
  resume(journal?: RotationJournal): Promise<RotationResult | RollbackResult>;
  /** Before the old key is revoked: revoke the new key, restore .env and slots. After: finishes instead. */
  rollback(journal?: RotationJournal): Promise<RollbackResult>;
}
