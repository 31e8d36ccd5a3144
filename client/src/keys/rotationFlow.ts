// Runs rotations inside VS Code: the journal in globalState (and the context key that shows the
// finish / roll back commands), progress notifications, filing the new value under its key id,
// the report, and finishing or rolling back a rotation a closed window left half-way.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { userMessage, type KeyInfo } from '../api';
import { maskSecret } from '../redact';
import { keySlot, managementSlot } from '../secrets';
import { notify, type KeysContext } from './context';
import type { AccountRef } from './model';
import { rotatedName } from './naming';
import { createRotation, RotationError, type JournalStore, type RollbackResult, type RotationJournal, type RotationResult } from './rotation';
import { replaceInEnvFiles } from './workspaceEnv';

const JOURNAL_KEY = 'keyward.rotationJournal';
/** Where a rotation of a key that is not the account's own puts the new value until its id is known. */
const pendingSlot = (ref: AccountRef, journalTag: string) => `keyward.${ref.provider}.${ref.account}.rotating.${journalTag}`;

export class RotationFlow {
  readonly journal: JournalStore;

  constructor(
    private readonly k: KeysContext,
    private readonly context: vscode.ExtensionContext,
  ) {
    this.journal = {
      get: () => context.globalState.get<RotationJournal>(JOURNAL_KEY),
      set: async (j) => {
        await context.globalState.update(JOURNAL_KEY, j);
        await this.flag();
      },
    };
    void this.flag();
  }

  /** The context key shows the finish / roll back commands in the palette while a journal exists. */
  private flag() {
    return vscode.commands.executeCommand('setContext', 'keyward.rotationUnfinished', !!this.context.globalState.get(JOURNAL_KEY));
  }

  private machine(ref: AccountRef, progress?: vscode.Progress<{ message?: string; increment?: number }>) {
    const k = this.k;
    const client = k.controller.client(ref);
    if (!client) throw new Error(`${ref.provider} cannot be reached: check keyward.providers.${ref.provider}.baseUrl`);
    return createRotation({
      client,
      journal: this.journal,
      secrets: k.vault.slots(),
      env: {
        replaceInEnvFiles: async (oldSecret, newSecret) => {
          k.redactor.add(oldSecret);
          k.redactor.add(newSecret);
          return (await replaceInEnvFiles(oldSecret, newSecret)).map((u) => vscode.workspace.asRelativePath(u));
        },
      },
      onProgress: (p) => {
        if (p.state !== 'start') return;
        progress?.report({ message: p.step === 'rollback' ? p.message : `${p.index}/${p.total - 1} ${p.message}…`, increment: p.step === 'rollback' ? 0 : 100 / (p.total - 1) });
      },
      log: (line) => k.log.info(line),
    });
  }

  /** After a finished rotation: file the new value under its key id, forget the revoked one. */
  private async settle(ref: AccountRef, result: RotationResult, oldKeyId: string | undefined): Promise<string | undefined> {
    const k = this.k;
    const slots = k.vault.slots();
    const value = await slots.get(result.newSlot);
    if (value) k.redactor.add(value);
    if (result.newSlot !== managementSlot(ref) && value) {
      if (result.newKeyId) {
        await k.vault.storeKey(ref, result.newKeyId, value);
        if (result.newSlot !== keySlot(ref, result.newKeyId)) await slots.delete(result.newSlot);
      } else {
        k.log.warn('the new key has no id in the list; its value stays in a rotation slot and is not shown as stored');
      }
    }
    if (result.oldRevoked && oldKeyId) await k.vault.deleteKey(ref, oldKeyId);
    await k.controller.refresh(ref);
    return value;
  }

  private report(name: string, result: RotationResult, newValue: string | undefined): void {
    const parts = [
      `keyward: rotated "${name}".`,
      newValue ? `New key ${maskSecret(newValue)} stored in Secret Storage.` : undefined,
      result.envFiles.length ? `Updated ${result.envFiles.join(', ')}.` : undefined,
      result.oldRevoked ? 'The old key is revoked.' : undefined,
      ...result.warnings,
    ];
    void vscode.window.showInformationMessage(parts.filter(Boolean).join(' '));
  }

  private async onFailure(ref: AccountRef, err: unknown, interactive = false): Promise<void> {
    const k = this.k;
    const text = k.redactor.redact(err instanceof RotationError ? err.message : userMessage(err));
    k.log.warn(`rotation failed: ${text}`);
    const cause = err instanceof RotationError ? err.cause : err;
    if (k.controller.describe(cause).nextStep === 'reenter-key') {
      k.controller.applyError(ref, cause);
      if (interactive) void vscode.commands.executeCommand('keyward.signIn', { provider: ref.provider, account: ref.account, reason: text });
    }
    if (!this.journal.get()) {
      void vscode.window.showErrorMessage(`keyward: ${text}`);
      return;
    }
    notify('error', `keyward: ${text} Nothing was revoked before the new key was stored and verified.`, {
      'Finish Rotation': () => this.continueJournal('resume'),
      'Roll Back': () => this.continueJournal('rollback'),
    });
  }

  /** Rotates `key` (or a leaked value only known as `oldSecret`) with progress, then files and reports the result. */
  async run(ref: AccountRef, key: KeyInfo | undefined, oldSecret: string | undefined, interactive: boolean): Promise<boolean> {
    const k = this.k;
    const state = k.controller.account(ref);
    const own = (await k.vault.getAccountKey(ref)) ?? '';
    const isOwn = (!!key && state?.managementKeyId === key.id) || (!!oldSecret && oldSecret === own);
    const stored = key && state?.storedKeyIds.has(key.id) ? keySlot(ref, key.id) : undefined;
    const tag = randomUUID().slice(0, 8);
    const newSlot = isOwn ? managementSlot(ref) : pendingSlot(ref, tag);
    const title = `keyward: rotating "${key?.name ?? 'leaked key'}"`;
    let result: RotationResult;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, (progress) => {
        const run = () =>
          this.machine(ref, progress).rotate({
            providerId: ref.provider,
            accountId: ref.account,
            oldKeyId: key?.id,
            oldKeyName: key?.name,
            oldSecret,
            oldSlot: oldSecret ? undefined : isOwn ? managementSlot(ref) : stored,
            newName: rotatedName(key?.name),
            newSlot,
          });
        return key ? k.controller.withPending(ref, { kind: 'rotate', keyId: key.id }, run) : run();
      });
    } catch (err) {
      await this.onFailure(ref, err, interactive);
      return false;
    }
    const value = await this.settle(ref, result, key?.id);
    this.report(key?.name ?? 'the leaked key', result, value);
    return true;
  }

  /** keyward.finishRotation / keyward.rollBackRotation: continues the journal left behind. */
  async continueJournal(how: 'resume' | 'rollback'): Promise<boolean> {
    const j = this.journal.get();
    if (!j) {
      notify('info', 'keyward: there is no unfinished key rotation.');
      return false;
    }
    const ref = { provider: j.providerId, account: j.accountId };
    await this.k.controller.reload();
    try {
      const out = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `keyward: ${how === 'resume' ? 'finishing' : 'rolling back'} the rotation of "${j.oldKeyName ?? 'a key'}"` },
        (progress) => (how === 'resume' ? this.machine(ref, progress).resume(j) : this.machine(ref, progress).rollback(j)),
      );
      const rb = out as RollbackResult;
      if ('newKeyRemoved' in rb) {
        if (rb.finishedInstead) {
          this.report(j.oldKeyName ?? 'key', rb.finishedInstead, await this.settle(ref, rb.finishedInstead, j.oldKeyId));
        } else {
          await this.k.controller.refresh(ref);
          const restored = rb.envFilesRestored.length ? ` Restored ${rb.envFilesRestored.join(', ')}.` : '';
          void vscode.window.showInformationMessage(`keyward: rotation rolled back; the old key is untouched.${restored} ${rb.warnings.join(' ')}`.trim());
        }
      } else {
        const res = out as RotationResult;
        this.report(j.oldKeyName ?? 'key', res, await this.settle(ref, res, j.oldKeyId));
      }
      return true;
    } catch (err) {
      await this.onFailure(ref, err);
      return false;
    }
  }

  /** Offers to finish or roll back an unfinished rotation; never acts on its own. */
  async offerUnfinished(blocking: boolean): Promise<void> {
    const j = this.journal.get();
    if (!j) return;
    const k = this.k;
    const where = `${k.controller.provider(j.providerId)?.name ?? j.providerId} / ${j.accountId}`;
    const stopped = j.lastError ? ` It stopped at ${k.redactor.redact(j.lastError)}.` : '';
    const text = `keyward: the rotation of "${j.oldKeyName ?? 'a key'}" (${where}) did not finish.${stopped} ${blocking ? 'Finish or roll it back before starting another.' : ''}`.trim();
    // Non-modal and never automatic: revoking anything waits for the user's choice.
    notify('warning', text, { 'Finish Rotation': () => this.continueJournal('resume'), 'Roll Back': () => this.continueJournal('rollback') });
  }
}
