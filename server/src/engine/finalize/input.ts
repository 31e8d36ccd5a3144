// What finalize() needs besides the candidates: the text and its line index, the config, the path
// that fingerprints are made of, and the user's severity settings.
import type { EngineConfig } from '../config';
import type { LineIndex } from '../lines';
import type { ScanOptions, SeveritySetting } from '../types';

export type ReportedRule = 'hardcoded-key' | 'query-string-auth';

export interface FinalizeInput {
  text: string;
  lines: LineIndex;
  cfg: EngineConfig;
  path: string;
  options: ScanOptions;
  /** The user's valid settings per rule; undefined means default. */
  severities: Record<ReportedRule, SeveritySetting | undefined>;
}
