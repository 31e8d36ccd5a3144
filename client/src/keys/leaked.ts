// "Rotate this leaked <Provider> key": offered on keyward hardcoded-key diagnostics whose provider
// has a management API. The command itself lives in commands/rotation wiring (rotateLeakedKey).
import * as vscode from 'vscode';
import type { ProviderEntry } from '../../../shared/providers/types';
import { hasManagement } from './model';

export const ROTATE_LEAKED_COMMAND = 'keyward.rotateLeakedKey';
/** Title of the language server's fix that replaces a literal with the env lookup. */
export const MOVE_TO_ENV_TITLE = /^Move key to environment variable/i;

export interface LeakedKeyArgs {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  provider: string;
  confirm?: boolean;
}

/** The diagnostic's code, whether plain or { value, target } (LSP codeDescription). */
function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  return c ? String(c.value) : undefined;
}

/** The `data` the language server attached (vscode-languageclient keeps it on its diagnostics). */
export function diagnosticData(d: vscode.Diagnostic): { provider?: string; envVar?: string; ruleId?: string } | undefined {
  const data = (d as vscode.Diagnostic & { data?: unknown }).data;
  return data && typeof data === 'object' ? (data as { provider?: string }) : undefined;
}

export class LeakedKeyActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly providers: () => ProviderEntry[]) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      if (d.source !== 'keyward' || codeOf(d) !== 'hardcoded-key') continue;
      const providerId = diagnosticData(d)?.provider;
      const p = providerId ? this.providers().find((x) => x.id === providerId) : undefined;
      if (!p || !hasManagement(p) || !p.management?.create || !p.management.revoke) continue;
      const action = new vscode.CodeAction(`Rotate this leaked ${p.name} key`, vscode.CodeActionKind.QuickFix);
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
