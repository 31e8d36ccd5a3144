// Baseline files for the CLI: read (fail fast and clearly on a bad one), write (keeping the
// file's salt, so a rewrite of the same code gives the same bytes), and the salt that keys the
// fingerprints of the JSON and SARIF reports.
import { writeFile } from 'node:fs/promises';
import { applyBaseline, keyedFingerprint, parseBaseline, serializeBaseline, slowFingerprint, type Baseline } from '../engine';
import type { Finding } from '../engine/types';
import { readConfigText } from '../workspace/read';
import { CliError, describeIoError } from './errors';
import type { LocatedFinding } from './report';

/** Baselines are small; a larger file is a mistake (or /dev/zero behind a link), never read whole. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

export interface LoadedBaseline {
  parsed: Baseline;
  /** The findings the baseline does not list. */
  filter(findings: LocatedFinding[]): LocatedFinding[];
}

export async function loadBaseline(file: string): Promise<LoadedBaseline> {
  const read = await readConfigText(file, { maxBytes: MAX_BASELINE_BYTES });
  if (!('text' in read)) {
    const why = read.skip === 'too-large' ? `larger than ${MAX_BASELINE_BYTES >> 20} MB` : read.skip === 'not-a-file' ? `not a regular file (${read.error})` : read.error;
    throw new CliError(`cannot read the baseline '${file}': ${why}`, `create one with --write-baseline ${file}`);
  }
  let parsed: Baseline;
  try {
    parsed = parseBaseline(read.text);
  } catch (err) {
    throw new CliError(`the baseline '${file}' is not usable: ${(err as Error).message}`, `fix it, or regenerate it with --write-baseline ${file}`);
  }
  return {
    parsed,
    filter: (findings) => {
      const kept = new Set(applyBaseline(findings.map((l) => l.finding), parsed));
      return findings.filter((l) => kept.has(l.finding));
    },
  };
}

/** A baseline that may not exist yet (the --write-baseline target, the editor's file): undefined when absent or unusable. */
export async function peekBaseline(file: string): Promise<Baseline | undefined> {
  const read = await readConfigText(file, { maxBytes: MAX_BASELINE_BYTES });
  if (!('text' in read)) return undefined;
  try {
    return parseBaseline(read.text);
  } catch {
    return undefined;
  }
}

/** Writes every current finding (stale entries go), keyed with `salt`. */
export async function saveBaseline(file: string, findings: readonly LocatedFinding[], salt: string): Promise<void> {
  const text = serializeBaseline(findings.map((l) => ({ fingerprint: l.finding.fingerprint, ruleId: l.finding.ruleId, file: l.path })), salt);
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new CliError(`cannot write the baseline '${file}': ${describeIoError(err)}`, 'check that its folder exists and is writable');
  }
}

/**
 * The findings with the fingerprints a report may carry out of the machine: keyed with the
 * baseline's salt when there is one, else slowed with scrypt (see engine/fingerprint.ts).
 */
export async function outgoingFingerprints<T extends { finding: Finding }>(findings: readonly T[], salt: string | undefined): Promise<T[]> {
  const ids = [...new Set(findings.map((l) => l.finding.fingerprint))];
  const out = new Map<string, string>();
  if (salt) for (const id of ids) out.set(id, keyedFingerprint(salt, id));
  else await Promise.all(ids.map(async (id) => out.set(id, await slowFingerprint(id))));
  return findings.map((l) => ({ ...l, finding: { ...l.finding, fingerprint: out.get(l.finding.fingerprint)! } }));
}
