// Candidates -> findings: overlapping candidates merged (the most specific detector wins, the
// context it stood in is kept), context-only shapes checked, provider attributed, suppressions
// applied, then message, preview, fingerprint and ranges.
//
// The parts, one job each: clusters (merge overlaps), windowAttribution (provider from the text
// around), severityGate (level and suppressions), keyFinding and queryFinding (the findings).
import type { Candidate } from '../candidate';
import type { Finding } from '../types';
import { chooseKeys } from './clusters';
import type { FinalizeInput } from './input';
import { keyFinding } from './keyFinding';
import { dedupeExact, queryFinding } from './queryFinding';
import { SeverityGate } from './severityGate';
import { WindowAttribution } from './windowAttribution';

export type { FinalizeInput } from './input';
export { ATTRIBUTION_RADIUS } from './windowAttribution';

export function finalize(input: FinalizeInput, cands: Candidate[]): Finding[] {
  const attribution = new WindowAttribution(input.text, input.lines, input.cfg);
  const gate = new SeverityGate(input);
  const chosen = chooseKeys(cands, attribution);
  const queries = dedupeExact(cands.filter((c) => c.rule === 'query-string-auth'));
  const findings: Finding[] = [];
  for (const ch of chosen) {
    const f = keyFinding(input, gate, attribution, ch);
    if (f) findings.push(f);
  }
  for (const q of queries) {
    const f = queryFinding(input, gate, attribution, q);
    if (f) findings.push(f);
  }
  return findings.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
}
