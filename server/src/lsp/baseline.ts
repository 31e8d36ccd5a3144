// Per-folder baseline (.keyward-baseline.json): keyed fingerprints of accepted findings (and the
// salt that keys them). The open editor's text wins over the disk, so an unsaved baseline edit
// already applies. A broken baseline is reported once and ignored (everything is shown), never
// overwritten. A version-1 baseline still applies, and becomes version 2 when an entry is added.
import * as path from 'node:path';
import { applyBaseline, mergeBaseline, parseBaseline, type Baseline as ParsedBaseline } from '../engine/baseline';
import type { Finding } from '../engine/types';
import type { OpenDocuments } from './documents';
import { pathToUri, type Folder } from './folders';
import { currentText } from './workspaceEdit';

export const BASELINE_FILE = '.keyward-baseline.json';

export type Baseline = ParsedBaseline;

export function baselineUri(folder: Folder): string {
  return pathToUri(path.join(folder.fsPath, BASELINE_FILE));
}

export class BaselineStore {
  private cache = new Map<string, Promise<Baseline | undefined>>();

  constructor(
    private readonly docs: OpenDocuments,
    private readonly log: (message: string) => void,
  ) {}

  get(folder: Folder): Promise<Baseline | undefined> {
    let hit = this.cache.get(folder.uri);
    if (!hit) {
      hit = this.load(folder);
      this.cache.set(folder.uri, hit);
    }
    return hit;
  }

  invalidate(folderUri: string): void {
    this.cache.delete(folderUri);
  }

  clear(): void {
    this.cache.clear();
  }

  filter<T extends Finding>(findings: T[], baseline: Baseline | undefined): T[] {
    return baseline && baseline.fingerprints.size ? applyBaseline(findings, baseline) : findings;
  }

  private async load(folder: Folder): Promise<Baseline | undefined> {
    const text = await currentText(this.docs, baselineUri(folder));
    if (text === undefined) return undefined;
    try {
      return parseBaseline(text);
    } catch (err) {
      this.log(`${BASELINE_FILE} in ${folder.name} is ignored: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
}

/**
 * New baseline text with `additions` (finding identities, as in diagnostics data) merged into
 * `existing` (undefined = no file yet), keyed with the file's salt (a new one for a new or
 * version-1 file). Throws the engine's BaselineError when the existing file is malformed, so the
 * caller can say so instead of replacing the user's file.
 */
export function mergeBaselineText(existing: string | undefined, additions: { fingerprint: string; ruleId: string; file: string }[]): string {
  const parsed = existing !== undefined && existing.trim() !== '' ? parseBaseline(existing) : undefined;
  return mergeBaseline(parsed, additions);
}
