// File events from the client (didChangeWatchedFiles, or didSave for clients without watchers)
// routed to whoever cares: .env state, the baseline, and the disk scan of closed files.
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { isEnvFileName } from '../../../shared/languages';
import { BASELINE_FILE, type BaselineStore } from './baseline';
import type { DocumentScanner } from './documentScan';
import type { OpenDocuments } from './documents';
import type { EnvState } from './envState';
import { uriToPath, type Folders } from './folders';
import type { WorkspaceScanner } from './workspaceScan';

/** Glob patterns registered with the client. `**\/*` keeps closed files' diagnostics current. */
export const WATCH_PATTERNS = ['**/.env*', '**/.gitignore', '**/.git/info/exclude', '**/.git/index', `**/${BASELINE_FILE}`, '**/*'];

export interface WatcherDeps {
  folders: Folders;
  docs: OpenDocuments;
  scanner: DocumentScanner;
  workspace: WorkspaceScanner;
  env: EnvState;
  baseline: BaselineStore;
  log: (message: string) => void;
}

export type FileKind = 'env' | 'ignore-rules' | 'git-index' | 'baseline' | 'other';

/** What a changed path means for keyward; exported for tests. */
export function classifyPath(p: string): FileKind {
  const norm = p.split(path.sep).join('/');
  const base = path.posix.basename(norm);
  if (norm.endsWith('/.git/index')) return 'git-index';
  if (norm.includes('/.git/')) return norm.endsWith('/.git/info/exclude') ? 'ignore-rules' : 'other';
  if (base === '.gitignore') return 'ignore-rules';
  if (base === BASELINE_FILE) return 'baseline';
  if (isEnvFileName(base)) return 'env';
  return 'other';
}

export class Watchers {
  constructor(private readonly deps: WatcherDeps) {}

  handle(changes: FileEvent[]): void {
    const envFolders = new Set<string>();
    let indexChanged = false;
    for (const change of changes) {
      const p = uriToPath(change.uri);
      if (!p) continue;
      const kind = classifyPath(p);
      const folder = this.deps.folders.folderFor(change.uri);
      if (kind === 'git-index') {
        indexChanged = true;
        continue;
      }
      if (!folder) continue;
      if (kind === 'env' || kind === 'ignore-rules') envFolders.add(folder.uri);
      if (kind === 'baseline') {
        this.deps.baseline.invalidate(folder.uri);
        void this.deps.scanner.rescanAll();
        void this.deps.workspace.refilter(folder.uri);
        continue;
      }
      if (kind === 'ignore-rules' || path.basename(p) === '.git') continue;
      // Open documents are scanned from their live text; only closed files are re-read from disk.
      if (this.deps.docs.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) this.deps.workspace.forget(change.uri);
      else void this.deps.workspace.rescanFile(change.uri);
    }
    for (const uri of envFolders) this.deps.env.schedule(uri, 'files');
    // git add / commit / checkout rewrite the index in bursts: one debounced re-check per folder.
    if (indexChanged) for (const f of this.deps.folders.all()) this.deps.env.schedule(f.uri, 'index');
  }

  /** Saving counts as a change for clients that do not watch files (Neovim 0.7, Helix). */
  saved(uri: string): void {
    this.handle([{ uri, type: FileChangeType.Changed }]);
  }

  openDocumentChanged(uri: string): void {
    // An unsaved edit of the baseline in an editor already decides what is shown.
    const p = uriToPath(uri);
    const folder = this.deps.folders.folderFor(uri);
    if (p && folder && classifyPath(p) === 'baseline') {
      this.deps.baseline.invalidate(folder.uri);
      void this.deps.scanner.rescanAll();
      void this.deps.workspace.refilter(folder.uri);
    }
  }

  /** A closed file shows its disk state again (the editor may have saved something else). */
  openDocumentClosed(uri: string): void {
    if (this.deps.workspace.hasScanned(uri)) void this.deps.workspace.rescanFile(uri);
  }
}
