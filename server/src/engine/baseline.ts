// Baseline file: the fingerprints of accepted findings, so a team can adopt keyward on an old
// repository and fail only on new leaks. It stores keyed hashes, rule ids and file paths, never
// a secret, and the salt that keys them (see fingerprint.ts for why).
//
// Version 2: { "version": 2, "salt": 64 hex, "fingerprints": [{ fingerprint, ruleId, file? }] },
//            each fingerprint = keyedFingerprint(salt, the finding's identity).
// Version 1: { "version": 1, "fingerprints": [...] } with bare identities; read and matched,
//            never written (a rewrite keys every entry with a new salt).
import { keyedFingerprint, newFingerprintSalt } from './fingerprint';
import type { Finding } from './types';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file?: string;
}

export interface BaselineFile {
  version: 2;
  salt: string;
  fingerprints: BaselineEntry[];
}

/** A parsed baseline: what it lists, and the salt (version 2) its fingerprints are keyed with. */
export interface Baseline {
  version: 1 | 2;
  salt?: string;
  /** Lower-case hex: keyed fingerprints (v2) or bare identities (v1). */
  fingerprints: ReadonlySet<string>;
  entries: readonly BaselineEntry[];
}

export class BaselineError extends Error {}

const HEX64 = /^[0-9a-f]{64}$/i;

/** Throws BaselineError with a clear message on anything malformed. */
export function parseBaseline(jsonText: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineError(`baseline is not valid JSON: ${(e as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BaselineError('baseline must be a JSON object {"version": 2, "salt": "…", "fingerprints": [...]}');
  const obj = data as { version?: unknown; salt?: unknown; fingerprints?: unknown };
  if (obj.version !== 1 && obj.version !== 2) throw new BaselineError(`unsupported baseline version ${JSON.stringify(obj.version)} (expected 2, or 1)`);
  if (obj.version === 2 && (typeof obj.salt !== 'string' || !HEX64.test(obj.salt))) throw new BaselineError('baseline "salt" must be 64 hex digits');
  if (!Array.isArray(obj.fingerprints)) throw new BaselineError('baseline "fingerprints" must be an array');
  const entries: BaselineEntry[] = [];
  obj.fingerprints.forEach((e, i) => {
    // Entries are objects; a bare hash string is accepted too (hand-written baselines).
    const o = e && typeof e === 'object' ? (e as Partial<BaselineEntry>) : undefined;
    const fp = typeof e === 'string' ? e : o?.fingerprint;
    if (typeof fp !== 'string' || !HEX64.test(fp)) throw new BaselineError(`baseline entry ${i} has no valid sha256 "fingerprint"`);
    const entry: BaselineEntry = { fingerprint: fp.toLowerCase(), ruleId: typeof o?.ruleId === 'string' ? o.ruleId : '' };
    if (typeof o?.file === 'string') entry.file = o.file;
    entries.push(entry);
  });
  return {
    version: obj.version,
    salt: obj.version === 2 ? (obj.salt as string).toLowerCase() : undefined,
    fingerprints: new Set(entries.map((e) => e.fingerprint)),
    entries,
  };
}

/** Whether the baseline lists a finding, by its in-process identity (Finding.fingerprint). */
export function baselineHas(baseline: Baseline, identity: string): boolean {
  const id = identity.toLowerCase();
  return baseline.salt ? baseline.fingerprints.has(keyedFingerprint(baseline.salt, id)) : baseline.fingerprints.has(id);
}

/** The findings not in the baseline. */
export function applyBaseline<T extends Finding>(findings: readonly T[], baseline: Baseline | undefined): T[] {
  if (!baseline || baseline.fingerprints.size === 0) return [...findings];
  return findings.filter((f) => !baselineHas(baseline, f.fingerprint));
}

/** An entry to write: a finding's identity (not yet keyed), its rule and file. */
export interface NewBaselineEntry {
  fingerprint: string;
  ruleId: string;
  file?: string;
}

/**
 * A version-2 baseline of `entries` (identities), keyed with `salt` (a new random one when none
 * is given: keep the existing file's salt so a rewrite of the same code gives the same bytes).
 * Sorted and de-duplicated. `kept` are entries already keyed with that salt (merged as they are).
 */
export function serializeBaseline(entries: readonly NewBaselineEntry[], salt: string = newFingerprintSalt(), kept: readonly BaselineEntry[] = []): string {
  const byFp = new Map<string, BaselineEntry>();
  const add = (e: BaselineEntry) => {
    if (!byFp.has(e.fingerprint)) byFp.set(e.fingerprint, e);
  };
  for (const e of kept) add({ ...e });
  for (const e of entries) {
    const entry: BaselineEntry = { fingerprint: keyedFingerprint(salt, e.fingerprint), ruleId: e.ruleId };
    if (e.file) entry.file = e.file.replace(/\\/g, '/');
    add(entry);
  }
  const sorted = [...byFp.values()].sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const out: BaselineFile = { version: 2, salt: salt.toLowerCase(), fingerprints: sorted };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * `existing` plus `additions` (identities) as version-2 text. A version-1 file is migrated: its
 * entries are identities, so they are keyed with the new salt like the additions.
 */
export function mergeBaseline(existing: Baseline | undefined, additions: readonly NewBaselineEntry[]): string {
  if (existing?.version === 2 && existing.salt) return serializeBaseline(additions, existing.salt, existing.entries);
  return serializeBaseline([...(existing?.entries ?? []), ...additions]);
}
