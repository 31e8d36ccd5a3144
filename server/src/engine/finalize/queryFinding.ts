// A query-string-auth finding: the parameter, the header the provider expects instead, and a
// fingerprint of the parameter and its surroundings (the value may be a variable).
import type { Candidate } from '../candidate';
import { paramFingerprint } from '../fingerprint';
import { maskSecret } from '../mask';
import type { Finding } from '../types';
import type { FinalizeInput } from './input';
import type { SeverityGate } from './severityGate';
import type { WindowAttribution } from './windowAttribution';

export function queryFinding(input: FinalizeInput, gate: SeverityGate, attribution: WindowAttribution, c: Candidate): Finding | undefined {
  const severity = gate.severity('query-string-auth', c);
  if (!severity) return undefined;
  const { text, lines } = input;
  const a = attribution.of(c);
  const p = a?.provider.entry;
  const how = p ? (p.auth.style === 'bearer' ? `${p.name} expects an Authorization: Bearer header` : `${p.name} expects the ${p.auth.header ?? 'X-API-Key'} header`) : 'send it in a header';
  const l = lines.lineOf(c.start);
  const lineForHash = text.slice(Math.max(lines.starts[l], c.start - 200), Math.min(lines.lineEnd(l), c.end + 200));
  const finding: Finding = {
    ruleId: 'query-string-auth',
    severity,
    message: `Credential in the URL query parameter "${c.param}": URLs end up in server logs, proxies and browser history; ${how}`,
    range: { start: lines.position(c.start), end: lines.position(c.end) },
    offset: c.start,
    length: c.end - c.start,
    fingerprint: paramFingerprint('query-string-auth', input.path, c.param ?? '', lineForHash),
    context: { kind: c.kind, name: c.param },
    param: c.param,
    valueIsLiteral: !!c.valueIsLiteral,
  };
  if (p) {
    finding.provider = p.id;
    finding.providerName = p.name;
    finding.envVar = p.envVars[0];
  }
  if (c.valueIsLiteral && c.secret) finding.preview = maskSecret(c.secret);
  return finding;
}

/** Query candidates with the same span are one (a URL read by two credential words). */
export function dedupeExact(cs: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${c.start}:${c.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
