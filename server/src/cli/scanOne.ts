// One file: read it and run the engine on it. Shared by the in-thread scan and the workers.
import { scan } from '../engine';
import type { ProviderEntry } from '../../../shared/providers/types';
import type { RuleId, SeveritySetting } from '../engine/types';
import { readTextFileSync } from '../workspace';
import type { LocatedFinding, SkippedFile } from './report';

export interface FileJob {
  abs: string;
  /** Posix path relative to the report's base: shown, and hashed into fingerprints. */
  rel: string;
  size: number;
}

export interface ScanSettings {
  maxFileSizeBytes: number;
  severities: Partial<Record<RuleId, SeveritySetting>>;
  extraKeyNames?: string[];
  customProviders?: ProviderEntry[];
}

export type FileOutcome = { findings: LocatedFinding[]; skipped?: undefined } | { findings?: undefined; skipped: SkippedFile };

export function scanOne(job: FileJob, settings: ScanSettings): FileOutcome {
  const content = readTextFileSync(job.abs, settings.maxFileSizeBytes);
  if (!('text' in content)) return { skipped: { path: job.rel, abs: job.abs, reason: content.skip, error: content.error } };
  try {
    const findings: LocatedFinding[] = [];
    for (const finding of scan(content.text, job.rel, { relativePath: job.rel, severities: settings.severities, extraKeyNames: settings.extraKeyNames, customProviders: settings.customProviders })) {
      if (settings.severities[finding.ruleId] !== 'off') findings.push({ path: job.rel, abs: job.abs, finding });
    }
    return { findings };
  } catch (err) {
    // An engine bug on one file must not cost the rest of the scan, nor pass it silently: the
    // file is a failure (exit 2, named in the report). The message only, never the stack's text.
    return { skipped: { path: job.rel, abs: job.abs, reason: 'scan-error', error: `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? err}` } };
  }
}
