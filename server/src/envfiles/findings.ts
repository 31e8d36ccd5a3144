// Turns .env statuses into diagnostics. Messages name paths and patterns, never file contents.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { normalisePath } from '../engine/fingerprint';
import type { Finding, RuleId, Severity, SeveritySetting } from '../engine/types';
import { gitignoreEntryFor } from './gitignoreEdit';
import type { EnvFileStatus } from './types';

export interface EnvFindingOptions {
  severities?: Partial<Record<RuleId, SeveritySetting>>;
}

const DEFAULT_SEVERITY: Record<'env-not-ignored' | 'env-tracked', Severity> = {
  'env-not-ignored': 'warning',
  'env-tracked': 'error',
};

/**
 * Baseline key, a sha256 like the engine's: rule and path only, so it survives edits to the file
 * and to .gitignore (and the contents never enter it).
 */
export function envFingerprint(ruleId: RuleId, relPath: string): string {
  return createHash('sha256').update(`${ruleId}\0${normalisePath(relPath)}`, 'utf8').digest('hex');
}

function severityOf(rule: 'env-not-ignored' | 'env-tracked', opts?: EnvFindingOptions): Severity | undefined {
  const s = opts?.severities?.[rule] ?? DEFAULT_SEVERITY[rule];
  return s === 'off' ? undefined : s;
}

/** The .gitignore named relative to the workspace root when it is inside it, else absolute. */
function displayPath(status: EnvFileStatus, file: string): string {
  if (!status.root) return file;
  const rel = path.relative(status.root, file);
  return rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function finding(rule: 'env-not-ignored' | 'env-tracked', severity: Severity, relPath: string, message: string): Finding {
  return {
    ruleId: rule,
    severity,
    message,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    offset: 0,
    length: 0,
    fingerprint: envFingerprint(rule, relPath),
    context: { kind: 'env-file' },
  };
}

function notIgnoredMessage(s: EnvFileStatus): string {
  const where = displayPath(s, s.gitignoreToEdit);
  const reincluded = s.matchedBy?.pattern.startsWith('!')
    ? ` (re-included by "${s.matchedBy.pattern}" in ${displayPath(s, s.matchedBy.source)}:${s.matchedBy.line})`
    : '';
  const noRepo = s.repoRoot ? '' : ' once this folder becomes a git repository';
  return `${s.relPath} is not ignored by git${reincluded} and would be committed${noRepo}: add "${gitignoreEntryFor(s)}" to ${where}${s.gitignoreExists === false ? ' (to be created)' : ''}.`;
}

/** Findings that stand on the .env files themselves. */
export function envFindings(statuses: EnvFileStatus[], opts: EnvFindingOptions = {}): Finding[] {
  const out: Finding[] = [];
  const notIgnored = severityOf('env-not-ignored', opts);
  const tracked = severityOf('env-tracked', opts);
  for (const s of statuses) {
    if (!s.ignored && notIgnored) out.push(finding('env-not-ignored', notIgnored, s.relPath, notIgnoredMessage(s)));
    if (s.tracked && tracked) {
      const repoRel = s.repoRoot ? path.relative(s.repoRoot, s.file).split(path.sep).join('/') : s.relPath;
      const also = s.ignored ? ' (ignoring it now does not remove it from the index)' : ' and add it to .gitignore';
      out.push(finding('env-tracked', tracked, s.relPath,
        `${s.relPath} is tracked by git, so its contents are in the repository${also}: run git rm --cached ${shellQuote(repoRel)} and rotate any key it held.`));
    }
  }
  return out;
}

/**
 * Findings to show on one .gitignore: each not-ignored .env whose fix belongs in it. Empty when
 * that .gitignore does not exist yet (the language server then reports at the workspace root).
 * Same fingerprints as on the .env file: one problem, shown in two places.
 */
export function envFindingsForGitignore(statuses: EnvFileStatus[], gitignoreFile: string, opts: EnvFindingOptions = {}): Finding[] {
  const severity = severityOf('env-not-ignored', opts);
  if (!severity) return [];
  const target = path.resolve(gitignoreFile);
  return statuses
    .filter((s) => !s.ignored && s.gitignoreExists !== false && path.resolve(s.gitignoreToEdit) === target)
    .map((s) => finding('env-not-ignored', severity, s.relPath,
      `${s.relPath} is not listed here and would be committed: add "${gitignoreEntryFor(s)}".`));
}

function shellQuote(p: string): string {
  return /^[A-Za-z0-9._\/-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
