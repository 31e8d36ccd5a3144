// A hardcoded-key finding: who the key belongs to (the detector's own provider, the format's, the
// SDK's, or the text around it), where to move it, a message that never shows it whole, and the
// context the fixes need (the literal it stands in, the name it was assigned to).
import type { CompiledProvider } from '../attribution';
import type { Candidate } from '../candidate';
import { envVarFromName } from '../envvar';
import { secretFingerprint } from '../fingerprint';
import { maskedPrefixLength, maskSecret } from '../mask';
import type { Finding } from '../types';
import type { Chosen } from './clusters';
import type { FinalizeInput } from './input';
import type { SeverityGate } from './severityGate';
import type { WindowAttribution } from './windowAttribution';

interface Owner {
  provider?: string;
  providerName?: string;
  envVar?: string;
}

export function keyFinding(input: FinalizeInput, gate: SeverityGate, attribution: WindowAttribution, { best: c, ctx, providerFromContext }: Chosen): Finding | undefined {
  const format = c.run?.format;
  const severity = gate.severity('hardcoded-key', c, format?.severity);
  if (!severity) return undefined;
  const lines = input.lines;
  // The context the value stood in (for the fixes): the context candidate's when the literal holds the match.
  const where = ctx && (ctx.literalStart === undefined || (ctx.literalStart <= c.start && (ctx.literalEnd ?? 0) >= c.end)) ? ctx : c;
  const name = where.name ?? c.name;
  const { provider, providerName, envVar: ownerEnvVar } = ownerOf(input, attribution, c, name, providerFromContext);
  const envVar = ownerEnvVar || (c.kind === 'private-key' ? 'PRIVATE_KEY' : envVarFromName(name));
  const what =
    c.kind === 'private-key'
      ? `private key${c.pemLabel ? ` (${c.pemLabel})` : ''}`
      : format && !c.run?.provider
        ? formatLabel(format.description, format.providerName)
        : providerName
          ? `${providerName} API key`
          : where.kind === 'header'
            ? `credential in the ${name} header`
            : `secret in ${name ?? 'a credential position'}`;
  const prefix = c.kind === 'private-key' ? '' : c.secret.slice(0, maskedPrefixLength(c.secret));
  const shown = c.kind === 'private-key' ? `${c.secret.length} chars` : `${prefix}…, ${c.secret.length} chars`;
  const advice = c.kind === 'private-key' ? 'keep it in a file outside the repository or in a secret store' : `move it to ${envVar}`;
  const finding: Finding = {
    ruleId: 'hardcoded-key',
    severity,
    message: `Hardcoded ${what} (${shown}): ${advice}`,
    range: { start: lines.position(c.start), end: lines.position(c.end) },
    offset: c.start,
    length: c.end - c.start,
    fingerprint: secretFingerprint('hardcoded-key', input.path, c.secret),
    envVar,
    context: contextOf(input, where, name),
    preview: c.kind === 'private-key' ? `-----BEGIN… (${c.secret.length} chars)` : maskSecret(c.secret),
  };
  if (provider) finding.provider = provider;
  if (providerName) finding.providerName = providerName;
  if (format) finding.formatId = format.id;
  return finding;
}

/** The key's provider: the provider shape's (or its context's), the format's, the SDK constructor's, or the surroundings'. */
function ownerOf(input: FinalizeInput, attribution: WindowAttribution, c: Candidate, name: string | undefined, providerFromContext: CompiledProvider | undefined): Owner {
  const format = c.run?.format;
  if (c.run?.provider) {
    const p = providerFromContext?.entry ?? c.run.provider;
    return { provider: p.id, providerName: p.name, envVar: p.envVars[0] };
  }
  if (format) return { provider: format.provider, providerName: format.providerName, envVar: format.envVar };
  const providers = input.cfg.providers;
  if (c.providerId && providers.some((p) => p.entry.id === c.providerId)) {
    const p = providers.find((x) => x.entry.id === c.providerId)!.entry;
    return { provider: p.id, providerName: p.name, envVar: p.envVars[0] };
  }
  if (c.kind !== 'private-key') {
    const a = attribution.of(c, name);
    if (a) return { provider: a.provider.entry.id, providerName: a.provider.entry.name, envVar: a.provider.entry.envVars[0] };
  }
  return {};
}

function contextOf(input: FinalizeInput, c: Candidate, name: string | undefined): Finding['context'] {
  const out: NonNullable<Finding['context']> = { kind: c.kind };
  if (name) out.name = name;
  if (c.quote) out.quote = c.quote;
  if (c.literalStart !== undefined && c.literalEnd !== undefined) {
    out.literalRange = { start: input.lines.position(c.literalStart), end: input.lines.position(c.literalEnd) };
    out.literalOffset = c.literalStart;
    out.literalLength = c.literalEnd - c.literalStart;
  }
  return out;
}

/** "AWS access key id (long-term AKIA, …)" -> "AWS access key id"; a bare provider name gets "API key". */
function formatLabel(description: string, providerName: string): string {
  const short = description.replace(/\s*\(.*$/, '').trim();
  return !short || short.toLowerCase() === providerName.toLowerCase() ? `${providerName} API key` : short;
}
