// The result of one `keyward scan`, independent of the output format.
import type { Finding, Severity } from '../engine/types';
import type { SkipReason } from '../workspace';

export interface LocatedFinding {
  /** Posix path relative to `ScanReport.base`. */
  path: string;
  /** Absolute path of the file. */
  abs: string;
  finding: Finding;
}

/** Why a file was not scanned: the reader's reasons, or the engine failing on it. */
export type SkippedReason = SkipReason | 'scan-error';

export interface SkippedFile {
  path: string;
  abs: string;
  reason: SkippedReason;
  error?: string;
}

/**
 * Files the scan meant to read and could not (an I/O error) or could not scan (an engine error):
 * the scan is incomplete, so the exit code is 2 whatever else was found. Size, binary and
 * not-a-file skips are decisions, listed but not failures.
 */
export function isFailure(s: { reason: SkippedReason }): boolean {
  return s.reason === 'unreadable' || s.reason === 'scan-error';
}

export interface ScanReport {
  /** Absolute folder every `path` is relative to (the scanned root, or the roots' common folder). */
  base: string;
  findings: LocatedFinding[];
  skipped: SkippedFile[];
  /** Files read and scanned. */
  files: number;
  bytes: number;
  /** Findings dropped because the baseline lists them. */
  suppressed: number;
  durationMs: number;
  maxFileSizeBytes: number;
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Stable order: path, then position, then rule. */
export function sortFindings(list: LocatedFinding[]): LocatedFinding[] {
  return list.sort(
    (a, b) =>
      cmp(a.path, b.path) ||
      a.finding.range.start.line - b.finding.range.start.line ||
      a.finding.range.start.character - b.finding.range.start.character ||
      cmp(a.finding.ruleId, b.finding.ruleId),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(findings: readonly LocatedFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.finding.severity]++;
  return counts;
}
