// Shared plumbing of the key commands: what they need (KeysContext), the arguments they accept
// besides a tree item, and how they report. A modal is skipped only for an explicit `confirm: true`.
import * as vscode from 'vscode';
import type { ProviderEntry } from '../../../shared/providers/types';
import { userMessage, type ProviderClient } from '../api';
import type { BaseUrlResolution, ProxySettings } from '../config';
import type { Log } from '../log';
import type { Redactor } from '../redact';
import type { KeyVault } from '../secrets';
import type { KeysController } from './controller';
import type { AccountRef, TreeNode } from './model';

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

export type Arg = TreeNode | KeyArgs | undefined;

export function argsOf(arg: unknown): KeyArgs {
  if (!arg || typeof arg !== 'object') return {};
  const node = arg as Partial<TreeNode>;
  if (node.ref && typeof node.ref === 'object') return { provider: node.ref.provider, account: node.ref.account, keyId: node.ref.keyId };
  return arg as KeyArgs;
}

export const title = (s: string) => `keyward: ${s}`;

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

/** A person started the command (palette or tree), as opposed to a script passing arguments. */
export function isInteractive(arg: unknown): boolean {
  return !arg || (typeof arg === 'object' && 'ref' in (arg as object));
}

export function providerOf(k: KeysContext, id: string): ProviderEntry {
  const p = k.controller.provider(id);
  if (!p) throw new Error(`unknown provider ${id}`);
  return p;
}

export function showApiError(k: KeysContext, ref: AccountRef | undefined, what: string, err: unknown, interactive = false): void {
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
