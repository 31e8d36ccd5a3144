// The .gitignore line for a .env file; the text edits themselves are the shared core's (shared/gitignoreText).
import * as path from 'node:path';
import { literalPattern } from '../../../shared/gitignoreText';
import type { EnvFileStatus } from './types';

export { appendGitignoreEntry } from '../../../shared/gitignoreText';

/**
 * The line that makes git ignore this file: its bare name (`.env`, `.env.local`), unanchored.
 * A name without a slash matches at every depth below the .gitignore, so one line also covers the
 * copies in sub-packages of a monorepo; and `.env.local` rather than `.env*` keeps `.env.example`
 * (meant to be committed) visible to git, with no negation line for the user to maintain.
 */
export function gitignoreEntryFor(status: Pick<EnvFileStatus, 'file' | 'gitignoreToEdit'>): string {
  return literalPattern(path.basename(status.file));
}
