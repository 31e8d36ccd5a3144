// The UI smoke test's exit code: it passes only when every planned step ran and passed, and
// nothing failed outside a step (a workbench that never loads is a failure, not "0 passing").
export interface SmokeTally {
  planned: number;
  passed: number;
  failed: number;
  /** An error thrown outside any step (setup, page load), if one was. */
  outside?: unknown;
}

export function smokeVerdict(t: SmokeTally): { code: 0 | 1; reason?: string } {
  if (t.outside !== undefined) return { code: 1, reason: `failed outside a step: ${(t.outside as Error)?.message ?? String(t.outside)}` };
  if (t.failed > 0) return { code: 1, reason: `${t.failed} of ${t.planned} steps failed` };
  if (t.planned === 0 || t.passed !== t.planned) return { code: 1, reason: `${t.passed} of ${t.planned} planned steps ran` };
  return { code: 0 };
}
