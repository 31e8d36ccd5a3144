// The engine's entry points. Pure: text and a path in, findings out (no fs, no LSP, no VS Code).
import { importedProviders } from './attribution';
import { collect, QUERY_LOOKBACK_LINES } from './collect';
import { engineConfig } from './config';
import { ATTRIBUTION_RADIUS, finalize } from './finalize';
import { normalisePath } from './fingerprint';
import { classifyFile, isEnvFileName, languageOf } from '../../../shared/languages';
import { LineIndex } from './lines';
import { beginMarkersBefore, PEM_MAX_CHARS } from './rules/pem';
import type { Finding, ScanOptions, SeveritySetting } from './types';

export const DEFAULT_MAX_LINE_LENGTH = 4096;

/**
 * How far (in lines) a finding's verdict can depend on its neighbours: provider attribution looks
 * ATTRIBUTION_RADIUS lines around, query-parameter objects look QUERY_LOOKBACK_LINES up,
 * keyward-ignore-next-line one line up.
 */
export const CONTEXT_RADIUS = Math.max(ATTRIBUTION_RADIUS, QUERY_LOOKBACK_LINES, 1) + 1;

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** A configured severity, or undefined when unset or not one of the known values. */
export function severitySetting(v: unknown): SeveritySetting | undefined {
  return SEVERITY_SETTINGS.includes(v as SeveritySetting) ? (v as SeveritySetting) : undefined;
}

function scanRange(text: string, filePath: string, options: ScanOptions, lines: LineIndex, start: number, end: number): Finding[] {
  const severities = {
    'hardcoded-key': severitySetting(options.severities?.['hardcoded-key']),
    'query-string-auth': severitySetting(options.severities?.['query-string-auth']),
  };
  const wantKeys = severities['hardcoded-key'] !== 'off';
  const wantQuery = severities['query-string-auth'] !== 'off';
  // (undefined: the default, warning, or a format's own default severity)
  // .env (not .env.example) is where secrets belong: keys there are the env-tracked rule's business.
  // A `.env`-named program (.env.ts) is not a secret home: it is classified and scanned as code.
  if ((!wantKeys && !wantQuery) || isEnvFileName(filePath)) return [];
  const cfg = engineConfig(options);
  // Classified once here; every finding carries it, so the fixes never classify the file again.
  const family = classifyFile(filePath, options.languageId);
  const maxLineLength = Math.max(256, options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
  const cands = collect({ text, lang: languageOf(family), cfg, maxLineLength, wantKeys, wantQuery }, start, end);
  if (cands.length === 0) return [];
  const findings = finalize({ text, lines, cfg, path: normalisePath(options.relativePath ?? filePath), options, severities }, cands);
  for (const f of findings) f.family = family;
  return findings;
}

/** All findings of the `hardcoded-key` and `query-string-auth` rules in `text`. Never throws on any string. */
export function scan(text: string, filePath: string, options: ScanOptions = {}): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return scanRange(text, filePath, options, new LineIndex(text), 0, text.length);
}

export interface LineScanResult {
  /** The span actually re-scanned (inclusive, zero-based): the request widened by CONTEXT_RADIUS and over PEM blocks. */
  fromLine: number;
  toLine: number;
  /** Exactly the findings of scan(text) whose range starts on a line in [fromLine, toLine]. */
  findings: Finding[];
}

/**
 * Incremental re-scan for the language server.
 *
 * Contract: after an edit that changed lines [fromLine, toLine] of the NEW text, call
 * `scanLines(newText, path, fromLine, toLine, options)`. Keep the previous findings whose start line
 * lies outside the returned [fromLine, toLine] (shifted by the edit's line/offset delta), drop those
 * inside, add the returned `findings`. If `fileContextKey(newText, options)` differs from the key of
 * the previous version (an SDK import appeared or vanished), do a full `scan` instead. The merge then
 * equals `scan(newText)` (the test suite checks this on random edits).
 */
export function scanLines(text: string, filePath: string, fromLine: number, toLine: number, options: ScanOptions = {}): LineScanResult {
  const lines = new LineIndex(text);
  const last = lines.lineCount - 1;
  let from = Math.min(last, Math.max(0, Math.min(fromLine, toLine) - CONTEXT_RADIUS));
  let to = Math.min(last, Math.max(from, Math.max(fromLine, toLine) + CONTEXT_RADIUS));
  // A block that begins inside the span and ends below it swallows the lines down to its END (a
  // BEGIN typed above existing code): the span must reach that END, or what it swallows stays reported.
  const spanEnd = lines.lineEndWithBreak(to);
  for (let b = text.indexOf('-----BEGIN ', lines.starts[from]); b >= 0 && b < spanEnd; b = text.indexOf('-----BEGIN ', b + 11)) {
    const endAt = text.indexOf('-----END ', b);
    if (endAt >= spanEnd && endAt - b <= PEM_MAX_CHARS) to = Math.max(to, lines.lineOf(endAt));
  }
  // A private-key block that starts above the span and has no END before it may end inside it (or
  // may just have lost its END): its finding starts on its BEGIN line, so the span must reach it.
  const spanStart = lines.starts[from];
  for (const b of beginMarkersBefore(text, Math.max(0, spanStart - PEM_MAX_CHARS), spanStart)) {
    const endAt = text.indexOf('-----END ', b);
    if (endAt < 0 || endAt >= spanStart) {
      from = lines.lineOf(b);
      break;
    }
  }
  // Hits one line above the span too: a YAML `- name: KEY` line reports the value on the line below.
  const start = lines.starts[Math.max(0, from - 1)];
  const end = lines.lineEndWithBreak(to);
  const found = text.length ? scanRange(text, filePath, options, lines, start, end) : [];
  const findings = found.filter((f) => f.range.start.line >= from && f.range.start.line <= to);
  return { fromLine: from, toLine: to, findings };
}

/** File-level facts the findings depend on (SDK packages imported); a change means "rescan the whole file". */
export function fileContextKey(text: string, options: ScanOptions = {}): string {
  return importedProviders(text, engineConfig(options).providers)
    .map((p) => p.entry.id)
    .sort()
    .join(',');
}
