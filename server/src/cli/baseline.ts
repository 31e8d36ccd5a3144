// Baseline files for the CLI: read (fail fast and clearly on a bad one) and write.
import { readFile, writeFile } from 'node:fs/promises';
import { applyBaseline, parseBaseline, serializeBaseline } from '../engine';
import { CliError, describeIoError } from './errors';
import type { LocatedFinding } from './report';

export interface LoadedBaseline {
  /** The findings the baseline does not list. */
  filter(findings: LocatedFinding[]): LocatedFinding[];
}

export async function loadBaseline(file: string): Promise<LoadedBaseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read the baseline '${file}': ${describeIoError(err)}`, `create one with --write-baseline ${file}`);
  }
  let fingerprints: Set<string>;
  try {
    fingerprints = parseBaseline(text);
  } catch (err) {
    throw new CliError(`the baseline '${file}' is not usable: ${(err as Error).message}`, `fix it, or regenerate it with --write-baseline ${file}`);
  }
  return {
    filter: (findings) => {
      const kept = new Set(applyBaseline(findings.map((l) => l.finding), fingerprints));
      return findings.filter((l) => kept.has(l.finding));
    },
  };
}

export async function saveBaseline(file: string, findings: readonly LocatedFinding[]): Promise<void> {
  const text = serializeBaseline(findings.map((l) => ({ ...l.finding, file: l.path })));
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new CliError(`cannot write the baseline '${file}': ${describeIoError(err)}`, 'check that its folder exists and is writable');
  }
}
