// Scans every file of every workspace folder from disk, one file at a time, yielding to the
// event loop between files so keystrokes and requests on open documents are served first.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { CancellationToken } from 'vscode-languageserver/node';
import { scan } from '../engine';
import { compileExcludes, readTextFile, walkFiles } from '../workspace';
import type { Baseline, BaselineStore } from './baseline';
import type { Finding } from '../engine/types';
import { toDiagnostic } from './diagnostics';
import { pathToUri, uriToPath, type Folder, type Folders } from './folders';
import type { Publisher } from './publisher';
import { scanOptionsFor } from './scanOptions';
import type { PriorityGate } from './priority';
import type { KeywardSettings, SettingsStore } from './settings';

export interface ScanProgress {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
  /** Cancelled from the client's progress UI. */
  readonly token?: CancellationToken;
}

export interface WorkspaceScanSummary {
  folders: number;
  files: number;
  skipped: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  ms: number;
}

export interface WorkspaceScanDeps {
  folders: Folders;
  settings: SettingsStore;
  publisher: Publisher;
  baseline: BaselineStore;
  /** Whether git may run (untrusted workspaces: no). */
  useGit: boolean;
  /** The scan waits at file boundaries while interactive requests run. */
  gate: PriorityGate;
  log: (message: string) => void;
}

interface ListedFile {
  abs: string;
  rel: string;
}

export class WorkspaceScanner {
  private current?: AbortController;
  /** Files the disk scan has read; watcher events re-scan only these. Raw findings (before the
   *  baseline) are kept for files that have any, so a baseline edit re-filters without re-reading. */
  private known = new Map<string, Finding[] | undefined>();

  constructor(private readonly deps: WorkspaceScanDeps) {}

  /** Runs a full scan; a scan already running is cancelled first (the newest request wins). */
  async run(progress: ScanProgress | undefined, token?: CancellationToken, onlyFolders?: string[]): Promise<WorkspaceScanSummary> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const cancel = () => controller.abort();
    const subs = [token?.onCancellationRequested(cancel), progress?.token?.onCancellationRequested(cancel)];
    const started = performance.now();
    const summary: WorkspaceScanSummary = { folders: 0, files: 0, skipped: 0, findings: 0, filesWithFindings: 0, cancelled: false, ms: 0 };
    progress?.begin('keyward: scanning workspace', 0, 'listing files…', true);
    try {
      const lists: { folder: Folder; files: ListedFile[] }[] = [];
      for (const folder of this.deps.folders.all()) {
        if (onlyFolders && !onlyFolders.includes(folder.uri)) continue;
        const settings = await this.deps.settings.get(folder.uri);
        if (!settings.enable) {
          this.clearFolder(folder, new Set());
          continue;
        }
        const files: ListedFile[] = [];
        for await (const f of walkFiles(folder.fsPath, {
          exclude: settings.exclude,
          maxFileSizeBytes: settings.maxFileSizeKB * 1024,
          signal: controller.signal,
          respectGitignore: true,
          useGit: this.deps.useGit,
        })) {
          if (f.skip) summary.skipped++;
          else files.push({ abs: f.abs, rel: f.rel });
          // Listing stats files in parallel: hold still while a request needs the disk.
          await this.deps.gate.idle();
        }
        lists.push({ folder, files });
      }
      const total = lists.reduce((n, l) => n + l.files.length, 0);
      let done = 0;
      let lastReport = 0;
      for (const { folder, files } of lists) {
        summary.folders++;
        const settings = await this.deps.settings.get(folder.uri);
        const baseline = await this.deps.baseline.get(folder);
        const seen = new Set<string>();
        for (const f of files) {
          if (controller.signal.aborted) break;
          const uri = pathToUri(f.abs);
          seen.add(uri);
          const count = await this.scanFile(uri, f.abs, f.rel, settings, baseline);
          if (count < 0) summary.skipped++;
          else {
            summary.files++;
            summary.findings += count;
            if (count) summary.filesWithFindings++;
          }
          done++;
          const now = performance.now();
          if (now - lastReport > 100) {
            lastReport = now;
            progress?.report(Math.floor((done / Math.max(1, total)) * 100), `${done}/${total} files`);
          }
          await yieldToLoop();
          await this.deps.gate.idle();
        }
        // Only a finished folder may clear files it no longer lists (deleted, now ignored).
        if (!controller.signal.aborted) this.clearFolder(folder, seen);
      }
      summary.cancelled = controller.signal.aborted;
    } catch (err) {
      if (controller.signal.aborted) summary.cancelled = true;
      else {
        this.deps.log(`workspace scan failed: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
    } finally {
      subs.forEach((s) => s?.dispose());
      progress?.done();
      if (this.current === controller) this.current = undefined;
      summary.ms = Math.round(performance.now() - started);
    }
    return summary;
  }

  /** Re-scans one file from disk (after a watcher event or when its editor closes). */
  async rescanFile(uri: string): Promise<void> {
    const abs = uriToPath(uri);
    const folder = this.deps.folders.folderFor(uri);
    if (!abs || !folder) return;
    const settings = await this.deps.settings.get(folder.uri);
    if (!settings.enable) return this.deps.publisher.set(uri, 'disk', undefined);
    // Only files the walk listed (not ignored, not excluded) are re-read; a new file waits for
    // the next workspace scan rather than re-implementing the walk's ignore rules here.
    if (!this.known.has(uri)) return;
    const rel = this.deps.folders.relativePath(uri);
    if (compileExcludes(settings.exclude)(rel)) return this.forget(uri);
    const baseline = await this.deps.baseline.get(folder);
    await this.scanFile(uri, abs, rel, settings, baseline);
  }

  /** Forget a deleted file. */
  forget(uri: string): void {
    this.known.delete(uri);
    this.deps.publisher.set(uri, 'disk', undefined);
  }

  hasScanned(uri: string): boolean {
    return this.known.has(uri);
  }

  /** Findings count, or -1 when the file was skipped. */
  private async scanFile(
    uri: string,
    abs: string,
    rel: string,
    settings: KeywardSettings,
    baseline: Baseline | undefined,
  ): Promise<number> {
    const read = await readTextFile(abs, settings.maxFileSizeKB * 1024);
    if (!('text' in read)) {
      this.deps.publisher.set(uri, 'disk', undefined);
      return -1;
    }
    try {
      const findings = scan(read.text, rel, scanOptionsFor(settings, rel));
      this.known.set(uri, findings.length ? findings : undefined);
      return this.show(uri, findings, settings, baseline);
    } catch (err) {
      this.deps.log(`scan failed for ${rel}: ${err instanceof Error ? err.message : String(err)}`);
      return -1;
    }
  }

  private show(uri: string, findings: Finding[], settings: KeywardSettings, baseline: Baseline | undefined): number {
    const shown = this.deps.baseline.filter(findings, baseline).filter((f) => settings.severities[f.ruleId] !== 'off');
    this.deps.publisher.set(uri, 'disk', shown.length ? shown.map((f) => toDiagnostic(f, undefined)) : undefined);
    return shown.length;
  }

  /** The baseline of a folder changed: apply it again to what the disk scan found. */
  async refilter(folderUri: string): Promise<void> {
    const folder = this.deps.folders.all().find((f) => f.uri === folderUri);
    if (!folder) return;
    const settings = await this.deps.settings.get(folder.uri);
    const baseline = await this.deps.baseline.get(folder);
    for (const [uri, findings] of this.known) {
      if (findings && this.deps.folders.folderFor(uri)?.uri === folderUri) this.show(uri, findings, settings, baseline);
    }
  }

  private clearFolder(folder: Folder, keep: Set<string>): void {
    for (const uri of this.deps.publisher.urisWith('disk')) {
      if (!keep.has(uri) && this.deps.folders.folderFor(uri)?.uri === folder.uri) {
        this.known.delete(uri);
        this.deps.publisher.set(uri, 'disk', undefined);
      }
    }
  }
}
