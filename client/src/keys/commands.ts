// Palette and tree commands of the API Keys view. Each command accepts, besides a tree item, a
// plain argument object ({ provider, account, keyId, name, key, confirm }) so the end-to-end suite
// drives the same code a person does; a modal is skipped only for an explicit `confirm: true`.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ProviderEntry } from '../../../server/src/providers/types';
import { userMessage, type CreatedKey, type KeyInfo, type ProviderClient } from '../api';
import type { BaseUrlResolution, ProxySettings } from '../config';
import type { Log } from '../log';
import { maskSecret, type Redactor } from '../redact';
import type { KeyVault } from '../secrets';
import { makeProviderClient } from './clients';
import type { KeysController } from './controller';
import { hasManagement, maskedId, relativeTime, validateAccountLabel, validateKeyName, type AccountRef, type TreeNode } from './model';
import { matchCreated } from './naming';
import { matchKeyForSecret } from './rotation';
import { envFilesContaining, envValuesMatching, insertIntoEnv } from './workspaceEnv';

export interface KeysContext {
  vault: KeyVault;
  controller: KeysController<ProviderClient>;
  redactor: Redactor;
  log: Log;
  channel: vscode.LogOutputChannel;
  providers(): ProviderEntry[];
  baseUrl(p: ProviderEntry): BaseUrlResolution;
  proxy(): ProxySettings;
  updateSignedIn(): Promise<void>;
}

/** What commands accept besides a tree item. */
export interface KeyArgs {
  provider?: string;
  account?: string;
  keyId?: string;
  name?: string;
  /** Sign in: the key to store (skips the password box). Never logged. */
  key?: string;
  confirm?: boolean;
  /** Create: also write the new key into the workspace .env without asking. */
  insertIntoEnv?: boolean;
  /** Sign in: why the key is asked for again (shown in the password box). */
  reason?: string;
}

type Arg = TreeNode | KeyArgs | undefined;

export function argsOf(arg: unknown): KeyArgs {
  if (!arg || typeof arg !== 'object') return {};
  const node = arg as Partial<TreeNode>;
  if (node.ref && typeof node.ref === 'object') return { provider: node.ref.provider, account: node.ref.account, keyId: node.ref.keyId };
  return arg as KeyArgs;
}

const title = (s: string) => `keyward: ${s}`;

/**
 * Shows a non-modal message and handles its buttons later: a command never waits on a toast, so
 * it settles (for the caller and the e2e suite) while the message stays until the user acts.
 */
export function notify(kind: 'info' | 'warning' | 'error', text: string, actions: Record<string, () => unknown> = {}): void {
  const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(text, ...Object.keys(actions)).then((choice) => {
    if (choice) void Promise.resolve(actions[choice]()).catch(() => undefined);
  });
}

// ---------- picking ----------

async function pickProvider(k: KeysContext, args: KeyArgs, placeHolder: string, filter?: (p: ProviderEntry) => boolean): Promise<ProviderEntry | undefined> {
  const all = k.providers().filter((p) => !filter || filter(p));
  if (args.provider) {
    const p = all.find((x) => x.id === args.provider);
    if (!p) void vscode.window.showErrorMessage(`keyward: unknown provider "${args.provider}".`);
    return p;
  }
  if (all.length === 1) return all[0];
  const items = all.map((p) => {
    const url = k.baseUrl(p);
    return {
      label: p.name,
      description: hasManagement(p) ? 'create, list, revoke, rotate keys' : 'store, validate, insert a key',
      detail: url.ok ? url.url : `⚠ ${url.message}`,
      provider: p,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: title('Provider'), placeHolder, ignoreFocusOut: true });
  return picked?.provider;
}

async function pickAccount(k: KeysContext, args: KeyArgs, placeHolder: string, managedOnly: boolean): Promise<AccountRef | undefined> {
  let accounts = await k.vault.accounts();
  if (managedOnly) {
    accounts = accounts.filter((a) => {
      const p = k.controller.provider(a.provider);
      return p && hasManagement(p);
    });
  }
  if (args.provider) accounts = accounts.filter((a) => a.provider === args.provider);
  if (args.account) accounts = accounts.filter((a) => a.account === args.account);
  if (!accounts.length) {
    notify('info', args.provider || args.account ? 'keyward: not signed in to that account.' : 'keyward: sign in to a provider first.', {
      'Sign In': () => vscode.commands.executeCommand('keyward.signIn', { provider: args.provider, account: args.account }),
    });
    return undefined;
  }
  if (accounts.length === 1) return accounts[0];
  const picked = await vscode.window.showQuickPick(
    accounts.map((a) => ({ label: a.account, description: k.controller.provider(a.provider)?.name ?? a.provider, ref: a })),
    { title: title('Account'), placeHolder, ignoreFocusOut: true },
  );
  return picked?.ref;
}

export interface PickedKey {
  ref: AccountRef;
  key: KeyInfo;
}

export async function pickKey(k: KeysContext, args: KeyArgs, placeHolder: string, only?: (ref: AccountRef, key: KeyInfo) => boolean): Promise<PickedKey | undefined> {
  if (args.provider && args.account && args.keyId) {
    const ref = { provider: args.provider, account: args.account };
    let key = k.controller.account(ref)?.keys?.find((x) => x.id === args.keyId);
    if (!key) {
      await k.controller.refresh(ref);
      key = k.controller.account(ref)?.keys?.find((x) => x.id === args.keyId);
    }
    if (!key) {
      void vscode.window.showErrorMessage(`keyward: key ${args.keyId} is not in the list of ${args.provider}/${args.account}. Refresh and try again.`);
      return undefined;
    }
    return { ref, key };
  }
  // Lists load only once needed: fetch (or wait for) them before offering a choice.
  await k.controller.ensureLoaded();
  const items: (vscode.QuickPickItem & { picked?: boolean; value: PickedKey })[] = [];
  const now = Date.now();
  for (const ps of k.controller.state()) {
    if (args.provider && ps.provider.id !== args.provider) continue;
    for (const a of ps.accounts) {
      if (args.account && a.account !== args.account) continue;
      for (const key of a.keys ?? []) {
        const ref = { provider: a.provider, account: a.account };
        if (only && !only(ref, key)) continue;
        const created = relativeTime(key.createdAt, now);
        items.push({
          label: key.name || '(unnamed)',
          description: maskedId(key),
          detail: [`${ps.provider.name} / ${a.account}`, created ? `created ${created}` : undefined, a.storedKeyIds.has(key.id) ? 'value stored' : undefined]
            .filter(Boolean)
            .join(' · '),
          value: { ref, key },
        });
      }
    }
  }
  if (!items.length) {
    void vscode.window.showInformationMessage('keyward: no keys to choose from. Sign in or refresh the API Keys view.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: title('API key'), placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  return picked?.value;
}

// ---------- helpers ----------

function providerOf(k: KeysContext, id: string): ProviderEntry {
  const p = k.controller.provider(id);
  if (!p) throw new Error(`unknown provider ${id}`);
  return p;
}

/** A client for one-off checks of a key that is not stored yet (sign-in). */
function clientFor(k: KeysContext, p: ProviderEntry, baseUrl: string, getKey: () => Promise<string | undefined>): ProviderClient {
  return makeProviderClient({ provider: p, baseUrl, getKey, proxy: k.proxy(), log: k.log });
}

/** A person started the command (palette or tree), as opposed to a script passing arguments. */
export function isInteractive(arg: unknown): boolean {
  return !arg || (typeof arg === 'object' && 'ref' in (arg as object));
}

function showApiError(k: KeysContext, ref: AccountRef | undefined, what: string, err: unknown, interactive = false): void {
  const text = k.redactor.redact(userMessage(err));
  // Only a rejected key changes the account's state (Sign in again); other failures of one command
  // are reported here and leave the list as it was.
  const d = k.controller.describe(err);
  if (ref && d.nextStep === 'reenter-key') k.controller.applyError(ref, err);
  k.log.warn(`${what} failed: ${text}`);
  const actions: Record<string, () => unknown> = {};
  if (d.nextStep === 'reenter-key' && ref) actions['Sign In Again'] = () => vscode.commands.executeCommand('keyward.signIn', { provider: ref.provider, account: ref.account });
  if (d.link) actions['Open Link'] = () => vscode.env.openExternal(vscode.Uri.parse(d.link!));
  actions['Show Log'] = () => k.channel.show(true);
  notify('error', `keyward: ${what} failed. ${text}`, actions);
  // The stored key stopped working: ask for a new one right away (only when a person is there).
  if (interactive && ref && d.nextStep === 'reenter-key') {
    void vscode.commands.executeCommand('keyward.signIn', { provider: ref.provider, account: ref.account, reason: text });
  }
}

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
}

// ---------- commands ----------

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
      if (!key) return false;
    }
    k.redactor.add(key);
    if (!canValidate) {
      // Nothing to check the key against (no base URL or no validation endpoint): say so, store on request.
      const reason = url.ok ? `${p.name} has no validation request configured` : url.message;
      const choice = args.confirm
        ? 'Store Unchecked'
        : await vscode.window.showWarningMessage(`keyward: the key cannot be checked: ${reason}`, { modal: true }, 'Store Unchecked', 'Open Settings');
      if (choice === 'Open Settings' && !url.ok) await vscode.commands.executeCommand('workbench.action.openSettings', url.settingId);
      if (choice !== 'Store Unchecked') return false;
      break;
    }
    const candidate = key;
    const client = clientFor(k, p, url.url, async () => candidate);
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `keyward: checking the key with ${p.name}…` },
        () => client.validate(candidate),
      );
      break;
    } catch (err) {
      const text = k.redactor.redact(userMessage(err));
      k.log.warn(`sign-in to ${p.name}: key ${maskSecret(candidate)} refused: ${text}`);
      const status = (err as { status?: number }).status;
      if (args.key) {
        // Scripted sign-in: no prompt to retry, report and stop.
        void vscode.window.showErrorMessage(`keyward: ${text}`);
        return false;
      }
      if (status === 401) {
        problem = `${p.name} rejected that key (401). Paste a valid key, or press Escape.`;
        key = undefined;
        continue;
      }
      const choice = await vscode.window.showErrorMessage(`keyward: the key could not be checked. ${text}`, 'Try Again');
      if (choice !== 'Try Again') return false;
    } finally {
      void client.close();
    }
  }
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
    if (!account) return false;
  } else if (validateAccountLabel(account)) {
    void vscode.window.showErrorMessage(`keyward: ${validateAccountLabel(account)}`);
    return false;
  }
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

/** keyward.createKey: name → create (progress) → value stored, shown masked once with Copy / Insert. */
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
  if (args.insertIntoEnv) await insertValueIntoEnv(k, p, created.secret, true);
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
