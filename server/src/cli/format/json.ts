// `--format json`: a stable, versioned document for scripts.
//
// Schema (version 1; fields are only ever added, never renamed or removed):
// {
//   "version": 1,
//   "tool": { "name": "keyward", "version": string },
//   "root": string,                      // absolute folder that every "path" is relative to
//   "findings": [{
//     "ruleId": "hardcoded-key" | "query-string-auth" | "env-not-ignored" | "env-tracked",
//     "severity": "error" | "warning" | "information" | "hint",
//     "path": string,                    // posix, relative to root
//     "line": number, "column": number,  // 1-based; columns count UTF-16 code units
//     "endLine": number, "endColumn": number,  // 1-based, end exclusive
//     "message": string,                 // never holds the whole secret
//     "fingerprint": string,             // what baselines store
//     "provider": string | null, "envVar": string | null, "format": string | null
//   }],
//   "skipped": [{ "path": string,
//                 "reason": "too-large" | "binary" | "not-a-file" | "unreadable" | "scan-error",
//                 "error"?: string }],          // unreadable (I/O error) and scan-error make the exit code 2
//   "summary": { "files": number, "bytes": number, "findings": number, "suppressed": number,
//                "failed": number,           // files that could not be read or scanned
//                "bySeverity": { "error": n, "warning": n, "information": n, "hint": n },
//                "durationMs": number }
// }
import { countBySeverity, isFailure, type ScanReport } from '../report';

export function formatJson(report: ScanReport, toolVersion: string): string {
  const doc = {
    version: 1,
    tool: { name: 'keyward', version: toolVersion },
    root: report.base,
    findings: report.findings.map(({ path, finding: f }) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      path,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      message: f.message,
      fingerprint: f.fingerprint,
      provider: f.provider ?? null,
      envVar: f.envVar ?? null,
      format: f.formatId ?? null,
    })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason, ...(s.error ? { error: s.error } : {}) })),
    summary: {
      files: report.files,
      bytes: report.bytes,
      findings: report.findings.length,
      suppressed: report.suppressed,
      failed: report.skipped.filter(isFailure).length,
      bySeverity: countBySeverity(report.findings),
      durationMs: Math.round(report.durationMs),
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
