// `--format text`: one line per finding, `path:line:col  severity  rule  message`, grouped by
// file, then skipped files and a summary line. Paths are shown as given by `displayPath`; every
// piece of text that comes from the repository (paths, messages, errors) is terminal-safe.
import { countBySeverity, isFailure, SEVERITY_ORDER, type ScanReport, type SkippedReason } from '../report';
import { terminalSafe } from '../terminalText';

/** Skipped files listed one by one up to this many; beyond it only the counts. */
const MAX_SKIPPED_LISTED = 20;

export function formatText(report: ScanReport, displayPath: (abs: string) => string): string {
  const out: string[] = [];
  const rows = report.findings.map(({ abs, finding: f }) => ({
    file: abs,
    loc: `${terminalSafe(displayPath(abs))}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
    severity: f.severity,
    rule: f.ruleId,
    message: terminalSafe(f.message),
  }));
  const locWidth = Math.max(0, ...rows.map((r) => r.loc.length));
  const sevWidth = Math.max(0, ...rows.map((r) => r.severity.length));
  const ruleWidth = Math.max(0, ...rows.map((r) => r.rule.length));
  let lastFile: string | undefined;
  for (const r of rows) {
    if (lastFile !== undefined && r.file !== lastFile) out.push('');
    lastFile = r.file;
    out.push(`${r.loc.padEnd(locWidth)}  ${r.severity.padEnd(sevWidth)}  ${r.rule.padEnd(ruleWidth)}  ${r.message}`);
  }

  if (report.skipped.length > 0) {
    if (out.length) out.push('');
    const kb = Math.round(report.maxFileSizeBytes / 1024);
    const why: Record<SkippedReason, string> = {
      'too-large': `larger than ${kb} KB`,
      binary: 'binary',
      'not-a-file': 'not a regular file',
      unreadable: 'could not be read',
      'scan-error': 'scanner error',
    };
    const counts: Record<SkippedReason, number> = { 'too-large': 0, binary: 0, 'not-a-file': 0, unreadable: 0, 'scan-error': 0 };
    for (const s of report.skipped) counts[s.reason]++;
    const parts = (Object.keys(counts) as SkippedReason[]).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${why[k]}`);
    const failed = counts.unreadable + counts['scan-error'];
    // Failures make the scan incomplete: they are an error, not a note, and are always listed.
    out.push(`${failed ? 'error' : 'note'}: skipped ${plural(report.skipped.length, 'file')} (${parts.join(', ')})`);
    const listed = report.skipped.length <= MAX_SKIPPED_LISTED ? report.skipped : report.skipped.filter(isFailure);
    for (const s of listed) out.push(`  ${terminalSafe(displayPath(s.abs))}  ${why[s.reason]}${s.error ? ` (${terminalSafe(s.error)})` : ''}`);
    if (counts['too-large'] > 0) out.push('  raise --max-file-size (KB) to scan the large ones');
  }

  if (out.length) out.push('');
  out.push(summaryLine(report));
  return out.join('\n') + '\n';
}

function summaryLine(report: ScanReport): string {
  const n = report.findings.length;
  const files = new Set(report.findings.map((f) => f.abs)).size;
  const counts = countBySeverity(report.findings);
  const bySev = SEVERITY_ORDER.filter((s) => counts[s] > 0).map((s) => plural(counts[s], s === 'information' ? 'info' : s, s === 'information' ? 'info' : undefined));
  const head = n === 0 ? 'no findings' : `${plural(n, 'finding')} (${bySev.join(', ')}) in ${plural(files, 'file')}`;
  const suppressed = report.suppressed > 0 ? `, ${report.suppressed} in baseline` : '';
  return `${head}${suppressed}; scanned ${plural(report.files, 'file')} (${formatBytes(report.bytes)}) in ${(report.durationMs / 1000).toFixed(2)} s`;
}

export function plural(n: number, word: string, pluralWord?: string): string {
  return `${n} ${n === 1 ? word : (pluralWord ?? word + 's')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
