// "Rotate this leaked <Provider> key": offered on keyward hardcoded-key diagnostics whose provider
// has a management API; which key the literal is (keyMatch.ts), and the server's move-to-env fix
// found by kind. The rotation itself runs in keys/rotate.ts (rotateLeakedKey).
import * as vscode from 'vscode';
import type { ProviderEntry } from '../../../shared/providers/types';
import { ACTION_KINDS, CLIENT_COMMANDS, findAction, keywardData, type DiagnosticData } from '../../../shared/protocol';
import type { Log } from '../log';
import { maskSecret } from '../redact';
import { makeProviderClient } from './clients';
import { notify, type KeysContext } from './context';
import { maskedId } from './format';
import { checkLiteralLive, decideLeak, describeMatch, leakCandidates, type LeakAccount, type LeakCandidate, type Liveness } from './keyMatch';
import { hasManagement } from './model';

export const ROTATE_LEAKED_COMMAND = CLIENT_COMMANDS.rotateLeakedKey;
/** Kind of the language server's fix that replaces a literal with the env lookup (found by kind, never title). */
export const MOVE_TO_ENV_KIND = ACTION_KINDS.moveToEnv;

export interface LeakedKeyArgs {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  provider: string;
  confirm?: boolean;
}

/** The `data` the language server attached (vscode-languageclient keeps it on its diagnostics). */
export function diagnosticData(d: vscode.Diagnostic): DiagnosticData | undefined {
  return keywardData(d as vscode.Diagnostic & { data?: unknown });
}

export class LeakedKeyActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix.append('keyward').append('rotateLeaked')];

  constructor(private readonly providers: () => ProviderEntry[]) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      const data = diagnosticData(d);
      if (data?.ruleId !== 'hardcoded-key') continue;
      const providerId = data.provider;
      const p = providerId ? this.providers().find((x) => x.id === providerId) : undefined;
      if (!p || !hasManagement(p) || !p.management?.create || !p.management.revoke) continue;
      const action = new vscode.CodeAction(`Rotate this leaked ${p.name} key`, LeakedKeyActions.kinds[0]);
      action.diagnostics = [d];
      const args: LeakedKeyArgs = {
        uri: doc.uri.toString(),
        range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
        provider: p.id,
      };
      action.command = { command: ROTATE_LEAKED_COMMAND, title: action.title, arguments: [args] };
      out.push(action);
    }
    return out;
  }
}

/** The signed-in accounts of a provider as the leak matcher sees them (lists loaded, stored values read). */
async function leakAccounts(k: KeysContext, providerId: string, refresh: boolean): Promise<LeakAccount[]> {
  const out: LeakAccount[] = [];
  for (const ref of (await k.vault.accounts()).filter((a) => a.provider === providerId)) {
    if (refresh) await k.controller.refresh(ref);
    const state = k.controller.account(ref);
    const stored = (await k.vault.allValues(ref)).map((v) => ({ keyId: v.keyId, secret: v.secret, own: v.keyId === undefined }));
    out.push({ ref, keys: state?.keys ?? [], ownKeyId: state?.managementKeyId, stored });
  }
  return out;
}

/** The literal's own read-only request (the provider's key list, sent with the literal as the key). */
async function literalLiveness(k: KeysContext, p: ProviderEntry, literal: string): Promise<Liveness> {
  const url = k.baseUrl(p);
  if (!url.ok) return { state: 'unknown', reason: url.message };
  if (!p.management?.list) return { state: 'unknown', reason: `${p.name} has no read-only request in keyward's provider data` };
  const probe = makeProviderClient({ provider: p, baseUrl: url.url, getKey: async () => literal, proxy: k.proxy(), log: k.log });
  try {
    return await checkLiteralLive(() => probe.listKeys());
  } finally {
    await probe.close();
  }
}

export type LeakResolution = { candidate: LeakCandidate; why: string } | { moveOnly: string } | undefined;

/**
 * Which key the leaked literal is: matched (full value by hash, else last digits/preview), checked
 * live with the literal itself, and, when several or none fit, picked by the user. undefined when
 * the user cancelled or there is nothing to pick from (they were told why).
 */
export async function resolveLeakedKey(k: KeysContext, p: ProviderEntry, literal: string): Promise<LeakResolution> {
  let accounts = await leakAccounts(k, p.id, false);
  let candidates = leakCandidates(accounts, literal);
  // The list may predate the key (made in the dashboard since the view loaded): ask again once.
  if (!candidates.length) {
    accounts = await leakAccounts(k, p.id, true);
    candidates = leakCandidates(accounts, literal);
  }
  const decision = decideLeak(accounts, candidates, await literalLiveness(k, p, literal));
  if (decision.action === 'move-only') return { moveOnly: decision.reason };
  if (decision.action === 'confirm') return { candidate: decision.candidate, why: describeMatch(decision.candidate, p.name) };
  if (!decision.choices.length) {
    notify('warning', `keyward: could not tell which ${p.name} key ${maskSecret(literal)} is (${decision.reason}), and there is no listed key to pick. Revoke it in the dashboard.`, {
      'Open Dashboard': () => vscode.commands.executeCommand('keyward.openDashboard', { provider: p.id }),
    });
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    decision.choices.map((c) => ({ label: c.key?.name || c.key?.id || c.ref.account, description: c.key ? maskedId(c.key) : undefined, detail: `account ${c.ref.account}`, c })),
    { placeHolder: `Which ${p.name} key is ${maskSecret(literal)}? keyward cannot tell: ${decision.reason}. It is revoked only after its replacement works.`, ignoreFocusOut: true },
  );
  return picked ? { candidate: picked.c, why: describeMatch(picked.c, p.name) } : undefined;
}

/** Applies the language server's move-to-env fix for the literal, found by its kind and diagnostic. */
export async function moveLiteralToEnv(log: Log, uri: vscode.Uri, range: vscode.Range): Promise<boolean> {
  // The 4th argument makes VS Code resolve lazily computed edits (codeAction/resolve) for us.
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, MOVE_TO_ENV_KIND, 20)) ?? [];
  const move = findAction(actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string'), MOVE_TO_ENV_KIND, range.start);
  if (!move) {
    log.warn('the language server offered no move-to-env fix here; the literal stays in the code');
    void vscode.window.showWarningMessage('keyward: replace the leaked literal with an environment variable yourself.');
    return false;
  }
  if (move.edit && !(await vscode.workspace.applyEdit(move.edit))) throw new Error('VS Code refused the edit that moves the key to .env');
  if (move.command) await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? []));
  log.info(`moved the leaked literal in ${vscode.workspace.asRelativePath(uri)} to an environment variable`);
  return true;
}
