// The workspace's .env files, edited through WorkspaceEdit (one undo step) and then saved, so the
// application that reads .env sees the change before an old key is revoked.
import * as vscode from 'vscode';
import { isEnvFileName } from '../../../shared/languages/envNames';
import { planEnvEntry as planServerEnvEntry } from '../../../server/src/fixes/envFile';
import { planGitignoreEnsure } from '../../../server/src/fixes/gitignore';
import { containsValue, parseEnv, planEnvEntry, replaceValue, type TextChange } from './envText';

const ENV_GLOB = '**/.env*';
const EXCLUDE = '**/node_modules/**';

async function envFiles(): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const found = await vscode.workspace.findFiles(ENV_GLOB, EXCLUDE, 500);
  // The shared check: templates (.env.example) hold placeholders, .env.ts is code, .envrc a script.
  return found.filter((u) => isEnvFileName(u.path));
}

function toEdit(doc: vscode.TextDocument, changes: TextChange[], edit: vscode.WorkspaceEdit): void {
  for (const c of changes) edit.replace(doc.uri, new vscode.Range(doc.positionAt(c.start), doc.positionAt(c.end)), c.newText);
}

/** Workspace .env files (open buffers included) whose entries hold `value`. */
export async function envFilesContaining(value: string): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const uri of await envFiles()) {
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (containsValue(doc.getText(), value)) out.push(uri);
    } catch {
      // Unreadable (binary, deleted meanwhile): it cannot hold the value as text.
    }
  }
  return out;
}

/** Distinct values assigned in workspace .env files that satisfy `fits` (e.g. a key's last digits). */
export async function envValuesMatching(fits: (value: string) => boolean): Promise<string[]> {
  const out = new Set<string>();
  for (const uri of await envFiles()) {
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      for (const a of parseEnv(doc.getText())) if (a.value && fits(a.value)) out.add(a.value);
    } catch {
      // Unreadable files hold nothing we can use.
    }
  }
  return [...out];
}

/** Replaces `oldValue` with `newValue` in every workspace .env file; returns the files changed. */
export async function replaceInEnvFiles(oldValue: string, newValue: string): Promise<vscode.Uri[]> {
  const edit = new vscode.WorkspaceEdit();
  const docs: vscode.TextDocument[] = [];
  for (const uri of await envFiles()) {
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(uri);
    } catch {
      continue;
    }
    const changes = replaceValue(doc.getText(), oldValue, newValue);
    if (!changes.length) continue;
    toEdit(doc, changes, edit);
    docs.push(doc);
  }
  if (!docs.length) return [];
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused the edit of the .env files.');
  for (const d of docs) await d.save();
  return docs.map((d) => d.uri);
}

export type InsertOutcome =
  | { uri: vscode.Uri; name: string; action: 'added' | 'replaced' | 'present'; gitignoreAdded: boolean }
  | undefined;

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    return undefined;
  }
}

/**
 * Writes NAME=value into `<folder>/.env` (created if missing) with the language server's own .env
 * planner (same quoting, same NAME_2 rule as its quick fix), and makes sure `.gitignore` lists .env,
 * all in one undoable WorkspaceEdit. An existing different value is never overwritten without
 * asking: `onConflict` picks 'replace', 'rename' (NAME_2) or cancels.
 */
export async function insertIntoEnv(
  folder: vscode.Uri,
  name: string,
  value: string,
  onConflict: (name: string, alternative: string) => Promise<'replace' | 'rename' | undefined>,
): Promise<InsertOutcome> {
  const uri = vscode.Uri.joinPath(folder, '.env');
  const text = await readIfExists(uri);
  const plan = planServerEnvEntry(text, name, value);
  if (plan.error) throw new Error(plan.error);
  if (plan.alreadyPresent && plan.name === name) return { uri, name, action: 'present', gitignoreAdded: false };
  const edit = new vscode.WorkspaceEdit();
  let used = plan.name;
  let action: 'added' | 'replaced' = 'added';
  let replace: TextChange | undefined;
  if (plan.name !== name) {
    // NAME holds another value: replace it only if the user says so, else the planner's NAME_2.
    const choice = await onConflict(name, plan.name);
    if (!choice) return undefined;
    if (choice === 'replace') {
      const local = planEnvEntry(text ?? '', name, value);
      if (local.kind !== 'conflict') throw new Error('.env changed while keyward was asking; try again.');
      replace = local.replace;
      used = name;
      action = 'replaced';
    } else if (plan.alreadyPresent) {
      return { uri, name: plan.name, action: 'present', gitignoreAdded: false };
    }
  }
  if (replace) {
    const doc = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(doc.positionAt(replace.start), doc.positionAt(replace.end)), replace.newText);
  } else if (plan.create !== undefined) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), plan.create);
  } else if (plan.edit) {
    edit.replace(uri, toRange(plan.edit.range), plan.edit.newText);
  }
  // .gitignore next to the .env: a local check here; the language server reports git's exact answer.
  const gitignore = vscode.Uri.joinPath(folder, '.gitignore');
  const gi = planGitignoreEnsure(await readIfExists(gitignore), '.env');
  if (gi.create !== undefined) {
    edit.createFile(gitignore, { ignoreIfExists: true });
    edit.insert(gitignore, new vscode.Position(0, 0), gi.create);
  } else if (gi.edit) {
    edit.replace(gitignore, toRange(gi.edit.range), gi.edit.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused the edit of .env.');
  await (await vscode.workspace.openTextDocument(uri)).save();
  if (!gi.alreadyPresent) await (await vscode.workspace.openTextDocument(gitignore)).save();
  return { uri, name: used, action, gitignoreAdded: !gi.alreadyPresent };
}
