// Baseline file: the fingerprints of accepted findings, so a team can adopt keyward on an old
// repository and fail only on new leaks. It stores hashes, rule ids and file paths, never a secret.
import type { Finding } from './types';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file?: string;
}

export interface BaselineFile {
  version: 1;
  fingerprints: BaselineEntry[];
}

export class BaselineError extends Error {}

/** Fingerprints of a baseline file. Throws BaselineError with a clear message on anything malformed. */
export function parseBaseline(jsonText: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineError(`baseline is not valid JSON: ${(e as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BaselineError('baseline must be a JSON object {"version": 1, "fingerprints": [...]}');
  const obj = data as { version?: unknown; fingerprints?: unknown };
  if (obj.version !== 1) throw new BaselineError(`unsupported baseline version ${JSON.stringify(obj.version)} (expected 1)`);
  if (!Array.isArray(obj.fingerprints)) throw new BaselineError('baseline "fingerprints" must be an array');
  const out = new Set<string>();
  obj.fingerprints.forEach((e, i) => {
    // Entries are objects; a bare hash string is accepted too (hand-written baselines).
    const fp = typeof e === 'string' ? e : e && typeof e === 'object' ? (e as { fingerprint?: unknown }).fingerprint : undefined;
    if (typeof fp !== 'string' || !/^[0-9a-f]{64}$/i.test(fp)) throw new BaselineError(`baseline entry ${i} has no valid sha256 "fingerprint"`);
    out.add(fp.toLowerCase());
  });
  return out;
}

/** A baseline of `findings`: sorted and de-duplicated, so re-running on the same code gives the same bytes. */
export function serializeBaseline(findings: readonly (Finding & { file?: string })[], file?: string): string {
  const byFp = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const entry: BaselineEntry = { fingerprint: f.fingerprint, ruleId: f.ruleId };
    const where = f.file ?? file;
    if (where) entry.file = where.replace(/\\/g, '/');
    if (!byFp.has(f.fingerprint)) byFp.set(f.fingerprint, entry);
  }
  const entries = [...byFp.values()].sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const out: BaselineFile = { version: 1, fingerprints: entries };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The findings not in the baseline. */
export function applyBaseline<T extends Finding>(findings: readonly T[], baseline: ReadonlySet<string>): T[] {
  if (baseline.size === 0) return [...findings];
  return findings.filter((f) => !baseline.has(f.fingerprint.toLowerCase()));
}
