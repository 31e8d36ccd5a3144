// Wiring only: the log, the language client, the API Keys view, commands and the leaked-key action.
// Activation stays light: no network request and no scan here (key lists load when the view shows).
import * as vscode from 'vscode';
import { isApiError, userMessage, validateBaseUrl, type ProviderClient } from './api';
import { readProviders, readProxy, resolveBaseUrl } from './config';
import { makeProviderClient } from './keys/clients';
import type { KeysContext } from './keys/context';
import { KeysController } from './keys/controller';
import { findNode, type ProviderState, type TreeNode } from './keys/model';
import { createRotationUi } from './keys/rotate';
import { KeysTreeProvider } from './keys/tree';
import { createLog, redactingChannel } from './log';
import { startLanguageClient, type LspHandle } from './lsp';
import { registerCommands } from './registerCommands';
import { followChanges, loadLocalState } from './viewSync';
import { createRedactor } from './redact';
import { traceChannel } from './traceRedaction';
import { KeyVault } from './secrets';

/** What activate() returns: enough for the end-to-end suite to wait on the real UI's events. */
export interface KeywardTestApi {
  treeProvider: KeysTreeProvider;
  /** Tree nodes as the view shows them, and the state behind them (never a secret). */
  getState(): { roots: readonly TreeNode[]; providers: readonly ProviderState[] };
  findNode(id: string): TreeNode | undefined;
  /** Resolves when no provider request started by the view or a command is still running. */
  whenIdle(): Promise<void>;
  /** Resolves once the language client has started (or rejects with its start error). */
  languageClientReady: Promise<void>;
  /** Milliseconds activate() took (the language server starts after it returns). */
  activationMs: number;
}

let lsp: Promise<LspHandle | undefined> | undefined;

export function activate(context: vscode.ExtensionContext): KeywardTestApi {
  const started = performance.now();
  const raw = vscode.window.createOutputChannel('keyward', { log: true });
  const redactor = createRedactor();
  const channel = redactingChannel(raw, redactor);
  const log = createLog(channel);
  context.subscriptions.push(raw);

  const vault = new KeyVault(context.secrets);
  const keywardConfig = () => vscode.workspace.getConfiguration('keyward');
  const providers = () => readProviders(keywardConfig());
  const baseUrl = (p: Parameters<typeof resolveBaseUrl>[0]) => resolveBaseUrl(p, keywardConfig().inspect<string>(`providers.${p.id}.baseUrl`), validateBaseUrl);
  const proxy = () => readProxy(vscode.workspace.getConfiguration('http'));

  const rotationUi = createRotationUi();
  const controller = new KeysController<ProviderClient>({
    vault,
    providers,
    baseUrl,
    makeClient: (p, url, ref, onRateLimit) => makeProviderClient({ provider: p, baseUrl: url, getKey: () => vault.getAccountKey(ref), proxy: proxy(), log, onRateLimit }),
    describeError: (err) => ({
      message: redactor.redact(userMessage(err)),
      nextStep: isApiError(err) ? err.nextStep : undefined,
      link: isApiError(err) ? err.link : undefined,
      status: isApiError(err) ? err.status : undefined,
    }),
    findOwnKey: rotationUi.findOwnKey,
    log,
  });
  const tree = new KeysTreeProvider(controller);
  const view = vscode.window.createTreeView('keyward.apiKeys', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view, { dispose: () => controller.dispose() });

  const updateSignedIn = async () => {
    await vscode.commands.executeCommand('setContext', 'keyward.signedIn', await vault.signedIn());
  };
  const k: KeysContext = { vault, controller, redactor, log, channel, providers, baseUrl, proxy, updateSignedIn };
  const rotation = rotationUi.bind(k, context);

  const showIfVisible = followChanges(context, view, k);
  registerCommands(context, k, rotation, raw);
  loadLocalState(k, rotation, showIfVisible);

  // Traces never carry document text (keys live there); the redacting channel masks on top.
  lsp = startLanguageClient(context, channel, traceChannel(channel)).catch((err) => {
    log.error('the keyward language server could not start', err);
    void vscode.window.showErrorMessage(`keyward: the language server could not start: ${err instanceof Error ? err.message : String(err)}`, 'Show Log').then((c) => {
      if (c) raw.show(true);
    });
    return undefined;
  });
  const ready = lsp.then((h) => {
    if (!h) throw new Error('the keyward language server did not start');
  });
  ready.catch(() => undefined);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('workspace trusted: restarting the language server with git and workspace settings enabled');
      void lsp?.then((h) => h?.restart()).catch((err) => log.error('language server restart failed', err));
    }),
  );

  const activationMs = Math.round((performance.now() - started) * 10) / 10;
  log.info(`activated in ${activationMs} ms`);
  return {
    activationMs,
    treeProvider: tree,
    getState: () => ({ roots: tree.snapshot(), providers: controller.state() }),
    findNode: (id) => findNode(tree.snapshot(), id),
    whenIdle: () => controller.idle(),
    languageClientReady: ready,
  };
}

export async function deactivate(): Promise<void> {
  const h = await lsp;
  await h?.dispose();
}
