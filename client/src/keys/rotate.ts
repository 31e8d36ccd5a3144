// The VS Code side of key rotation: progress per step, the journal in globalState, SecretStorage
// slots through KeyVault, .env files through WorkspaceEdit, and the one-step remedy for a leaked
// literal (move it to an env lookup, then rotate). The state machine itself is keys/rotation.ts.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { userMessage, type KeyInfo } from '../api';
import { maskSecret } from '../redact';
import { keySlot, managementSlot } from '../secrets';
import { argsOf, isInteractive, notify, type KeyArgs, type KeysContext } from './context';
import { pickKey, type PickedKey } from './pick';
import { moveLiteralToEnv, resolveLeakedKey, type LeakedKeyArgs } from './leaked';
import { maskedId } from './format';
import type { AccountRef } from './model';
import {
  createRotation,
  findKeyForSecret,
  matchKeyForSecret,
  RotationError,
  type JournalStore,
  type RotationJournal,
  type RotationResult,
  type RollbackResult,
} from './rotation';
import { rotatedName } from './naming';
import { envValuesMatching, replaceInEnvFiles } from './workspaceEnv';

const JOURNAL_KEY = 'keyward.rotationJournal';
/** Where a rotation of a key that is not the account's own puts the new value until its id is known. */
const pendingSlot = (ref: AccountRef, journalTag: string) => `keyward.${ref.provider}.${ref.account}.rotating.${journalTag}`;

export interface RotationCommands {
  rotateKey(arg?: KeyArgs): Promise<boolean>;
  rotateLeakedKey(arg: LeakedKeyArgs): Promise<boolean>;
  /** On activation: a rotation a closed window left half-way is offered to finish or roll back. */
  offerUnfinished(): Promise<void>;
  /** keyward.finishRotation / keyward.rollBackRotation (the offer's buttons, also in the palette). */
  finish(): Promise<boolean>;
  rollBack(): Promise<boolean>;
}

export function createRotationUi(): {
  findOwnKey: (keys: KeyInfo[], secret: string) => string | undefined;
  bind(k: KeysContext, context: vscode.ExtensionContext): RotationCommands;
} {
  return {
    findOwnKey: (keys, secret) => findKeyForSecret(keys, secret)?.id,
    bind: (k, context) => bindRotation(k, context),
  };
}

function bindRotation(k: KeysContext, context: vscode.ExtensionContext): RotationCommands {
  // The context key shows the finish / roll back commands in the palette while a journal exists.
  const flag = () => vscode.commands.executeCommand('setContext', 'keyward.rotationUnfinished', !!context.globalState.get(JOURNAL_KEY));
  const journal: JournalStore = {
    get: () => context.globalState.get<RotationJournal>(JOURNAL_KEY),
    set: async (j) => {
      await context.globalState.update(JOURNAL_KEY, j);
      await flag();
    },
  };
  void flag();

  function machine(ref: AccountRef, progress?: vscode.Progress<{ message?: string; increment?: number }>) {
    const client = k.controller.client(ref);
    if (!client) throw new Error(`${ref.provider} cannot be reached: check keyward.providers.${ref.provider}.baseUrl`);
    return createRotation({
      client,
      journal,
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
  async function settle(ref: AccountRef, result: RotationResult, oldKeyId: string | undefined): Promise<string | undefined> {
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

  function report(name: string, result: RotationResult, newValue: string | undefined): void {
    const parts = [
      `keyward: rotated "${name}".`,
      newValue ? `New key ${maskSecret(newValue)} stored in Secret Storage.` : undefined,
      result.envFiles.length ? `Updated ${result.envFiles.join(', ')}.` : undefined,
      result.oldRevoked ? 'The old key is revoked.' : undefined,
      ...result.warnings,
    ];
    void vscode.window.showInformationMessage(parts.filter(Boolean).join(' '));
  }

  async function onFailure(ref: AccountRef, err: unknown, interactive = false): Promise<void> {
    const text = k.redactor.redact(err instanceof RotationError ? err.message : userMessage(err));
    k.log.warn(`rotation failed: ${text}`);
    const cause = err instanceof RotationError ? err.cause : err;
    if (k.controller.describe(cause).nextStep === 'reenter-key') {
      k.controller.applyError(ref, cause);
      if (interactive) void vscode.commands.executeCommand('keyward.signIn', { provider: ref.provider, account: ref.account, reason: text });
    }
    if (!journal.get()) {
      void vscode.window.showErrorMessage(`keyward: ${text}`);
      return;
    }
    notify('error', `keyward: ${text} Nothing was revoked before the new key was stored and verified.`, {
      'Finish Rotation': () => continueJournal('resume'),
      'Roll Back': () => continueJournal('rollback'),
    });
  }

  async function runRotation(ref: AccountRef, key: KeyInfo | undefined, oldSecret: string | undefined, interactive: boolean): Promise<boolean> {
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
          machine(ref, progress).rotate({
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
      await onFailure(ref, err, interactive);
      return false;
    }
    const value = await settle(ref, result, key?.id);
    report(key?.name ?? 'the leaked key', result, value);
    return true;
  }

  async function continueJournal(how: 'resume' | 'rollback'): Promise<boolean> {
    const j = journal.get();
    if (!j) {
      notify('info', 'keyward: there is no unfinished key rotation.');
      return false;
    }
    const ref = { provider: j.providerId, account: j.accountId };
    await k.controller.reload();
    try {
      const out = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `keyward: ${how === 'resume' ? 'finishing' : 'rolling back'} the rotation of "${j.oldKeyName ?? 'a key'}"` },
        (progress) => (how === 'resume' ? machine(ref, progress).resume(j) : machine(ref, progress).rollback(j)),
      );
      const rb = out as RollbackResult;
      if ('newKeyRemoved' in rb) {
        if (rb.finishedInstead) {
          report(j.oldKeyName ?? 'key', rb.finishedInstead, await settle(ref, rb.finishedInstead, j.oldKeyId));
        } else {
          await k.controller.refresh(ref);
          const restored = rb.envFilesRestored.length ? ` Restored ${rb.envFilesRestored.join(', ')}.` : '';
          void vscode.window.showInformationMessage(`keyward: rotation rolled back; the old key is untouched.${restored} ${rb.warnings.join(' ')}`.trim());
        }
      } else {
        const res = out as RotationResult;
        report(j.oldKeyName ?? 'key', res, await settle(ref, res, j.oldKeyId));
      }
      return true;
    } catch (err) {
      await onFailure(ref, err);
      return false;
    }
  }

  async function confirmRotation(p: string, key: KeyInfo | undefined, extra: string[]): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(
      key ? `Rotate ${p} key "${key.name}" (${maskedId(key)})?` : `Rotate this leaked ${p} key?`,
      {
        modal: true,
        detail: [
          ...extra,
          'keyward creates a replacement, stores it in Secret Storage, replaces the old value in the workspace .env files, checks the new key, and only then revokes the old one.',
        ].join('\n\n'),
      },
      'Rotate',
    );
    return choice === 'Rotate';
  }

  return {
    async rotateKey(arg) {
      const args = argsOf(arg);
      if (journal.get()) {
        await offerUnfinishedNow(true);
        return false;
      }
      const picked: PickedKey | undefined = await pickKey(k, args, 'Rotate which key? The old one is revoked only after the new one works.');
      if (!picked) return false;
      const p = k.controller.provider(picked.ref.provider);
      if (!p?.management?.create || !p.management.revoke) {
        void vscode.window.showInformationMessage(`keyward: ${p?.name ?? picked.ref.provider} cannot create and revoke keys through its API.`);
        return false;
      }
      const acc = k.controller.account(picked.ref);
      const own = acc?.managementKeyId === picked.key.id;
      const stored = acc?.storedKeyIds.has(picked.key.id);
      // A key created elsewhere: its value may still sit in a .env file, recognisable by its last
      // digits or preview — but only when no other listed key fits the same value.
      let found: string | undefined;
      if (!own && !stored) {
        const all = acc?.keys ?? [picked.key];
        const values = await envValuesMatching((v) => matchKeyForSecret(all, v).key?.id === picked.key.id);
        if (values.length === 1) {
          found = values[0];
          k.redactor.add(found);
        }
      }
      const notes = [
        own ? 'This is the key keyward is signed in with: the replacement becomes the signed-in key.' : '',
        found ? 'Its value was found in the workspace .env files (by its last digits): they will be updated.' : '',
        !own && !stored && !found ? 'keyward does not hold this key\'s value and did not find it in a .env file, so no .env file will change.' : '',
      ].filter(Boolean);
      if (!args.confirm && !(await confirmRotation(p.name, picked.key, notes))) return false;
      return runRotation(picked.ref, picked.key, found, isInteractive(arg));
    },

    async rotateLeakedKey(arg) {
      if (journal.get()) {
        await offerUnfinishedNow(true);
        return false;
      }
      const uri = vscode.Uri.parse(arg.uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(arg.range.start.line, arg.range.start.character, arg.range.end.line, arg.range.end.character);
      const literal = doc.getText(range).trim().replace(/^(["'`])(.*)\1$/s, '$2');
      if (!literal) {
        void vscode.window.showErrorMessage('keyward: the key is no longer at that place; save and try the fix again.');
        return false;
      }
      k.redactor.add(literal);
      const p = k.controller.provider(arg.provider);
      if (!p) return false;
      const accounts = (await k.vault.accounts()).filter((a) => a.provider === p.id);
      if (!accounts.length) {
        notify('warning', `keyward: sign in to ${p.name} to rotate this key (${maskSecret(literal)}).`, {
          'Sign In': () => vscode.commands.executeCommand('keyward.signIn', { provider: p.id }),
          'Open Dashboard': () => vscode.commands.executeCommand('keyward.openDashboard', { provider: p.id }),
        });
        return false;
      }
      await k.controller.ensureLoaded();
      // Matched (full value by hash, else last digits/preview), checked live with the literal
      // itself, picked by the user when several or none fit (issue 14 item 15).
      const found = await resolveLeakedKey(k, p, literal);
      if (!found) return false;
      const where = vscode.workspace.asRelativePath(uri);
      if ('moveOnly' in found) {
        // A dead or unverifiable literal revokes nothing; it still leaves the code.
        await moveLiteralToEnv(k.log, uri, range);
        void vscode.window.showWarningMessage(`keyward: ${found.moveOnly}`);
        return false;
      }
      const { ref, key } = found.candidate;
      if (!arg.confirm && !(await confirmRotation(p.name, key, [found.why, `The literal in ${where} is replaced by an environment variable lookup first.`]))) return false;
      await moveLiteralToEnv(k.log, uri, range);
      return runRotation(ref, key, literal, !arg.confirm);
    },

    offerUnfinished: () => offerUnfinishedNow(false),
    finish: () => continueJournal('resume'),
    rollBack: () => continueJournal('rollback'),
  };

  async function offerUnfinishedNow(blocking: boolean): Promise<void> {
    const j = journal.get();
    if (!j) return;
    const where = `${k.controller.provider(j.providerId)?.name ?? j.providerId} / ${j.accountId}`;
    const stopped = j.lastError ? ` It stopped at ${k.redactor.redact(j.lastError)}.` : '';
    const text = `keyward: the rotation of "${j.oldKeyName ?? 'a key'}" (${where}) did not finish.${stopped} ${blocking ? 'Finish or roll it back before starting another.' : ''}`.trim();
    // Non-modal and never automatic: revoking anything waits for the user's choice.
    notify('warning', text, { 'Finish Rotation': () => continueJournal('resume'), 'Roll Back': () => continueJournal('rollback') });
  }
}
