// Walks the roots, reads each file and runs the engine on it, one file at a time; findings are
// the only thing that accumulates.
import * as path from 'node:path';
import { scan } from '../engine';
import type { RuleId, SeveritySetting } from '../engine/types';
import { readTextFileSync, walkFiles } from '../workspace';
import type { LocatedFinding, SkippedFile } from './report';

export interface FileScanRequest {
  /** Absolute, existing, non-overlapping paths (folders or files). */
  roots: string[];
  /** Absolute folder that reported paths (and fingerprints) are relative to. */
  base: string;
  exclude: string[];
  maxFileSizeBytes: number;
  respectGitignore: boolean;
  severities: Partial<Record<RuleId, SeveritySetting>>;
  signal?: AbortSignal;
  onFile?: (bytes: number) => void;
}

export interface FileScanResult {
  findings: LocatedFinding[];
  skipped: SkippedFile[];
  files: number;
  bytes: number;
}

export function toPosixRelative(base: string, abs: string): string {
  return path.relative(base, abs).split(path.sep).join('/');
}

export async function scanFiles(req: FileScanRequest): Promise<FileScanResult> {
  const result: FileScanResult = { findings: [], skipped: [], files: 0, bytes: 0 };
  for (const root of req.roots) {
    const entries = walkFiles(root, {
      exclude: req.exclude,
      maxFileSizeBytes: req.maxFileSizeBytes,
      respectGitignore: req.respectGitignore,
      signal: req.signal,
    });
    for await (const entry of entries) {
      const content = entry.skip ? { skip: entry.skip } : readTextFileSync(entry.abs, req.maxFileSizeBytes);
      const rel = toPosixRelative(req.base, entry.abs);
      if (!('text' in content)) {
        result.skipped.push({ path: rel, abs: entry.abs, reason: content.skip, error: content.error });
        continue;
      }
      try {
        for (const finding of scan(content.text, rel, { relativePath: rel, severities: req.severities })) {
          if (req.severities[finding.ruleId] === 'off') continue;
          result.findings.push({ path: rel, abs: entry.abs, finding });
        }
      } catch (err) {
        // An engine bug on one file must not cost the rest of the scan; say which file it was.
        result.skipped.push({ path: rel, abs: entry.abs, reason: 'unreadable', error: `scanner error: ${(err as Error)?.message ?? err}` });
        continue;
      }
      result.files++;
      result.bytes += entry.size;
      req.onFile?.(entry.size);
    }
  }
  return result;
}
