// Registers every command the extension contributes (ids as in package.json) and the leaked-key
// code action; a command that throws is logged and shown, redacted, never left unhandled.
import * as vscode from 'vscode';
import * as cmd from './keys/commands';
import { argsOf, type KeyArgs, type KeysContext } from './keys/context';
import { LeakedKeyActions, ROTATE_LEAKED_COMMAND } from './keys/leaked';
import type { RotationCommands } from './keys/rotate';
import { signIn, signOut } from './keys/signIn';
import { DOCUMENT_SELECTOR } from './lsp';

export function registerCommands(context: vscode.ExtensionContext, k: KeysContext, rotation: RotationCommands, raw: vscode.LogOutputChannel): void {
  const { controller, redactor, log, providers } = k;
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
}
