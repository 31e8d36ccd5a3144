// Pure text helpers for the "add to .gitignore" fix.
import * as path from 'node:path';
import type { EnvFileStatus } from './types';

/** Escapes a file name so git reads it as a literal pattern. */
function literalPattern(name: string): string {
  let p = name.replace(/[\\*?[]/g, '\\$&');
  // A line cannot hold a newline; `?` matches any one character there (and nothing across `/`).
  p = p.replace(/[\r\n]/g, '?');
  if (/^[!#]/.test(p)) p = `\\${p}`;
  // Trailing spaces would be trimmed by git unless escaped.
  return p.replace(/ +$/, (s) => '\\ '.repeat(s.length));
}

/**
 * The line that makes git ignore this file: its bare name (`.env`, `.env.local`), unanchored.
 * A name without a slash matches at every depth below the .gitignore, so one line also covers the
 * copies in sub-packages of a monorepo; and `.env.local` rather than `.env*` keeps `.env.example`
 * (meant to be committed) visible to git, with no negation line for the user to maintain.
 */
export function gitignoreEntryFor(status: Pick<EnvFileStatus, 'file' | 'gitignoreToEdit'>): string {
  return literalPattern(path.basename(status.file));
}

/**
 * Appends entry to a .gitignore's text (undefined: the file does not exist yet). Keeps every
 * existing byte, adds a final newline where one is missing, and uses the file's CRLF/LF style. An
 * entry already present is not duplicated unless a later `!` line could re-include the file: rules
 * further down win, so then the entry goes at the end again.
 */
export function appendGitignoreEntry(existingText: string | undefined, entry: string): { text: string; changed: boolean } {
  if (existingText === undefined || existingText === '') return { text: `${entry}\n`, changed: true };
  const eol = existingText.includes('\r\n') ? '\r\n' : '\n';
  const lines = existingText.split(/\r?\n/).map((l) => l.replace(/(?<!\\) +$/, ''));
  const last = lines.lastIndexOf(entry);
  if (last >= 0 && !lines.slice(last + 1).some((l) => l.startsWith('!'))) return { text: existingText, changed: false };
  const base = /\r?\n$/.test(existingText) ? existingText : existingText + eol;
  return { text: `${base}${entry}${eol}`, changed: true };
}
