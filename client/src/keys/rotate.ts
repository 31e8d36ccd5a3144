// The VS Code side of key rotation: the rotate commands, with their confirmation, and the one-step
// remedy for a leaked literal (move it to an env lookup, then rotate). Running a rotation (progress,
// journal in globalState, SecretStorage slots, reports) is rotationFlow.ts; the state machine itself
// is keys/rotation.ts.
import * as vscode from 'vscode';
import type { KeyInfo } from '../api';
import { maskSecret } from '../redact';
import { argsOf, isInteractive, notify, type KeyArgs, type KeysContext } from './context';
import { pickKey, type PickedKey } from './pick';
import { moveLiteralToEnv, resolveLeakedKey, type LeakedKeyArgs } from './leaked';
import { maskedId } from './format';
import { findKeyForSecret, matchKeyForSecret } from './rotation';
import { RotationFlow } from './rotationFlow';
import { envValuesMatching } from './workspaceEnv';

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
  const flow = new RotationFlow(k, context);
  return {
    rotateKey: (arg) => rotateKey(k, flow, arg),
    rotateLeakedKey: (arg) => rotateLeakedKey(k, flow, arg),
    offerUnfinished: () => flow.offerUnfinished(false),
    finish: () => flow.continueJournal('resume'),
    rollBack: () => flow.continueJournal('rollback'),
  };
}

/** keyward.rotateKey: a listed key, replaced by a new one that is checked before the old one is revoked. */
async function rotateKey(k: KeysContext, flow: RotationFlow, arg?: KeyArgs): Promise<boolean> {
  const args = argsOf(arg);
  if (flow.journal.get()) {
    await flow.offerUnfinished(true);
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
  return flow.run(picked.ref, picked.key, found, isInteractive(arg));
}

/** The leaked-key fix: the literal leaves the code, then the key it matches is rotated. */
async function rotateLeakedKey(k: KeysContext, flow: RotationFlow, arg: LeakedKeyArgs): Promise<boolean> {
  if (flow.journal.get()) {
    await flow.offerUnfinished(true);
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
  return flow.run(ref, key, literal, !arg.confirm);
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
