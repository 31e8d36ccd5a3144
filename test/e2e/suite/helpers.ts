// Event-driven waits for the end-to-end suite: never fixed sleeps.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KeywardTestApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'keyward.keyward';

export function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the e2e suite needs a workspace folder');
  return f.uri.fsPath;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

let api: KeywardTestApi | undefined;
export async function keyward(): Promise<KeywardTestApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<KeywardTestApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  api = await ext.activate();
  await api.languageClientReady;
  return api;
}

export function keywardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'keyward');
}

export function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

/** Resolves with the keyward diagnostics of `uri` once `ok` holds for them; rejects after `ms`. */
export function waitForDiagnostics(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, ms = 20000, what = 'diagnostics'): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = keywardDiagnostics(uri);
      if (ok(ds)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(ds);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const now = keywardDiagnostics(uri).map((d) => `${ruleOf(d)}@${d.range.start.line}:${d.range.start.character} ${d.message}`);
      reject(new Error(`timed out after ${ms} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; now: ${JSON.stringify(now)}`));
    }, ms);
    check();
  });
}

/** Waits until an event fires with a value satisfying `ok` (or `ok()` is already true). */
export function waitFor<T>(event: vscode.Event<T>, ok: () => boolean | Promise<boolean>, ms = 20000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      err ? reject(err) : resolve();
    };
    const test = async () => {
      try {
        if (await ok()) finish();
      } catch (e) {
        finish(e as Error);
      }
    };
    const sub = event(() => void test());
    const timer = setTimeout(() => finish(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    void test();
  });
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

export async function readText(rel: string): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(wsUri(rel))).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Saves every dirty document (a workspace edit leaves the files it touched dirty, as a user sees them). */
export async function saveDirty(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) if (d.isDirty && !d.isUntitled) await d.save();
}
