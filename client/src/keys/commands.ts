// Key commands of the API Keys view and the palette: create, revoke, copy, insert into .env, open
// the dashboard, refresh. Each accepts a tree item or plain arguments (see KeyArgs in context.ts).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ProviderEntry } from '../../../shared/providers/types';
import type { CreatedKey, KeyInfo } from '../api';
import { maskSecret } from '../redact';
import { argsOf, isInteractive, providerOf, showApiError, title, type Arg, type KeyArgs, type KeysContext } from './context';
import { maskedId } from './format';
import type { AccountRef } from './model';
import { matchCreated, validateKeyName } from './naming';
import { pickAccount, pickKey, pickProvider } from './pick';
import { matchKeyForSecret } from './rotation';
import { envFilesContaining, envValuesMatching, insertIntoEnv } from './workspaceEnv';

function workspaceFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) || vscode.workspace.workspaceFolders?.[0];
}

/** Inserts a key value into the workspace .env under the provider's env var; says what happened. */
export async function insertValueIntoEnv(k: KeysContext, p: ProviderEntry, value: string, quiet = false): Promise<boolean> {
  const folder = workspaceFolder();
  if (!folder) {
    void vscode.window.showWarningMessage('keyward: open a folder to write a .env file.');
    return false;
  }
  const envVar = p.envVars[0] ?? `${p.id.toUpperCase().replace(/-/g, '_')}_API_KEY`;
  const outcome = await insertIntoEnv(folder.uri, envVar, value, async (name, alt) => {
    // Unattended (a scripted create): never overwrite a different value, take the next free name.
    if (quiet) return 'rename';
    const choice = await vscode.window.showWarningMessage(
      `${name} in .env already holds another value. Replace it, or add the key as ${alt}?`,
      { modal: true },
      'Replace',
      `Add as ${alt}`,
    );
    return choice === 'Replace' ? 'replace' : choice ? 'rename' : undefined;
  });
  if (!outcome) return false;
  k.log.info(`.env: ${outcome.name} ${outcome.action} in ${vscode.workspace.asRelativePath(outcome.uri)}`);
  if (!quiet) {
    const text =
      outcome.action === 'present'
        ? `${outcome.name} in .env already holds this key.`
        : `${outcome.name} ${outcome.action === 'added' ? 'added to' : 'replaced in'} ${vscode.workspace.asRelativePath(outcome.uri)}${outcome.gitignoreAdded ? '; .env added to .gitignore' : ''}.`;
    void vscode.window.showInformationMessage(`keyward: ${text}`);
  }
  return true;
}/** keyward.createKey: name → create (progress) → value stored, shown masked once with Copy / Insert. */
export async function createKey(k: KeysContext, arg?: Arg): Promise<{ id?: string; name: string } | undefined> {
  const args = argsOf(arg);
  const ref = await pickAccount(k, args, 'Create the key in which account?', true);
  if (!ref) return undefined;
  const p = providerOf(k, ref.provider);
  if (!p.management?.create) {
    void vscode.window.showInformationMessage(`keyward: ${p.name} does not offer key creation through its API.`);
    return undefined;
  }
  let name = args.name?.trim();
  if (args.name !== undefined) {
    const problem = validateKeyName(args.name);
    if (problem) {
      void vscode.window.showErrorMessage(`keyward: ${problem}`);
      return undefined;
    }
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.name;
    name = (
      await vscode.window.showInputBox({
        title: title(`New ${p.name} key`),
        prompt: 'Name the key after where it will be used: one key per integration and environment.',
        value: folder ? `${folder}-dev` : undefined,
        ignoreFocusOut: true,
        validateInput: validateKeyName,
      })
    )?.trim();
  }
  if (!name) return undefined;
  const client = k.controller.client(ref);
  if (!client) {
    void vscode.window.showErrorMessage(`keyward: ${p.name} cannot be reached: ${k.baseUrl(p).ok ? 'no client' : (k.baseUrl(p) as { message: string }).message}`);
    return undefined;
  }
  const keyName = name;
  let created: CreatedKey;
  try {
    created = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `keyward: creating ${p.name} key "${keyName}"…` }, () =>
      k.controller.withPending(ref, { kind: 'create', name: keyName }, () => client.createKey(keyName, { idempotencyKey: randomUUID() })),
    );
  } catch (err) {
    showApiError(k, ref, `Creating key "${keyName}"`, err, isInteractive(arg));
    return undefined;
  }
  k.redactor.add(created.secret);
  const id = await storeCreated(k, ref, created);
  k.log.info(`created ${p.name} key "${keyName}" (${id ? `id ${id}` : 'no id returned'}, ${maskSecret(created.secret)})`);
  if (args.insertIntoEnv) {
    // The key exists and is stored whatever happens to the .env write: report, never lose it.
    await insertValueIntoEnv(k, p, created.secret, true).catch((err: unknown) => {
      k.log.warn(`writing the new key to .env failed: ${k.redactor.redact(err instanceof Error ? err.message : String(err))}`);
      void vscode.window.showWarningMessage(`keyward: the key "${keyName}" was created and stored, but .env could not be updated. Use "Insert API Key into .env" from the API Keys view.`);
    });
  }
  else {
    // Non-modal: the value stays retrievable (Copy in the tree) because it is in Secret Storage.
    void vscode.window
      .showInformationMessage(
        `keyward: created ${p.name} key "${keyName}" (${maskSecret(created.secret)}). It is stored in Secret Storage; ${p.name} will not show it again.`,
        'Copy',
        'Insert into .env',
      )
      .then(async (choice) => {
        if (choice === 'Copy') {
          await vscode.env.clipboard.writeText(created.secret);
          void vscode.window.setStatusBarMessage(`keyward: key "${keyName}" copied`, 4000);
        } else if (choice === 'Insert into .env') await insertValueIntoEnv(k, p, created.secret);
      });
  }
  return { id, name: keyName };
}

/** Stores a created key under its id (from the response, else found in a fresh list) and shows it. */
async function storeCreated(k: KeysContext, ref: AccountRef, created: CreatedKey): Promise<string | undefined> {
  let id = created.id;
  if (id) {
    k.controller.addKey(ref, { id, name: created.name, createdAt: created.createdAt, expiresAt: created.expiresAt, lastDigits: created.lastDigits });
  } else {
    // The seed API answers {key, name, created_at} without an id: find the new entry in the list.
    await k.controller.refresh(ref);
    const keys = k.controller.account(ref)?.keys ?? [];
    id = matchCreated(keys, created);
  }
  if (id) {
    await k.vault.storeKey(ref, id, created.secret);
    k.controller.markStored(ref, id);
  } else {
    k.log.warn(`the new key "${created.name}" could not be matched to a listed key; its value was not kept`);
  }
  void k.controller.refresh(ref);
  return id;
}

/** Why revoking this key would break something, in words for the confirmation. */
async function inUseWarnings(k: KeysContext, ref: AccountRef, key: KeyInfo): Promise<string[]> {
  const out: string[] = [];
  const state = k.controller.account(ref);
  if (state?.managementKeyId === key.id) out.push('keyward is signed in with this key: you will have to sign in again with another key.');
  let value = state?.storedKeyIds.has(key.id) ? await k.vault.getKey(ref, key.id) : undefined;
  if (!value) {
    // Not created here: a .env value with this key's last digits (and no other key's) is it.
    const all = state?.keys ?? [key];
    const found = await envValuesMatching((v) => matchKeyForSecret(all, v).key?.id === key.id);
    if (found.length === 1) value = found[0];
  }
  if (value) {
    k.redactor.add(value);
    const files = await envFilesContaining(value);
    if (files.length) out.push(`It is in use: ${files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')} hold${files.length === 1 ? 's' : ''} this key.`);
  }
  return out;
}

/** keyward.revokeKey: modal confirmation naming the key, then DELETE at the provider. */
export async function revokeKey(k: KeysContext, arg?: Arg): Promise<boolean> {
  const args = argsOf(arg);
  const picked = await pickKey(k, args, 'Revoke which key? Anything using it stops working at once.');
  if (!picked) return false;
  const { ref, key } = picked;
  const p = providerOf(k, ref.provider);
  if (!args.confirm) {
    const warnings = await inUseWarnings(k, ref, key);
    const choice = await vscode.window.showWarningMessage(
      `Revoke ${p.name} key "${key.name}" (${maskedId(key)})?`,
      {
        modal: true,
        detail: [...warnings.map((w) => `⚠ ${w}`), 'Revoking is immediate and permanent: every program using this key stops working. Rotate instead to replace it first.'].join('\n\n'),
      },
      'Revoke',
    );
    if (choice !== 'Revoke') return false;
  }
  const client = k.controller.client(ref);
  if (!client) return false;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `keyward: revoking "${key.name}"…` }, () =>
      k.controller.withPending(ref, { kind: 'revoke', keyId: key.id }, () => client.revokeKey(key.id)),
    );
  } catch (err) {
    showApiError(k, ref, `Revoking "${key.name}"`, err, isInteractive(arg));
    return false;
  }
  const wasOwn = k.controller.account(ref)?.managementKeyId === key.id;
  k.controller.removeKey(ref, key.id);
  await k.vault.deleteKey(ref, key.id);
  k.log.info(`revoked ${p.name} key "${key.name}" (id ${key.id})`);
  void vscode.window.showInformationMessage(`keyward: revoked "${key.name}".`);
  if (wasOwn) await k.controller.refresh(ref);
  else void k.controller.refresh(ref);
  return true;
}

/** The value behind a tree item: a created key, or a store-only account's own key. */
async function storedValue(k: KeysContext, args: KeyArgs): Promise<{ ref: AccountRef; p: ProviderEntry; value: string; label: string } | undefined> {
  if (args.provider && args.account && !args.keyId) {
    const ref = { provider: args.provider, account: args.account };
    const value = await k.vault.getAccountKey(ref);
    const p = k.controller.provider(ref.provider);
    return value && p ? { ref, p, value, label: `${p.name} key (${ref.account})` } : undefined;
  }
  const picked = await pickKey(k, args, 'Which key? Only keys whose value keyward holds are listed.', (ref, key) => !!k.controller.account(ref)?.storedKeyIds.has(key.id));
  if (!picked) return undefined;
  const value = await k.vault.getKey(picked.ref, picked.key.id);
  if (!value) {
    void vscode.window.showWarningMessage(`keyward: the value of "${picked.key.name}" is not in Secret Storage (only keys created here are).`);
    return undefined;
  }
  return { ref: picked.ref, p: providerOf(k, picked.ref.provider), value, label: `"${picked.key.name}"` };
}

/** keyward.copyKey: copies a key keyward holds; touches nothing else. */
export async function copyKey(k: KeysContext, arg?: Arg): Promise<boolean> {
  const found = await storedValue(k, argsOf(arg));
  if (!found) return false;
  k.redactor.add(found.value);
  await vscode.env.clipboard.writeText(found.value);
  void vscode.window.setStatusBarMessage(`keyward: ${found.label} copied to the clipboard`, 5000);
  return true;
}

/** keyward.insertKeyIntoEnv: NAME=value into the workspace .env (undoable, never overwriting silently). */
export async function insertKeyCommand(k: KeysContext, arg?: Arg): Promise<boolean> {
  const found = await storedValue(k, argsOf(arg));
  if (!found) return false;
  k.redactor.add(found.value);
  return insertValueIntoEnv(k, found.p, found.value);
}

/** keyward.openDashboard: the provider's own key page in the browser. */
export async function openDashboard(k: KeysContext, arg?: Arg): Promise<boolean> {
  const p = await pickProvider(k, argsOf(arg), 'Open whose dashboard?', (x) => !!x.dashboardUrl);
  if (!p?.dashboardUrl) {
    if (p) void vscode.window.showInformationMessage(`keyward: no dashboard address is known for ${p.name}.`);
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(p.dashboardUrl));
}

/** keyward.refreshKeys: one account (from a tree item / retry) or everything. */
export async function refreshKeys(k: KeysContext, arg?: Arg): Promise<void> {
  const args = argsOf(arg);
  if (args.provider && args.account) await k.controller.refresh({ provider: args.provider, account: args.account });
  else await k.controller.reload(true);
}
