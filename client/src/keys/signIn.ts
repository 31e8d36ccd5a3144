// Sign in (a key checked with an authenticated request before it is saved) and sign out.
import * as vscode from 'vscode';
import type { ProviderEntry } from '../../../shared/providers/types';
import { userMessage, type ProviderClient } from '../api';
import { maskSecret } from '../redact';
import { makeProviderClient } from './clients';
import type { BaseUrlResolution } from '../config';
import { argsOf, notify, providerOf, title, type Arg, type KeyArgs, type KeysContext } from './context';
import { hasManagement } from './model';
import { validateAccountLabel } from './naming';
import { pickAccount, pickProvider } from './pick';

/** A client for one-off checks of a key that is not stored yet (sign-in). */
function clientFor(k: KeysContext, p: ProviderEntry, baseUrl: string, getKey: () => Promise<string | undefined>): ProviderClient {
  return makeProviderClient({ provider: p, baseUrl, getKey, proxy: k.proxy(), log: k.log });
}

/** keyward.signIn: provider → key (validated before it is saved) → account label. */
export async function signIn(k: KeysContext, arg?: Arg): Promise<boolean> {
  const args = argsOf(arg);
  const p = await pickProvider(k, args, 'Which provider do you want to sign in to?');
  if (!p) return false;
  const url = k.baseUrl(p);
  const canValidate = url.ok && !!(p.validate ?? p.management?.list);
  if (!url.ok && hasManagement(p)) {
    notify('error', `keyward: ${url.message}`, { 'Open Settings': () => vscode.commands.executeCommand('workbench.action.openSettings', url.settingId) });
    return false;
  }
  const key = await acceptedKey(k, p, url, canValidate, args);
  if (!key) return false;
  const account = await accountLabel(k, p, args);
  if (!account) return false;
  const ref = { provider: p.id, account };
  await k.vault.setAccountKey(ref, key);
  await k.updateSignedIn();
  k.log.info(`signed in to ${p.name} as "${account}" with key ${maskSecret(key)}${canValidate ? ' (checked)' : ' (not checked)'}`);
  await k.controller.reload();
  const existing = k.controller.account(ref);
  if (existing && existing.status !== 'idle') await k.controller.refresh(ref);
  // Show what the sign-in unlocked: the view loads the account's keys as it opens.
  await vscode.commands.executeCommand('keyward.apiKeys.focus').then(undefined, () => undefined);
  void vscode.window.showInformationMessage(`keyward: signed in to ${p.name} (${account}). The key is kept in Secret Storage.`);
  return true;
}

/** The key to store: passed in or pasted, checked with an authenticated request when the provider has one; undefined when the user gives up. */
async function acceptedKey(k: KeysContext, p: ProviderEntry, url: BaseUrlResolution, canValidate: boolean, args: KeyArgs): Promise<string | undefined> {
  const managed = hasManagement(p);
  let key = args.key?.trim();
  let problem: string | undefined = args.reason ? `${args.reason.slice(0, 200)} Paste a new key, or press Escape.` : undefined;
  for (;;) {
    if (!key) {
      key = (
        await vscode.window.showInputBox({
          title: title(managed ? `Sign in to ${p.name}` : `Store a ${p.name} key`),
          prompt: problem ?? (managed ? `Paste an existing ${p.name} API key. keyward uses it to list, create and revoke keys.` : `Paste your ${p.name} API key. It is kept in Secret Storage.`),
          placeHolder: `${p.name} API key`,
          password: true,
          ignoreFocusOut: true,
          validateInput: (v) => (!v.trim() ? 'Paste a key.' : /\s/.test(v.trim()) ? 'A key has no spaces or line breaks.' : undefined),
        })
      )?.trim();
      if (!key) return undefined;
    }
    k.redactor.add(key);
    // canValidate implies url.ok; testing both lets the compiler see the URL below.
    if (!canValidate || !url.ok) {
      // Nothing to check the key against (no base URL or no validation endpoint): say so, store on request.
      const reason = url.ok ? `${p.name} has no validation request configured` : url.message;
      const choice = args.confirm
        ? 'Store Unchecked'
        : await vscode.window.showWarningMessage(`keyward: the key cannot be checked: ${reason}`, { modal: true }, 'Store Unchecked', 'Open Settings');
      if (choice === 'Open Settings' && !url.ok) await vscode.commands.executeCommand('workbench.action.openSettings', url.settingId);
      if (choice !== 'Store Unchecked') return undefined;
      return key;
    }
    const candidate = key;
    const client = clientFor(k, p, url.url, async () => candidate);
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `keyward: checking the key with ${p.name}…` },
        () => client.validate(candidate),
      );
      return key;
    } catch (err) {
      const text = k.redactor.redact(userMessage(err));
      k.log.warn(`sign-in to ${p.name}: key ${maskSecret(candidate)} refused: ${text}`);
      const status = (err as { status?: number }).status;
      if (args.key) {
        // Scripted sign-in: no prompt to retry, report and stop.
        void vscode.window.showErrorMessage(`keyward: ${text}`);
        return undefined;
      }
      if (status === 401) {
        problem = `${p.name} rejected that key (401). Paste a valid key, or press Escape.`;
        key = undefined;
        continue;
      }
      const choice = await vscode.window.showErrorMessage(`keyward: the key could not be checked. ${text}`, 'Try Again');
      if (choice !== 'Try Again') return undefined;
    } finally {
      void client.close();
    }
  }
}

/** The account label: passed in, "default" for a scripted sign-in, else asked; undefined when cancelled or invalid. */
async function accountLabel(k: KeysContext, p: ProviderEntry, args: KeyArgs): Promise<string | undefined> {
  // A scripted sign-in (key passed in) never stops at a prompt: the label defaults to "default".
  let account = args.account ?? (args.key ? 'default' : undefined);
  if (!account) {
    const existing = (await k.vault.accounts()).filter((a) => a.provider === p.id).map((a) => a.account);
    account = (
      await vscode.window.showInputBox({
        title: title(`${p.name} account label`),
        prompt: existing.length
          ? `A label for this account. Existing: ${existing.join(', ')} — reusing one replaces its key.`
          : 'A label for this account, to tell several accounts apart. Press Enter for "default".',
        value: 'default',
        ignoreFocusOut: true,
        validateInput: validateAccountLabel,
      })
    )?.trim();
    if (!account) return undefined;
  } else if (validateAccountLabel(account)) {
    void vscode.window.showErrorMessage(`keyward: ${validateAccountLabel(account)}`);
    return undefined;
  }
  return account;
}

/** keyward.signOut: forgets an account's key and the key values stored under it. */
export async function signOut(k: KeysContext, arg?: Arg): Promise<boolean> {
  const args = argsOf(arg);
  const ref = await pickAccount(k, args, 'Sign out of which account?', false);
  if (!ref) return false;
  const p = providerOf(k, ref.provider);
  const stored = (await k.vault.storedKeyIds(ref)).size;
  if (!args.confirm) {
    const choice = await vscode.window.showWarningMessage(
      `Sign out of ${p.name} (${ref.account})?`,
      {
        modal: true,
        detail: `keyward forgets the account key${stored ? ` and ${stored} stored key value${stored === 1 ? '' : 's'}` : ''} in Secret Storage. The keys stay valid at ${p.name}; revoke them there if they leaked.`,
      },
      'Sign Out',
    );
    if (choice !== 'Sign Out') return false;
  }
  await k.vault.removeAccount(ref);
  await k.updateSignedIn();
  await k.controller.reload();
  k.log.info(`signed out of ${p.name} (${ref.account})`);
  return true;
}
