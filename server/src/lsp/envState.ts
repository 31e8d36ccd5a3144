// .env files per workspace folder: is each one ignored by git, is it tracked? Re-evaluated at
// start and (debounced) when a .env*, a .gitignore, info/exclude or git's index changes.
//
// Where the diagnostics stand: on the .env file itself (always a real file), and on the existing
// .gitignore that should list it. When there is no .gitignore yet, only the .env file carries it:
// a diagnostic needs a document the user can open, and neither a phantom .gitignore URI nor the
// folder URI is one (clients show "file not found" or nothing). The .env message says the
// .gitignore is to be created, and the quick fix creates it.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { envFindings, envFindingsForGitignore, evaluateEnvFiles, findEnvFiles, type EnvFileStatus } from '../envfiles';
import { toDiagnostic } from './diagnostics';
import { pathToUri, type Folder, type Folders } from './folders';
import type { Publisher } from './publisher';
import type { SettingsStore } from './settings';

export interface EnvStateDeps {
  folders: Folders;
  settings: SettingsStore;
  publisher: Publisher;
  /** false in untrusted workspaces: ignore rules are read in-process, git never runs. */
  useGit: boolean;
  log: (message: string) => void;
}

/** Debounce per trigger: file events settle fast; git rewrites its index in bursts. */
const DELAY = { files: 50, index: 400 } as const;

export class EnvState {
  private statuses = new Map<string, EnvFileStatus[]>();
  /** Verdicts for .env files that do not exist yet (where "move to .env" would create one),
   *  computed in the background so a code action never waits for git. Reset on re-evaluation. */
  private probes = new Map<string, Promise<EnvFileStatus | undefined>>();
  /** URIs this module published on, per folder, so a re-evaluation can clear the stale ones. */
  private published = new Map<string, Set<string>>();
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Map<string, AbortController>();

  constructor(private readonly deps: EnvStateDeps) {}

  async evaluateAll(): Promise<void> {
    await Promise.all(this.deps.folders.all().map((f) => this.evaluate(f.uri)));
  }

  schedule(folderUri: string, reason: keyof typeof DELAY): void {
    clearTimeout(this.timers.get(folderUri));
    this.timers.set(
      folderUri,
      setTimeout(() => {
        this.timers.delete(folderUri);
        void this.evaluate(folderUri);
      }, DELAY[reason]),
    );
  }

  /** Status of one .env file (by absolute path), from the last evaluation. */
  statusOf(file: string): EnvFileStatus | undefined {
    const target = path.resolve(file);
    for (const list of this.statuses.values()) {
      const hit = list.find((s) => path.resolve(s.file) === target);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Evaluates a file that may not exist yet (the .env a quick fix is about to create). */
  async statusFor(folder: Folder, file: string): Promise<EnvFileStatus | undefined> {
    const known = this.statusOf(file);
    if (known) return known;
    const key = path.resolve(file);
    let probe = this.probes.get(key);
    if (!probe) {
      probe = evaluateEnvFiles(folder.fsPath, [file], { useGit: this.deps.useGit ? undefined : false })
        .then(([s]) => s)
        .catch((err) => {
          this.deps.log(`could not evaluate ${file}: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        });
      this.probes.set(key, probe);
    }
    return probe;
  }

  async evaluate(folderUri: string): Promise<void> {
    const folder = this.deps.folders.all().find((f) => f.uri === folderUri);
    this.running.get(folderUri)?.abort();
    const controller = new AbortController();
    this.running.set(folderUri, controller);
    try {
      if (!folder) return this.publish(folderUri, new Map());
      const settings = await this.deps.settings.get(folder.uri);
      if (!settings.enable) {
        this.statuses.set(folderUri, []);
        return this.publish(folderUri, new Map());
      }
      const files = await findEnvFiles(folder.fsPath, { exclude: settings.exclude, signal: controller.signal });
      const statuses = await evaluateEnvFiles(folder.fsPath, files, { useGit: this.deps.useGit ? undefined : false });
      if (controller.signal.aborted) return;
      this.statuses.set(folderUri, statuses);
      // Ignore rules may have changed: forget the old probes, and warm the one for the folder's own
      // .env so the first "move to .env" quick fix does not wait for git.
      const rootEnv = path.join(folder.fsPath, '.env');
      for (const k of [...this.probes.keys()]) if (k.startsWith(folder.fsPath)) this.probes.delete(k);
      if (!files.some((f) => path.resolve(f) === rootEnv)) void this.statusFor(folder, rootEnv);
      const options = { severities: settings.severities };
      const byUri = new Map<string, Diagnostic[]>();
      const add = (uri: string, d: Diagnostic[]) => d.length && byUri.set(uri, [...(byUri.get(uri) ?? []), ...d]);
      for (const s of statuses) add(pathToUri(s.file), envFindings([s], options).map((f) => withEnvFile(toDiagnostic(f, undefined), s.file)));
      const gitignores = new Set(statuses.filter((s) => !s.ignored && s.gitignoreExists !== false).map((s) => s.gitignoreToEdit));
      for (const g of gitignores) {
        for (const s of statuses.filter((x) => x.gitignoreToEdit === g)) {
          add(pathToUri(g), envFindingsForGitignore([s], g, options).map((f) => withEnvFile(toDiagnostic(f, undefined), s.file)));
        }
      }
      if (!controller.signal.aborted) this.publish(folderUri, byUri);
    } catch (err) {
      if (!controller.signal.aborted) this.deps.log(`.env check failed in ${folder?.name ?? folderUri}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (this.running.get(folderUri) === controller) this.running.delete(folderUri);
    }
  }

  private publish(folderUri: string, byUri: Map<string, Diagnostic[]>): void {
    const before = this.published.get(folderUri) ?? new Set<string>();
    for (const uri of before) if (!byUri.has(uri)) this.deps.publisher.set(uri, 'env', undefined);
    for (const [uri, diags] of byUri) this.deps.publisher.set(uri, 'env', diags);
    this.published.set(folderUri, new Set(byUri.keys()));
  }

  /** The .env file a diagnostic is about (it may stand on the .gitignore). */
  static envFileOf(d: Diagnostic): string | undefined {
    const data = d.data as { envFile?: unknown } | undefined;
    return typeof data?.envFile === 'string' ? data.envFile : undefined;
  }
}

/** The path of the .env file (not its contents) travels in `data` for the quick fixes. */
function withEnvFile(d: Diagnostic, envFile: string): Diagnostic {
  return { ...d, data: { ...(d.data as object), envFile } };
}
