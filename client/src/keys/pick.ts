// Choosing a provider, an account or a key: from the arguments when given, else a QuickPick.
import * as vscode from 'vscode';
import type { ProviderEntry } from '../../../shared/providers/types';
import type { KeyInfo } from '../api';
import { notify, title, type KeyArgs, type KeysContext } from './context';
import { maskedId, relativeTime } from './format';
import { hasManagement, type AccountRef } from './model';

export async function pickProvider(k: KeysContext, args: KeyArgs, placeHolder: string, filter?: (p: ProviderEntry) => boolean): Promise<ProviderEntry | undefined> {
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

export async function pickAccount(k: KeysContext, args: KeyArgs, placeHolder: string, managedOnly: boolean): Promise<AccountRef | undefined> {
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
