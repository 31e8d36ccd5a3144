// Shared vocabulary of the scanning engine. Pure types: no LSP, no VS Code, no fs.
import type { Family } from '../../../shared/languages/table';
import type { ProviderEntry } from '../../../shared/providers/types';

export type RuleId = 'hardcoded-key' | 'query-string-auth' | 'env-not-ignored' | 'env-tracked';
export const RULE_IDS: readonly RuleId[] = ['hardcoded-key', 'query-string-auth', 'env-not-ignored', 'env-tracked'];

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Zero-based line/character position (UTF-16 code units, as LSP counts them). */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** How the secret was recognised; the fixes use it to rewrite the code around it. */
export type ContextKind =
  | 'format' // well-known prefix/shape anywhere
  | 'assignment' // NAME = "value", NAME: value, ENV NAME value, ...
  | 'header' // X-API-Key / Authorization: Bearer value
  | 'sdk-option' // new Sdk({ apiKey: "value" }), api_key="value" keyword argument
  | 'url-param' // ?api_key=value in a URL
  | 'params-object' // params={"api_key": v}, new URLSearchParams({ api_key })
  | 'private-key' // PEM block
  | 'env-file';

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Never contains the whole secret: at most a short prefix and the length. */
  message: string;
  /** Range of the offending value (the secret itself, or the query parameter). */
  range: Range;
  /** Offsets into the scanned text, [offset, offset + length). */
  offset: number;
  length: number;
  /** Stable hash for baselines; derived from rule, file and secret, never reversible to the secret in practice. */
  fingerprint: string;
  /** Provider id when the context or format shows it (e.g. "pioneer", "github"). */
  provider?: string;
  providerName?: string;
  /** Env var to move the value into (e.g. PIONEER_API_KEY). */
  envVar?: string;
  /** Id of the well-known format that matched (e.g. "github-pat-classic"). */
  formatId?: string;
  context?: {
    kind: ContextKind;
    /** Variable, key, header or parameter name the value stood at. */
    name?: string;
    /** Quote character around the value in the source, if any ("", '', `). */
    quote?: string;
    /** Range of the whole literal including quotes, when the value is quoted. */
    literalRange?: Range;
    literalOffset?: number;
    literalLength?: number;
  };
  /** query-string-auth: the parameter name, and whether its value is a literal. */
  param?: string;
  valueIsLiteral?: boolean;
  /** Masked preview safe to show: prefix + length, e.g. "pio_sk_… (67 chars)". */
  preview?: string;
  /** The file's language family, as the scan classified it (the fixes read it instead of classifying again). */
  family?: Family;
}

export interface ScanOptions {
  /** Path relative to the workspace root, used in fingerprints and for file-type decisions. */
  relativePath?: string;
  /** Language id when the host knows it (LSP languageId); otherwise derived from the path. */
  languageId?: string;
  severities?: Partial<Record<RuleId, SeveritySetting>>;
  /** Extra key-name regexes (case-insensitive sources) whose literal values count as keys. */
  extraKeyNames?: string[];
  /** User providers from settings; merged with the built-ins for attribution. */
  customProviders?: ProviderEntry[];
  /** Lines longer than this are scanned in bounded windows (minified code). */
  maxLineLength?: number;
  /** Honour keyward-ignore comments (default true). */
  inlineSuppressions?: boolean;
}

/** A well-known key format: data plus at most a small validator. */
export interface KeyFormat {
  id: string;
  /** Provider id (see providers/) or a free provider name for formats without a provider entry. */
  provider: string;
  providerName: string;
  /** Env var to suggest when moving such a key out of the code. */
  envVar: string;
  description: string;
  /** Lower-case literal substrings; the format's regex runs only where one occurs (prefilter). */
  keywords: string[];
  /** Regex source. Bounded quantifiers only. Capture group `secret` (named) or group 1 is the value. */
  pattern: string;
  flags?: string;
  /** Minimum Shannon entropy (bits/char) of the secret, if the shape alone is not enough. */
  minEntropy?: number;
  /** Only report with credential context (e.g. Pinecall pk_, JWTs). */
  requiresContext?: boolean;
  /** Extra check on the matched secret and its surroundings. */
  validate?: (secret: string, lineText: string) => boolean;
  severity?: Severity;
  /** Examples the test suite runs: each positive must yield a finding of this format, each negative none. */
  examples: { positive: string[]; negative: string[] };
}
