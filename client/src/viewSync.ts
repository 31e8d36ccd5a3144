// Keeps the API Keys view in step: loads key lists when the view shows, follows other windows'
// sign-ins and settings changes, and reads the local state (index, redactor values) at startup.
import * as vscode from 'vscode';
import type { KeysContext } from './keys/context';
import type { RotationCommands } from './keys/rotate';
import { managementSlot } from './secrets';

/** Follows the view's visibility, other windows' sign-ins and settings changes; returns the view's loader. */
export function followChanges(context: vscode.ExtensionContext, view: vscode.TreeView<unknown>, k: KeysContext): () => void {
  const { controller, vault, updateSignedIn, log } = k;
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
  return showIfVisible;
}

/** Startup without a network request: the sign-in flag, the values to redact, the view, an unfinished rotation. */
export function loadLocalState(k: KeysContext, rotation: RotationCommands, showIfVisible: () => void): void {
  const { vault, controller, redactor, updateSignedIn, log } = k;
  // Local reads only: the index (for the welcome view) and the values the redactor must know.
  void (async () => {
    await updateSignedIn();
    for (const ref of await vault.accounts()) for (const v of await vault.allValues(ref)) redactor.add(v.secret);
    await controller.reload();
    showIfVisible();
    await rotation.offerUnfinished();
  })().catch((err) => log.error('startup of the API Keys view failed', err));
}
