// The one .gitignore text module (pure): the line that ignores a file, whether a .gitignore already
// ignores a path, and the edit that adds a line, keeping every existing byte and the file's line
// breaks. Used by the language server's quick fix and the client's "insert into .env" alike.
import { GitignoreRules } from './gitignoreRules';

/** An LSP-shaped text edit (0-based line/character in UTF-16 units). */
export interface GitignoreTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface GitignorePlan {
  edit?: GitignoreTextEdit;
  create?: string;
  alreadyPresent: boolean;
}

/** The file's line break: CRLF when the file already uses it, else LF. */
export function gitignoreEol(text: string | undefined): string {
  return text && /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Escapes a file name so git reads it as a literal pattern (matching that name at any depth). */
export function literalPattern(name: string): string {
  let p = name.replace(/[\\*?[]/g, '\\$&');
  // A line cannot hold a newline; `?` matches any one character there (and nothing across `/`).
  p = p.replace(/[\r\n]/g, '?');
  if (/^[!#]/.test(p)) p = `\\${p}`;
  // Trailing spaces would be trimmed by git unless escaped.
  return p.replace(/ +$/, (s) => '\\ '.repeat(s.length));
}

/** Whether this one .gitignore text ignores `path` (relative to its folder, forward or back slashes). */
export function gitignoreIgnores(gitignoreText: string, path: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.?\//, '');
  return GitignoreRules.of([{ file: '.gitignore', dir: '', text: gitignoreText }]).ignores(p);
}

/** The position just past the last character of text. */
function endPosition(text: string): { line: number; character: number } {
  const lastBreak = text.lastIndexOf('\n');
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  return { line, character: text.length - (lastBreak + 1) };
}

/** The text to append so `entry` is the file's last line: a line break first when the file lacks one. */
function appendedText(existingText: string, entry: string): string {
  const eol = gitignoreEol(existingText);
  const lead = existingText.length && !existingText.endsWith('\n') ? eol : '';
  return `${lead}${entry}${eol}`;
}

/**
 * Adds `entry` (default .env) to .gitignore unless this file already ignores it. `needed` is the
 * exact answer from git or the in-process evaluator (nested files, global excludes) and wins over
 * the local check of this one file.
 */
export function planGitignoreEnsure(gitignoreText: string | undefined, entry = '.env', needed?: boolean): GitignorePlan {
  const covered = needed === undefined ? gitignoreText !== undefined && gitignoreIgnores(gitignoreText, entry) : !needed;
  if (covered) return { alreadyPresent: true };
  if (gitignoreText === undefined) return { alreadyPresent: false, create: `${entry}\n` };
  const at = endPosition(gitignoreText);
  return { alreadyPresent: false, edit: { range: { start: at, end: at }, newText: appendedText(gitignoreText, entry) } };
}

/**
 * Appends entry to a .gitignore's text (undefined: the file does not exist yet). An entry already
 * present is not duplicated unless a later `!` line could re-include the file: rules further down
 * win, so then the entry goes at the end again.
 */
export function appendGitignoreEntry(existingText: string | undefined, entry: string): { text: string; changed: boolean } {
  if (existingText === undefined || existingText === '') return { text: `${entry}\n`, changed: true };
  const lines = existingText.split(/\r?\n/).map((l) => l.replace(/(?<!\\) +$/, ''));
  const last = lines.lastIndexOf(entry);
  if (last >= 0 && !lines.slice(last + 1).some((l) => l.startsWith('!'))) return { text: existingText, changed: false };
  return { text: existingText + appendedText(existingText, entry), changed: true };
}
