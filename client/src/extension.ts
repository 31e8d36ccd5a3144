// Wiring only: the log, the language client, the API Keys view, commands and the leaked-key action.
// Activation stays light: no network request and no scan here (key lists load when the view shows).
import * as vscode from 'vscode';
import { isApiError, userMessage, validateBaseUrl, type ProviderClient } from './api';
import { readProviders, readProxy, resolveBaseUrl } from './config';
import { makeProviderClient } from './keys/clients';
import * as cmd from './keys/commands';
import { argsOf, type KeyArgs, type KeysContext } from './keys/context';
import { signIn, signOut } from './keys/signIn';
import { KeysController } from './keys/controller';
import { LeakedKeyActions, ROTATE_LEAKED_COMMAND } from './keys/leaked';
import { findNode, type ProviderState, type TreeNode } from './keys/model';
import { createRotationUi } from './keys/rotate';
import { KeysTreeProvider } from './keys/tree';
import { createLog, redactingChannel } from './log';
import { DOCUMENT_SELECTOR, startLanguageClient, type LspHandle } from './lsp';
import { createRedactor } from './redact';
import { traceChannel } from './traceRedaction';
import { KeyVault, managementSlot } from './secrets';

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

  // Key lists are fetched the first time the view is visible, not on activation.
  const showIfVisible = () => {
    if (view.visible) void controller.ensureLoaded();
  };
  context.subscriptions.push(view.onDidChangeVisibility(showIfVisible));

  // Another window signed in or out, or stored a key: follow it here.
  context.subscriptions.push(
    vault.onDidChange((slot) => {
      void updateSignedIn();
      void controller.reload().then(() => {
        // A new key for an account (signed in again elsewhere): its list may work again now.
        if (!controller.isFetching) return;
        for (const ps of controller.state()) for (const a of ps.accounts) if (managementSlot(a) === slot && a.status !== 'loading') void controller.refresh(a);
      });
    }),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('keyward.providers') || e.affectsConfiguration('keyward.customProviders') || e.affectsConfiguration('http')) {
        log.info('provider settings changed: reloading the API Keys view');
        void controller.reload(controller.isFetching);
      }
    }),
  );

  const register = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          const text = redactor.redact(err instanceof Error ? err.message : String(err));
          log.error(`${id} failed`, redactor.redact(err instanceof Error ? (err.stack ?? err.message) : String(err)));
          void vscode.window.showErrorMessage(`keyward: ${text}`);
          return undefined;
        }
      }),
    );
  register('keyward.signIn', (a?: KeyArgs) => signIn(k, a));
  register('keyward.signOut', (a?: KeyArgs) => signOut(k, a));
  register('keyward.createKey', (a?: KeyArgs) => cmd.createKey(k, a));
  register('keyward.revokeKey', (a?: KeyArgs) => cmd.revokeKey(k, a));
  register('keyward.rotateKey', (a?: KeyArgs) => rotation.rotateKey(a));
  register('keyward.finishRotation', () => rotation.finish());
  register('keyward.rollBackRotation', () => rotation.rollBack());
  register(ROTATE_LEAKED_COMMAND, (a: Parameters<typeof rotation.rotateLeakedKey>[0]) => rotation.rotateLeakedKey(a));
  register('keyward.copyKey', (a?: KeyArgs) => cmd.copyKey(k, a));
  register('keyward.insertKeyIntoEnv', (a?: KeyArgs) => cmd.insertKeyCommand(k, a));
  register('keyward.openDashboard', (a?: KeyArgs) => cmd.openDashboard(k, a));
  register('keyward.refreshKeys', (a?: KeyArgs) => cmd.refreshKeys(k, a));
  register('keyward.loadMoreKeys', (a?: KeyArgs) => {
    const args = argsOf(a);
    if (args.provider && args.account) controller.loadMore({ provider: args.provider, account: args.account });
  });
  register('keyward.showOutput', () => raw.show(true));

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new LeakedKeyActions(providers), { providedCodeActionKinds: LeakedKeyActions.kinds }),
  );

  // Local reads only: the index (for the welcome view) and the values the redactor must know.
  void (async () => {
    await updateSignedIn();
    for (const ref of await vault.accounts()) for (const v of await vault.allValues(ref)) redactor.add(v.secret);
    await controller.reload();
    showIfVisible();
    await rotation.offerUnfinished();
  })().catch((err) => log.error('startup of the API Keys view failed', err));

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
