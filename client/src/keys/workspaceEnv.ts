// The workspace's .env files, edited through WorkspaceEdit (one undo step) and then saved, so the
// application that reads .env sees the change before an old key is revoked.
import * as vscode from 'vscode';
import { planGitignoreEnsure } from '../../../shared/gitignoreText';
import { containsValue, parseEnvAssignments, planEnvEntry, replaceValue, settleEnvEntry, type TextChange } from '../../../shared/envText';
import { UnsafeWriteError, writeRefusal } from '../../../shared/writableInWorkspace';
import { isEnvFileName } from '../../../shared/languages/envNames';

const ENV_GLOB = '**/.env*';
const EXCLUDE = '**/node_modules/**';

/** Why keyward must neither read values from nor write `uri` (a link, or a target outside its workspace folder). */
async function refusalFor(uri: vscode.Uri): Promise<string | undefined> {
  // Only local files can be links keyward would follow; other schemes go through their provider.
  if (uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return `keyward did not write ${uri.fsPath}: it is outside the workspace folders.`;
  return writeRefusal(uri.fsPath, folder.uri.fsPath);
}

/** The workspace's .env files keyward may use; the refused ones (links, targets outside) with the reason. */
async function envFiles(): Promise<{ usable: vscode.Uri[]; refused: string[] }> {
  if (!vscode.workspace.workspaceFolders?.length) return { usable: [], refused: [] };
  const found = (await vscode.workspace.findFiles(ENV_GLOB, EXCLUDE, 500));
  // The shared check: templates (.env.example) hold placeholders, .env.ts is code, .envrc a script.
  const candidates = found.filter((u) => isEnvFileName(u.path));
  const usable: vscode.Uri[] = [];
  const refused: string[] = [];
  for (const uri of candidates) {
    const why = await refusalFor(uri);
    if (why) refused.push(why);
    else usable.push(uri);
  }
  return { usable, refused };
}

function toEdit(doc: vscode.TextDocument, changes: TextChange[], edit: vscode.WorkspaceEdit): void {
  for (const c of changes) edit.replace(doc.uri, new vscode.Range(doc.positionAt(c.start), doc.positionAt(c.end)), c.newText);
}

/** Workspace .env files (open buffers included) whose entries hold `value`. */
export async function envFilesContaining(value: string): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const uri of (await envFiles()).usable) {
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
  for (const uri of (await envFiles()).usable) {
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      for (const a of parseEnvAssignments(doc.getText())) if (a.value && fits(a.value)) out.add(a.value);
    } catch {
      // Unreadable files hold nothing we can use.
    }
  }
  return [...out];
}

/**
 * Replaces `oldValue` with `newValue` in every workspace .env file keyward may write (links and
 * targets outside the folder are skipped, with a warning); returns the files changed. Throws before
 * any change when `newValue` cannot be written safely.
 */
export async function replaceInEnvFiles(oldValue: string, newValue: string): Promise<vscode.Uri[]> {
  const edit = new vscode.WorkspaceEdit();
  const docs: vscode.TextDocument[] = [];
  const { usable, refused } = await envFiles();
  if (refused.length) void vscode.window.showWarningMessage(`${refused.join(' ')} Update the key there yourself if it holds one.`);
  for (const uri of usable) {
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

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  return (await openIfExists(uri))?.getText();
}

async function assertWritable(uri: vscode.Uri): Promise<void> {
  const why = await refusalFor(uri);
  if (why) throw new UnsafeWriteError(why);
}

/**
 * Writes NAME=value into `<folder>/.env` (created if missing) with the shared .env planner (the
 * quick fix's quoting and NAME_2 rule), and makes sure `.gitignore` lists .env, all in one
 * undoable WorkspaceEdit. An existing different value is never overwritten without asking:
 * `onConflict` picks 'replace', 'rename' (NAME_2) or cancels. A linked .env, or one outside the
 * folder, is refused; a value no quoting holds safely is refused with what to do instead.
 */
export async function insertIntoEnv(
  folder: vscode.Uri,
  name: string,
  value: string,
  onConflict: (name: string, alternative: string) => Promise<'replace' | 'rename' | undefined>,
): Promise<InsertOutcome> {
  const uri = vscode.Uri.joinPath(folder, '.env');
  await assertWritable(uri);
  const asked = planEnvEntry((await readIfExists(uri)) ?? '', name, value);
  if (asked.kind === 'present') return { uri, name, action: 'present', gitignoreAdded: false };
  let choice: 'replace' | 'rename' | undefined;
  if (asked.kind === 'conflict') {
    choice = await onConflict(name, asked.alternative.name);
    if (!choice) return undefined;
  }
  // .gitignore next to the .env: a local check here; the language server reports git's exact answer.
  const gitignore = vscode.Uri.joinPath(folder, '.gitignore');
  const gi = planGitignoreEnsure(await readIfExists(gitignore), '.env');
  // The prompt may have waited while .env changed or was swapped: check it and read it again last,
  // so the edit is built from the text it applies to.
  await assertWritable(uri);
  const doc = await openIfExists(uri);
  const settled = settleEnvEntry(asked, doc?.getText() ?? '', value, choice);
  if (settled.kind === 'changed') throw new Error('.env changed while keyward was asking; nothing was written. Run the command again.');
  if (settled.kind === 'present') return { uri, name: settled.name, action: 'present', gitignoreAdded: false };
  const edit = new vscode.WorkspaceEdit();
  if (!doc) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), settled.change.newText);
  } else {
    toEdit(doc, [settled.change], edit);
  }
  if (gi.create !== undefined) {
    edit.createFile(gitignore, { ignoreIfExists: true });
    edit.insert(gitignore, new vscode.Position(0, 0), gi.create);
  } else if (gi.edit) {
    edit.replace(gitignore, toRange(gi.edit.range), gi.edit.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused the edit of .env.');
  await (await vscode.workspace.openTextDocument(uri)).save();
  if (!gi.alreadyPresent) await (await vscode.workspace.openTextDocument(gitignore)).save();
  return { uri, name: settled.name, action: settled.replaced ? 'replaced' : 'added', gitignoreAdded: !gi.alreadyPresent };
}
