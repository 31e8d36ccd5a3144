// workspace/executeCommand handlers: workspace scan, untrack a .env, add to baseline, open docs.
import * as path from 'node:path';
import { MessageType, type CancellationToken, type Connection, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { gitRmCached } from '../envfiles';
import { SERVER_COMMANDS } from '../../../shared/protocol';
import { BASELINE_FILE, baselineUri, mergeBaselineText, type BaselineStore } from './baseline';
import { CMD_BASELINE, CMD_EXPLAIN, CMD_OPEN_DOCS, CMD_UNTRACK } from './codeActions';
import { RULE_DOCS_BASE } from './diagnostics';
import type { DocumentScanner } from './documentScan';
import type { OpenDocuments } from './documents';
import type { EnvState } from './envState';
import { uriToPath, type Folders } from './folders';
import type { WorkspaceScanner, WorkspaceScanSummary } from './workspaceScan';
import { currentText, EditBuilder } from './workspaceEdit';

export const CMD_SCAN = SERVER_COMMANDS.scanWorkspace;
export const COMMAND_IDS = [CMD_SCAN, CMD_UNTRACK, CMD_BASELINE, CMD_OPEN_DOCS, CMD_EXPLAIN] as const;

export interface CommandDeps {
  connection: Connection;
  docs: OpenDocuments;
  folders: Folders;
  scanner: DocumentScanner;
  workspace: WorkspaceScanner;
  env: EnvState;
  baseline: BaselineStore;
  caps: () => { workDoneProgress: boolean };
  useGit: boolean;
  log: (message: string) => void;
}

export class Commands {
  constructor(private readonly deps: CommandDeps) {}

  async execute(params: ExecuteCommandParams, token: CancellationToken): Promise<unknown> {
    const args = params.arguments ?? [];
    switch (params.command) {
      case CMD_SCAN:
        return this.scanWorkspace(token);
      case CMD_UNTRACK:
        return this.untrack(args[0]);
      case CMD_BASELINE:
        return this.addToBaseline(args[0]);
      case CMD_OPEN_DOCS:
        return this.openDocs(args[0]);
      case CMD_EXPLAIN:
        // The planner's reason: plain advice that never contains the secret.
        if (typeof args[0] === 'string') void this.deps.connection.window.showInformationMessage(`keyward: ${args[0].slice(0, 500)}`);
        return null;
      default:
        throw new Error(`unknown command ${params.command}`);
    }
  }

  /** Runs the disk scan with $/progress when the client supports it; cancellable both ways. */
  async scanWorkspace(token?: CancellationToken, onlyFolders?: string[]): Promise<WorkspaceScanSummary | undefined> {
    const c = this.deps.connection;
    const progress = this.deps.caps().workDoneProgress ? await c.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    try {
      const summary = await this.deps.workspace.run(progress, token, onlyFolders);
      this.deps.log(
        `workspace scan ${summary.cancelled ? 'cancelled' : 'done'}: ${summary.files} files, ${summary.findings} findings in ${summary.filesWithFindings} files, ${summary.skipped} skipped, ${summary.ms} ms`,
      );
      return summary;
    } catch (err) {
      this.deps.log(`workspace scan failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** `git rm --cached` for a tracked .env, after the user confirms. */
  private async untrack(arg: unknown): Promise<{ untracked: boolean; reason?: string }> {
    const c = this.deps.connection;
    const file = typeof arg === 'string' ? uriToPath(arg) : undefined;
    if (!file) return { untracked: false, reason: 'no file given' };
    if (!this.deps.useGit) {
      void c.window.showWarningMessage('keyward does not run git in an untrusted workspace. Trust the workspace, or run git rm --cached yourself.');
      return { untracked: false, reason: 'untrusted' };
    }
    const status = this.deps.env.statusOf(file);
    if (!status?.tracked || !status.repoRoot) return { untracked: false, reason: 'not tracked' };
    const rel = path.relative(status.repoRoot, file).split(path.sep).join('/');
    const yes = 'Stop tracking';
    const answer = await c.window.showWarningMessage(
      `Stop tracking ${rel} in git? The file stays on disk; the next commit removes it from the repository. Keys it held are in the history: rotate them.`,
      { title: yes },
      { title: 'Cancel' },
    );
    if (answer?.title !== yes) return { untracked: false, reason: 'cancelled' };
    try {
      await gitRmCached(status.repoRoot, rel);
    } catch (err) {
      void c.window.showErrorMessage(`keyward could not untrack ${rel}: ${err instanceof Error ? err.message : String(err)}`);
      return { untracked: false, reason: 'git failed' };
    }
    const folder = this.deps.folders.folderFor(arg as string);
    if (folder) await this.deps.env.evaluate(folder.uri);
    return { untracked: true };
  }

  /**
   * Adds a finding's fingerprint to the folder's baseline through workspace/applyEdit, so it is
   * one undoable edit in the editor; the in-memory baseline is updated at once.
   */
  private async addToBaseline(arg: unknown): Promise<{ added: boolean; reason?: string }> {
    const c = this.deps.connection;
    const a = arg as { uri?: unknown; fingerprint?: unknown; ruleId?: unknown } | undefined;
    if (!a || typeof a.uri !== 'string' || typeof a.fingerprint !== 'string' || typeof a.ruleId !== 'string') return { added: false, reason: 'bad arguments' };
    const folder = this.deps.folders.folderFor(a.uri);
    if (!folder) return { added: false, reason: 'not in a workspace folder' };
    const uri = baselineUri(folder);
    const existing = await currentText(this.deps.docs, uri);
    let text: string;
    try {
      text = mergeBaselineText(existing, [{ fingerprint: a.fingerprint, ruleId: a.ruleId, file: this.deps.folders.relativePath(a.uri) }]);
    } catch (err) {
      // Never replace a baseline the user may be fixing by hand.
      void c.window.showErrorMessage(`keyward did not change ${BASELINE_FILE}: ${err instanceof Error ? err.message : String(err)}`);
      return { added: false, reason: 'baseline unreadable' };
    }
    const b = new EditBuilder(this.deps.docs);
    if (existing === undefined) b.create(uri).edit(uri, [{ range: zero(), newText: text }]);
    else b.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: endOf(existing) }, newText: text }]);
    const result = await c.workspace.applyEdit({ label: 'keyward: add to baseline', edit: b.build() });
    if (!result.applied) return { added: false, reason: result.failureReason ?? 'edit not applied' };
    this.deps.baseline.invalidate(folder.uri);
    await Promise.all([this.deps.scanner.rescanAll(), this.deps.workspace.refilter(folder.uri)]);
    return { added: true };
  }

  /** Opens a README section in the browser; only keyward's own docs, never an arbitrary URL. */
  private async openDocs(arg: unknown): Promise<{ opened: boolean }> {
    if (typeof arg !== 'string' || !arg.startsWith(RULE_DOCS_BASE)) return { opened: false };
    const r = await this.deps.connection.window.showDocument({ uri: arg, external: true }).catch(() => ({ success: false }));
    if (!r.success) this.deps.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: `keyward docs: ${arg}` });
    return { opened: r.success };
  }
}

function zero() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
