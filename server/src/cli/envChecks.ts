// The .env rules (env-not-ignored, env-tracked) on each scanned folder, located like file findings.
import { envFindings, evaluateEnvFiles, findEnvFiles } from '../envfiles';
import type { RuleId, SeveritySetting } from '../engine/types';
import type { LocatedFinding } from './report';
import { toPosixRelative } from './scanFiles';

export interface EnvCheckOptions {
  exclude: string[];
  severities: Partial<Record<RuleId, SeveritySetting>>;
  signal?: AbortSignal;
}

export async function envChecks(folders: string[], base: string, opts: EnvCheckOptions): Promise<LocatedFinding[]> {
  const out: LocatedFinding[] = [];
  for (const root of folders) {
    const files = await findEnvFiles(root, { exclude: opts.exclude, signal: opts.signal });
    if (files.length === 0) continue;
    for (const status of await evaluateEnvFiles(root, files)) {
      // One status at a time, so each finding is known to stand on that status's file.
      for (const finding of envFindings([status], { severities: opts.severities })) {
        out.push({ path: toPosixRelative(base, status.file), abs: status.file, finding });
      }
    }
  }
  return out;
}
