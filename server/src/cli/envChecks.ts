// The .env rules (env-not-ignored, env-tracked) on each scanned folder, and on .env files named
// directly (a pre-commit hook passes the staged files), located like file findings.
import * as path from 'node:path';
import { isEnvFileName } from '../../../shared/languages';
import { envFindings, evaluateEnvFiles, findEnvFiles } from '../envfiles';
import type { RuleId, SeveritySetting } from '../engine/types';
import type { LocatedFinding } from './report';
import { toPosixRelative } from './scanFiles';

export interface EnvCheckOptions {
  exclude: string[];
  severities: Partial<Record<RuleId, SeveritySetting>>;
  signal?: AbortSignal;
}

export async function envChecks(roots: { abs: string; isDir: boolean }[], base: string, opts: EnvCheckOptions): Promise<LocatedFinding[]> {
  const out: LocatedFinding[] = [];
  const judge = async (root: string, files: string[]) => {
    if (files.length === 0) return;
    for (const status of await evaluateEnvFiles(root, files)) {
      // One status at a time, so each finding is known to stand on that status's file.
      for (const finding of envFindings([status], { severities: opts.severities })) {
        out.push({ path: toPosixRelative(base, status.file), abs: status.file, finding });
      }
    }
  };
  for (const r of roots) {
    if (r.isDir) await judge(r.abs, await findEnvFiles(r.abs, { exclude: opts.exclude, signal: opts.signal }));
    // Relative to the report's base, so the file's fingerprint matches a folder scan of that base.
    else if (isEnvFileName(path.basename(r.abs))) await judge(base, [r.abs]);
  }
  return out;
}
