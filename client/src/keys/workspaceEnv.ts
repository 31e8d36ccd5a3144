// The workspace's .env files, edited through WorkspaceEdit (one undo step) and then saved, so the
// application that reads .env sees the change before an old key is revoked.
import * as vscode from 'vscode';
import { containsValue, parseEnv, planEnvEntry, replaceValue, type TextChange } from './envText';

const ENV_GLOB = '**/.env*';
const EXCLUDE = '**/node_modules/**';
// .env.example and friends hold placeholders, never real values.
const TEMPLATE = /\.(example|sample|template|dist|defaults)$/i;

async function envFiles(): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const found = await vscode.workspace.findFiles(ENV_GLOB, EXCLUDE, 500);
  return found.filter((u) => !TEMPLATE.test(u.path));
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

export type InsertOutcome = { uri: vscode.Uri; name: string; action: 'added' | 'replaced' | 'present' } | undefined;

/**
 * Writes NAME=value into `<folder>/.env` (created if missing). An existing different value is
 * never overwritten without asking: `onConflict` picks 'replace', 'rename' (NAME_2) or cancels.
 */
export async function insertIntoEnv(
  folder: vscode.Uri,
  name: string,
  value: string,
  onConflict: (name: string, alternative: string) => Promise<'replace' | 'rename' | undefined>,
): Promise<InsertOutcome> {
  const uri = vscode.Uri.joinPath(folder, '.env');
  let text = '';
  let exists = true;
  try {
    text = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    exists = false;
  }
  const plan = planEnvEntry(text, name, value);
  if (plan.kind === 'present') return { uri, name, action: 'present' };
  let change: TextChange;
  let used = name;
  let action: 'added' | 'replaced' = 'added';
  if (plan.kind === 'append') change = plan.change;
  else {
    const choice = await onConflict(name, plan.alternative.name);
    if (!choice) return undefined;
    if (choice === 'replace') {
      change = plan.replace;
      action = 'replaced';
    } else {
      change = plan.alternative.change;
      used = plan.alternative.name;
    }
  }
  const edit = new vscode.WorkspaceEdit();
  if (!exists) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), change.newText);
  } else {
    const doc = await vscode.workspace.openTextDocument(uri);
    toEdit(doc, [change], edit);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused the edit of .env.');
  const doc = await vscode.workspace.openTextDocument(uri);
  await doc.save();
  return { uri, name: used, action };
}
