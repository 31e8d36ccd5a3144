// keyward language server entry: wiring only. Transport comes from the command line
// (--stdio, --node-ipc, --socket=PORT), as vscode-languageserver reads it.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { performance } from 'node:perf_hooks';
import { isRepoConfigPath, RepoConfigForEditor } from './config/editorConfig';
import { BaselineStore } from './lsp/baseline';
import { CodeActions, FIX_ALL_KIND } from './lsp/codeActions';
import { Commands, COMMAND_IDS } from './lsp/commands';
import { DocumentScanner } from './lsp/documentScan';
import { OpenDocuments } from './lsp/documents';
import { EnvState } from './lsp/envState';
import { Folders } from './lsp/folders';
import { parseInitOptions } from './lsp/initOptions';
import { PriorityGate } from './lsp/priority';
import { Publisher } from './lsp/publisher';
import { SettingsStore, type RejectedPattern } from './lsp/settings';
import { WATCH_PATTERNS, Watchers } from './lsp/watchers';
import { WorkspaceScanner } from './lsp/workspaceScan';

const USAGE = 'Usage: keyward-language-server --stdio | --node-ipc | --socket=PORT\n';
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
// Anything written with console.* would corrupt the stdio channel: route it to the client's log.
console.log = connection.console.log.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
const log = (message: string): void => connection.console.log(message);
// A bug in one scan must not take the editor's diagnostics down with it: log and keep serving.
process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`));

const docs = new OpenDocuments();
const gate = new PriorityGate();
const folders = new Folders();
const publisher = new Publisher((uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, version }));
// A user regex that could stall the scan is left out; say so once per pattern, not per scan.
const reportedPatterns = new Set<string>();
function reportRejectedPatterns(rejected: readonly RejectedPattern[]): void {
  for (const r of rejected) {
    const id = `${r.setting}\0${r.pattern}`;
    if (reportedPatterns.has(id)) continue;
    reportedPatterns.add(id);
    const message = `keyward: ${r.setting} pattern ${JSON.stringify(r.pattern)} is ignored: ${r.reason}.`;
    log(message);
    void connection.sendNotification('window/showMessage', { type: MessageType.Warning, message });
  }
}
let settings = new SettingsStore(undefined, undefined, reportRejectedPatterns);
let repoConfig: RepoConfigForEditor | undefined;
let baseline!: BaselineStore;
let scanner!: DocumentScanner;
let workspace!: WorkspaceScanner;
let env!: EnvState;
let watchers!: Watchers;
let commands!: Commands;
let caps = { configuration: false, dynamicConfiguration: false, dynamicWatchers: false, workDoneProgress: false, workspaceFolders: false };

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const init = parseInitOptions(params.initializationOptions);
  const c = params.capabilities;
  caps = {
    configuration: !!c.workspace?.configuration,
    dynamicConfiguration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    dynamicWatchers: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workDoneProgress: !!c.window?.workDoneProgress,
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
  folders.set(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
  repoConfig = new RepoConfigForEditor({
    trusted: init.trusted,
    notify: (level, message) => {
      log(message);
      // A notification, not a request: nothing waits for the user to dismiss it.
      const types: Record<typeof level, MessageType | undefined> = { error: MessageType.Error, warning: MessageType.Warning, info: MessageType.Info, log: undefined };
      const type = types[level];
      if (type) void connection.sendNotification(ShowMessageNotification.type, { type, message });
    },
  });
  settings = new SettingsStore(
    caps.configuration ? (scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'keyward' }) : undefined,
    repoConfig,
    reportRejectedPatterns,
  );
  if (init.settings !== undefined) settings.setPushed(init.settings);
  baseline = new BaselineStore(docs, log);
  scanner = new DocumentScanner({
    docs,
    folders,
    settings,
    publisher,
    baseline,
    gate,
    incremental: init.incremental,
    onTiming: init.timing ? (t) => void connection.sendNotification('$/keyward/timing', t) : undefined,
    log,
  });
  workspace = new WorkspaceScanner({ folders, settings, publisher, baseline, useGit: init.trusted, gate, log });
  env = new EnvState({ folders, settings, publisher, useGit: init.trusted, log });
  const codeActions = new CodeActions({ docs, folders, settings, scanner, env, log });
  commands = new Commands({ connection, docs, folders, scanner, workspace, env, baseline, caps: () => caps, useGit: init.trusted, log });
  watchers = new Watchers({ folders, docs, scanner, workspace, env, baseline, log });

  connection.onCodeAction(async (p) => {
    const started = performance.now();
    const actions = await gate.run(() => codeActions.provide(p));
    if (init.timing) void connection.sendNotification('$/keyward/timing', { request: 'codeAction', uri: p.textDocument.uri, ms: performance.now() - started });
    return actions;
  });
  connection.onExecuteCommand((p, token) => commands.execute(p, token));
  // Bench/debug mode only: deterministic work counters (tests count scans with it, never time).
  if (init.timing) connection.onRequest('keyward/debug/counters', () => ({ ...scanner.counters }));

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: [...COMMAND_IDS] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'keyward-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (caps.dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'keyward' });
  if (caps.dynamicWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_PATTERNS.map((globPattern) => ({ globPattern })) });
  }
  // vscode-languageserver throws when the client cannot send folder changes.
  if (caps.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      folders.remove(e.removed.map((f) => f.uri));
      folders.add(e.added);
      void refreshEverything();
    });
  }
  await startupScans();
});

/** .env state for every folder, then the disk scan where the folder's settings ask for it. */
async function startupScans(): Promise<void> {
  await env.evaluateAll();
  const wanted = await Promise.all(folders.all().map(async (f) => (await settings.get(f.uri)).scanWorkspaceOnStartup));
  if (wanted.some(Boolean)) await commands.scanWorkspace(undefined, folders.all().filter((_, i) => wanted[i]).map((f) => f.uri));
}

async function refreshEverything(): Promise<void> {
  settings.clear();
  baseline.clear();
  await scanner.rescanAll();
  await startupScans();
}

// VS Code may announce one settings change twice (the client's synchronize section and our own
// registration): settle briefly so the workspace is re-scanned once.
let refreshTimer: NodeJS.Timeout | undefined;
connection.onDidChangeConfiguration((change) => {
  // Push-style clients (no workspace/configuration) send the section here.
  const pushed = (change.settings as { keyward?: unknown } | undefined)?.keyward;
  if (pushed !== undefined) settings.setPushed(pushed);
  settingsChanged();
});

function settingsChanged(): void {
  settings.clear();
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshEverything(), 50);
}

/** A .keyward.json changed (watcher or save): its problems may be said again, and everything re-read. */
function repoConfigChanged(uris: string[]): void {
  if (!uris.some(isRepoConfigPath)) return;
  repoConfig?.reset();
  settingsChanged();
}

connection.onDidChangeWatchedFiles((p) => {
  repoConfigChanged(p.changes.map((c) => c.uri));
  watchers.handle(p.changes);
});

docs.documents.onDidOpen((e) => void scanner.schedule(e.document.uri));
docs.documents.onDidChangeContent((e) => {
  // didOpen also fires onDidChangeContent; the scheduler collapses the two into one scan.
  void scanner.schedule(e.document.uri);
  watchers.openDocumentChanged(e.document.uri);
});
// Clients without file watchers still tell us about saves (.env, .gitignore, the baseline).
docs.documents.onDidSave((e) => {
  repoConfigChanged([e.document.uri]);
  watchers.saved(e.document.uri);
});
docs.documents.onDidClose((e) => {
  scanner.close(e.document.uri);
  watchers.openDocumentClosed(e.document.uri);
});

docs.documents.listen(connection);
connection.listen();
