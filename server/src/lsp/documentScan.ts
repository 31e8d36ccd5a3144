// Open documents: debounced, incremental where cheaper, never published for a stale version.
import { performance } from 'node:perf_hooks';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileContextKey, isExcluded, scan, scanLines } from '../engine';
import type { Finding, ScanOptions } from '../engine/types';
import type { EditTracker } from './incremental';
import type { Baseline, BaselineStore } from './baseline';
import { toDiagnostic, tooLargeDiagnostic } from './diagnostics';
import type { OpenDocuments } from './documents';
import type { Folders } from './folders';
import type { PriorityGate } from './priority';
import type { Publisher } from './publisher';
import { scanOptionsFor } from './scanOptions';
import { Scheduler } from './scheduler';
import type { KeywardSettings, SettingsStore } from './settings';

export interface ScanTiming {
  uri: string;
  version: number;
  mode: 'full' | 'incremental' | 'unchanged';
  /** Milliseconds spent in the engine and merging, excluding the debounce. */
  ms: number;
  /** Milliseconds from the change arriving to the publish, minus the configured debounce. */
  sinceChangeMs?: number;
  /** Wall-clock (epoch ms, sub-ms precision) when the change arrived and when diagnostics left. */
  changeAt?: number;
  publishAt?: number;
  lines: number;
  findings: number;
}

export interface DocumentScanDeps {
  docs: OpenDocuments;
  folders: Folders;
  settings: SettingsStore;
  publisher: Publisher;
  baseline: BaselineStore;
  /** Open-document scans count as interactive work (the workspace scan waits for them). */
  gate: PriorityGate;
  /** false = always re-read the whole text (benchmarks compare both). */
  incremental: boolean;
  onTiming?: (t: ScanTiming) => void;
  log: (message: string) => void;
}

interface Scanned {
  version: number;
  findings: Finding[];
}

/** Deterministic work counters (the `keyward/debug/counters` request reads them; tests count scans). */
export interface ScanCounters {
  /** Open-document passes that ran the engine (full, incremental or unchanged). */
  documentScans: number;
  /** Of those, passes a code action had to run because the document moved past the last scan. */
  scansForCodeActions: number;
}

/**
 * Scans a document using what the tracker knows: the whole text, only the edited lines plus a
 * margin, or nothing when nothing changed. Commits the result to the tracker.
 */
export function scanTracked(
  doc: TextDocument,
  tracker: EditTracker,
  options: ScanOptions,
  incremental = true,
): { findings: Finding[]; mode: ScanTiming['mode'] } {
  const text = doc.getText();
  const file = options.relativePath ?? '';
  const plan = incremental ? tracker.plan(doc.lineCount) : ({ full: true } as const);
  let findings: Finding[];
  let mode: ScanTiming['mode'];
  // An SDK import appearing or vanishing changes attribution anywhere in the file. Computing the
  // key reads the whole text, so it is skipped when no edit came near an SDK package name.
  const contextKey = plan.full || tracker.contextTouched || tracker.contextKey === undefined ? fileContextKey(text, options) : tracker.contextKey;
  if (plan.full || contextKey !== tracker.contextKey) {
    findings = scan(text, file, options);
    mode = 'full';
  } else if (plan.span) {
    // The engine's contract: it re-reads [fromLine, toLine] (the span widened by its context
    // radius and over PEM blocks); tracked findings starting inside it are replaced.
    const r = scanLines(text, file, plan.span.start, plan.span.end, options);
    const kept = plan.findings.filter((f) => f.range.start.line < r.fromLine || f.range.start.line > r.toLine);
    findings = [...kept, ...r.findings].sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
    mode = 'incremental';
  } else {
    findings = plan.findings;
    mode = 'unchanged';
  }
  tracker.commit(findings, contextKey);
  return { findings, mode };
}

function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export class DocumentScanner {
  private readonly scheduler = new Scheduler();
  /** Last scan per open document and version, before the baseline: the diagnostics pass fills it,
   *  code actions read it (one scan per version serves both). */
  private readonly scanned = new Map<string, Scanned>();
  readonly counters: ScanCounters = { documentScans: 0, scansForCodeActions: 0 };

  constructor(private readonly deps: DocumentScanDeps) {}

  /** Debounced scan after open/change. */
  async schedule(uri: string): Promise<void> {
    const settings = await this.deps.settings.get(this.deps.folders.folderFor(uri)?.uri);
    this.scheduler.schedule(uri, settings.debounceMs, (signal) => this.deps.gate.run(() => this.run(uri, signal)));
  }

  /** Scan at once (no debounce), e.g. after a settings change. */
  scanNow(uri: string): Promise<void> {
    this.scheduler.cancel(uri);
    const controller = new AbortController();
    return this.run(uri, controller.signal);
  }

  close(uri: string): void {
    this.scheduler.cancel(uri);
    this.scanned.delete(uri);
    this.deps.publisher.set(uri, 'doc', undefined);
  }

  async rescanAll(): Promise<void> {
    this.deps.docs.invalidateAll();
    await Promise.all(this.deps.docs.all().map((d) => this.scanNow(d.uri)));
  }

  /** Findings of the last scan when it was of `version`, else undefined (never scans). */
  cached(uri: string, version: number): Finding[] | undefined {
    const s = this.scanned.get(uri);
    return s && s.version === version ? s.findings : undefined;
  }

  /**
   * Findings for the document's current version: the diagnostics pass's result when it has run.
   * When the document moved on and its debounced pass is still pending, that pass runs now (and
   * publishes), so each version is still scanned once.
   */
  async current(uri: string): Promise<Finding[] | undefined> {
    const doc = this.deps.docs.get(uri);
    if (!doc) return undefined;
    const hit = this.cached(uri, doc.version);
    if (hit) return hit;
    this.counters.scansForCodeActions++;
    await this.scanNow(uri);
    return this.cached(uri, doc.version);
  }

  private async run(uri: string, signal: AbortSignal): Promise<void> {
    const folder = this.deps.folders.folderFor(uri);
    const settings = await this.deps.settings.get(folder?.uri);
    const baseline = folder ? await this.deps.baseline.get(folder) : undefined;
    if (signal.aborted) return;
    const doc = this.deps.docs.get(uri);
    if (!doc) return;
    // From here on everything is synchronous: the version read now is the one published.
    try {
      this.scanSync(doc, settings, baseline);
    } catch (err) {
      this.deps.log(`scan failed for ${uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private scanSync(doc: TextDocument, settings: KeywardSettings, baseline: Baseline | undefined): void {
    const { uri, version } = doc;
    const tracker = this.deps.docs.tracker(uri);
    if (!settings.enable) {
      tracker.invalidate();
      this.scanned.set(uri, { version, findings: [] });
      this.deps.publisher.set(uri, 'doc', [], version);
      return;
    }
    const relativePath = this.deps.folders.relativePath(uri);
    // An excluded file shows nothing even while open (fixtures, vendored code).
    if (this.deps.folders.folderFor(uri) && isExcluded(relativePath, settings.exclude)) {
      tracker.invalidate();
      this.scanned.set(uri, { version, findings: [] });
      this.deps.publisher.set(uri, 'doc', [], version);
      return;
    }
    const text = doc.getText();
    if (text.length > settings.maxFileSizeKB * 1024) {
      tracker.invalidate();
      this.scanned.set(uri, { version, findings: [] });
      this.deps.publisher.set(uri, 'doc', [tooLargeDiagnostic(Buffer.byteLength(text), settings.maxFileSizeKB)], version);
      return;
    }
    if (looksBinary(text)) {
      tracker.invalidate();
      this.scanned.set(uri, { version, findings: [] });
      this.deps.publisher.set(uri, 'doc', [], version);
      return;
    }
    const started = performance.now();
    const options = scanOptionsFor(settings, relativePath, doc.languageId);
    const { findings, mode } = scanTracked(doc, tracker, options, this.deps.incremental);
    this.counters.documentScans++;
    this.scanned.set(uri, { version, findings });
    const shown = this.deps.baseline.filter(findings, baseline).filter((f) => settings.severities[f.ruleId] !== 'off');
    this.deps.publisher.set(uri, 'doc', shown.map((f) => toDiagnostic(f, version)), version);
    const now = performance.now();
    const changed = this.deps.docs.changedAt.get(uri);
    this.deps.onTiming?.({
      uri,
      version,
      mode,
      ms: now - started,
      sinceChangeMs: changed === undefined ? undefined : now - changed - settings.debounceMs,
      changeAt: changed === undefined ? undefined : performance.timeOrigin + changed,
      publishAt: performance.timeOrigin + now,
      lines: doc.lineCount,
      findings: findings.length,
    });
  }
}
