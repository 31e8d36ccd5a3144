// A real LSP client for the tests: spawns the BUILT server (dist/server.js) over stdio and speaks
// JSON-RPC to it, answering the server's own requests the way an editor would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync, unlinkSync, renameSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Diagnostic,
  type WorkspaceEdit,
  type CodeAction,
  type Command,
  type Range,
  type TextDocumentContentChangeEvent,
  type ClientCapabilities,
  type FileEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(ROOT, 'dist', 'server.js');

let built = false;
/** Builds dist/ once per test run; a failed build fails the suite with esbuild's own message. */
export function ensureBuilt(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  built = true;
}

/** Inside a describe: build dist/ once before its tests, outside their own time budget. */
export function useBuiltServer(): void {
  before(function () {
    this.timeout(180000);
    ensureBuilt();
  });
}

export function git(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh git repository in a temp dir (real path, so URIs match what the server computes). */
export function makeRepo(files: Record<string, string> = {}, opts: { git?: boolean } = {}): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'keyward-lsp-')));
  if (opts.git !== false) {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 't@example.com');
    git(dir, 'config', 'user.name', 't');
  }
  for (const [rel, text] of Object.entries(files)) writeFile(dir, rel, text);
  return dir;
}

export function writeFile(dir: string, rel: string, text: string): string {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  return abs;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const uriOf = (p: string): string => pathToFileURL(p).href;

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface ClientOptions {
  folders: string[];
  /** Answer to workspace/configuration for a scope URI ('' when none). */
  settings?: (scopeUri: string) => unknown;
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** Answer to window/showMessageRequest: the title of the action to pick, or undefined. */
  messageAnswer?: (message: string, actions: string[]) => string | undefined;
  /** When false, workspace/applyEdit is answered without touching the disk. */
  applyEdits?: boolean;
  args?: string[];
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: false },
  },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: false } }, showDocument: { support: true } },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: false },
    codeAction: {
      dataSupport: true,
      isPreferredSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'source.fixAll.keyward'] } },
    },
  },
};

export class TestClient {
  readonly published: PublishedDiagnostics[] = [];
  readonly progress: { token: string | number; value: any }[] = [];
  readonly progressTokens: (string | number)[] = [];
  readonly registrations: { method: string; registerOptions?: any }[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly timings: any[] = [];
  readonly shownDocuments: any[] = [];
  stderr = '';
  private docs = new Map<string, TextDocument>();
  private waiters: (() => void)[] = [];

  private constructor(
    readonly conn: ProtocolConnection,
    readonly child: ChildProcess,
    private opts: ClientOptions,
  ) {}

  static async start(opts: ClientOptions): Promise<TestClient> {
    ensureBuilt();
    const child = spawn(process.execPath, [SERVER_JS, '--stdio', ...(opts.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(conn, child, opts);
    child.stderr!.on('data', (d) => (client.stderr += String(d)));
    client.wire();
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: opts.folders[0] ? uriOf(opts.folders[0]) : null,
      workspaceFolders: opts.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: opts.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  setSettings(fn: (scopeUri: string) => unknown): void {
    this.opts.settings = fn;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  private wire(): void {
    const c = this.conn;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      this.notify();
    });
    c.onNotification('$/progress', (p: { token: string | number; value: any }) => {
      this.progress.push(p);
      this.notify();
    });
    c.onNotification('$/keyward/timing', (p: any) => {
      this.timings.push(p);
      this.notify();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    c.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.notify();
    });
    c.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((i) => (this.opts.settings ? this.opts.settings(i.scopeUri ?? '') : null)),
    );
    c.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: any }[] }) => {
      this.registrations.push(...p.registrations);
      this.notify();
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    c.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(p.edit);
      if (this.opts.applyEdits !== false) this.applyEdit(p.edit);
      this.notify();
      return { applied: true };
    });
    c.onRequest('window/showMessageRequest', (p: { message: string; actions?: { title: string }[] }) => {
      this.messages.push({ type: 0, message: p.message });
      const pick = this.opts.messageAnswer?.(p.message, (p.actions ?? []).map((a) => a.title));
      return pick ? { title: pick } : null;
    });
    c.onRequest('window/showDocument', (p: any) => {
      this.shownDocuments.push(p);
      this.notify();
      return { success: true };
    });
  }

  /** Resolves when `check` returns a value (re-checked on every message from the server). */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 10000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      const poll = () => {
        let v: T | undefined | false;
        try {
          v = check();
        } catch (e) {
          clearTimeout(timer);
          reject(e);
          return;
        }
        if (v !== undefined && v !== false) {
          clearTimeout(timer);
          resolve(v);
        } else this.waiters.push(poll);
      };
      poll();
    });
  }

  /** Latest diagnostics published for a URI (undefined if none yet). */
  latest(uri: string): PublishedDiagnostics | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits until the latest publish for `uri` satisfies `pred`. */
  waitDiagnostics(uri: string, pred: (d: Diagnostic[], p: PublishedDiagnostics) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    return this.waitFor(
      () => {
        const p = this.latest(uri);
        return p && pred(p.diagnostics, p) ? p.diagnostics : undefined;
      },
      timeoutMs,
      `diagnostics on ${uri}`,
    );
  }

  document(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  open(uri: string, text: string, languageId: string, version = 1): TextDocument {
    const doc = TextDocument.create(uri, languageId, version, text);
    this.docs.set(uri, doc);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return doc;
  }

  openFile(abs: string, languageId: string): { uri: string; doc: TextDocument } {
    const uri = uriOf(abs);
    return { uri, doc: this.open(uri, readFileSync(abs, 'utf8'), languageId) };
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const doc = this.docs.get(uri)!;
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the text between two offsets (an incremental change). */
  edit(uri: string, start: number, end: number, text: string): number {
    const doc = this.docs.get(uri)!;
    return this.change(uri, [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text }]);
  }

  close(uri: string): void {
    this.docs.delete(uri);
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  save(uri: string): void {
    void this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  fileEvents(changes: FileEvent[]): void {
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  executeCommand(command: string, args: unknown[] = []): Promise<any> {
    return this.conn.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /**
   * The client's half of a WorkspaceEdit: applies documentChanges to the files on disk (and to
   * documents this client has open, as an editor would), in order.
   */
  applyEdit(edit: WorkspaceEdit): void {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind === 'create') {
          const p = fileURLToPath(change.uri);
          if (existsSync(p) && !change.options?.overwrite) {
            if (!change.options?.ignoreIfExists) throw new Error(`create: ${p} exists`);
          } else {
            mkdirSync(path.dirname(p), { recursive: true });
            writeFileSync(p, '');
          }
        } else if (change.kind === 'delete') unlinkSync(fileURLToPath(change.uri));
        else if (change.kind === 'rename') renameSync(fileURLToPath(change.oldUri), fileURLToPath(change.newUri));
        continue;
      }
      const uri = change.textDocument.uri;
      const open = this.docs.get(uri);
      if (open && change.textDocument.version !== null && change.textDocument.version !== open.version) {
        throw new Error(`edit for version ${change.textDocument.version} of ${uri}, document is at ${open.version}`);
      }
      const p = fileURLToPath(uri);
      const before = open ? open.getText() : readFileSync(p, 'utf8');
      const after = TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, before), change.edits as any);
      if (open) this.change(uri, [{ text: after }]);
      writeFileSync(p, after);
    }
    if (edit.changes) {
      for (const [uri, edits] of Object.entries(edit.changes)) {
        const p = fileURLToPath(uri);
        writeFileSync(p, TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, readFileSync(p, 'utf8')), edits));
      }
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* the server may be gone already */
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }

  /** Resident set size of the server process in bytes (Linux /proc). */
  serverRss(): number {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  }
}

export function fileExists(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
