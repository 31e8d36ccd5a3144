// The ONE loader of the repository configuration (.keyward.json / .keyward.jsonc), used by the
// CLI and the language server alike: find it, read it safely, parse and validate it.
import { lstat } from 'node:fs/promises';
import * as path from 'node:path';
import { readConfigFile } from './readConfigFile';
import { formatProblem, parseRepoConfig, type ConfigProblem, type RepoConfig } from './validate';

export { formatProblem, type ConfigProblem, type CustomKeyFormat, type RepoConfig } from './validate';

export const CONFIG_FILE_NAMES = ['.keyward.json', '.keyward.jsonc'] as const;

export type RepoConfigResult =
  | { kind: 'none' }
  | { kind: 'loaded'; file: string; config: RepoConfig; warnings: ConfigProblem[] }
  | { kind: 'invalid'; file: string; errors: ConfigProblem[]; warnings: ConfigProblem[] };

/** Reads, parses and validates one config file. Never throws: problems come back as data. */
export async function loadRepoConfig(file: string): Promise<RepoConfigResult> {
  const read = await readConfigFile(file);
  if ('error' in read) return { kind: 'invalid', file, errors: [{ file, message: read.error }], warnings: [] };
  const parsed = parseRepoConfig(read.text, file, { comments: file.endsWith('.jsonc') });
  return parsed.config
    ? { kind: 'loaded', file, config: parsed.config, warnings: parsed.warnings }
    : { kind: 'invalid', file, errors: parsed.errors, warnings: parsed.warnings };
}

/**
 * Finds the config that governs `dir`: in `dir` itself, else in each parent up to the root of
 * the git work tree `dir` is in (the folder holding `.git`). Outside git only `dir` is looked at,
 * so a config in someone's home folder never reaches a scan of an unrelated folder.
 */
export async function findRepoConfig(dir: string): Promise<{ file?: string; error?: ConfigProblem }> {
  for (const d of await candidateDirs(path.resolve(dir))) {
    const present: string[] = [];
    for (const name of CONFIG_FILE_NAMES) if (await exists(path.join(d, name))) present.push(path.join(d, name));
    if (present.length > 1) return { error: { file: present[0], message: `both ${CONFIG_FILE_NAMES.join(' and ')} exist in ${d}; keep one` } };
    if (present.length === 1) return { file: present[0] };
  }
  return {};
}

/** Find + load: what both hosts call. */
export async function discoverRepoConfig(dir: string): Promise<RepoConfigResult> {
  const found = await findRepoConfig(dir);
  if (found.error) return { kind: 'invalid', file: found.error.file, errors: [found.error], warnings: [] };
  return found.file ? loadRepoConfig(found.file) : { kind: 'none' };
}

/** Every problem of a result as `file:line:col: field: message` lines. */
export function describeProblems(result: RepoConfigResult): { errors: string[]; warnings: string[] } {
  if (result.kind === 'none') return { errors: [], warnings: [] };
  return { errors: result.kind === 'invalid' ? result.errors.map(formatProblem) : [], warnings: result.warnings.map(formatProblem) };
}

async function candidateDirs(start: string): Promise<string[]> {
  const chain: string[] = [];
  for (let d = start; ; d = path.dirname(d)) {
    chain.push(d);
    if (await exists(path.join(d, '.git'))) return chain;
    if (path.dirname(d) === d) return [start];
  }
}

/** lstat, so a symlinked config is found (and then refused by the reader), not silently skipped. */
async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}
