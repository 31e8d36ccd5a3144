// Per-folder baseline (.keyward-baseline.json): fingerprints of accepted findings. The open
// editor's text wins over the disk, so an unsaved baseline edit already applies. A broken
// baseline is reported once and ignored (everything is shown), never overwritten.
import * as path from 'node:path';
import { applyBaseline, parseBaseline, serializeBaseline, type BaselineEntry } from '../engine/baseline';
import type { Finding } from '../engine/types';
import type { OpenDocuments } from './documents';
import { pathToUri, type Folder } from './folders';
import { currentText } from './workspaceEdit';

export const BASELINE_FILE = '.keyward-baseline.json';

export type Baseline = ReadonlySet<string>;

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
    return baseline && baseline.size ? applyBaseline(findings, baseline) : findings;
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
 * New baseline text with `additions` merged into `existing` (undefined = no file yet). Throws the
 * engine's BaselineError when the existing file is malformed, so the caller can say so instead
 * of replacing the user's file.
 */
export function mergeBaselineText(existing: string | undefined, additions: { fingerprint: string; ruleId: string; file: string }[]): string {
  const entries: BaselineEntry[] = [];
  if (existing !== undefined && existing.trim() !== '') {
    parseBaseline(existing); // validates; throws with a clear message
    const raw = JSON.parse(existing.replace(/^\uFEFF/, '')) as { fingerprints: (string | BaselineEntry)[] };
    for (const e of raw.fingerprints) entries.push(typeof e === 'string' ? { fingerprint: e, ruleId: '' } : e);
  }
  entries.push(...additions);
  // serializeBaseline reads only fingerprint, ruleId and file of each entry.
  return serializeBaseline(entries as unknown as (Finding & { file?: string })[]);
}
