// Candidates -> findings: overlapping candidates merged (the most specific detector wins, the
// context it stood in is kept), context-only shapes checked, provider attributed, suppressions
// applied, then message, preview, fingerprint and ranges.
import { attribute, importedProviders, type CompiledProvider } from './attribution';
import type { Candidate } from './collect';
import type { EngineConfig } from './config';
import { envVarFromName } from './envvar';
import { paramFingerprint, secretFingerprint } from './fingerprint';
import type { LineIndex } from './lines';
import { maskedPrefixLength, maskSecret } from './mask';
import { isSuppressed } from './suppress';
import type { Finding, RuleId, ScanOptions, Severity, SeveritySetting } from './types';

export const ATTRIBUTION_RADIUS = 3;
const SNIPPET = 1000;
const CREDENTIAL_WORD = /key|token|secret|auth|bearer|pass|credential|pwd/i;

export interface FinalizeInput {
  text: string;
  lines: LineIndex;
  cfg: EngineConfig;
  path: string;
  options: ScanOptions;
  /** The user's valid settings per rule; undefined means default. */
  severities: Record<'hardcoded-key' | 'query-string-auth', SeveritySetting | undefined>;
}

export function finalize(input: FinalizeInput, cands: Candidate[]): Finding[] {
  const { text, lines, cfg } = input;
  let imported: CompiledProvider[] | undefined;
  const ignoreCache = new Map<number, string>();
  const importedOnce = () => (imported ??= importedProviders(text, cfg.providers));

  /**
   * The candidate's line, cut to a window when the line is long. The window is aligned to SNIPPET
   * buckets so that candidates near each other share it (and its cached attribution).
   */
  const snippetBounds = (c: Candidate): [number, number] => {
    const l = lines.lineOf(c.start);
    const bucket = Math.floor(c.start / SNIPPET) * SNIPPET;
    return [Math.max(lines.starts[l], bucket - SNIPPET), Math.min(lines.lineEnd(l), bucket + 2 * SNIPPET)];
  };
  const lineSnippet = (c: Candidate): string => {
    const [a, b] = snippetBounds(c);
    return text.slice(a, b);
  };
  const windowText = (c: Candidate): string => {
    const l = lines.lineOf(c.start);
    const parts: string[] = [];
    for (let k = Math.max(0, l - ATTRIBUTION_RADIUS); k <= Math.min(lines.lineCount - 1, l + ATTRIBUTION_RADIUS); k++) {
      if (k === l) parts.push(lineSnippet(c));
      else parts.push(text.slice(lines.starts[k], Math.min(lines.lineEnd(k), lines.starts[k] + 2 * SNIPPET)));
    }
    return parts.join('\n');
  };
  const attributionCache = new Map<string, ReturnType<typeof attribute>>();
  const attributionOf = (c: Candidate, name?: string) => {
    const key = `${snippetBounds(c)[0]}\0${name ?? ''}`;
    if (attributionCache.has(key)) return attributionCache.get(key);
    const a = attribute({ name, line: lineSnippet(c), window: windowText(c), imported: importedOnce() }, cfg.providers);
    attributionCache.set(key, a);
    return a;
  };

  // hardcoded-key: cluster overlapping spans, best detector first.
  const keys = cands.filter((c) => c.rule === 'hardcoded-key').sort((a, b) => a.start - b.start || b.priority - a.priority);
  const chosen: { best: Candidate; ctx?: Candidate; providerFromContext?: CompiledProvider }[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i + 1;
    let clusterEnd = keys[i].end;
    while (j < keys.length && keys[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, keys[j++].end);
    const cluster = keys.slice(i, j).sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start));
    i = j;
    const ctx = cluster.find((c) => c.priority === 1);
    for (const c of cluster) {
      const f = c.run?.format;
      // requiresContext formats with a validator check their provider context on the line themselves.
      if (f?.requiresContext && !f.validate && !ctx) {
        const snip = lineSnippet(c);
        const around = snip.replace(c.secret, ' ');
        if (!CREDENTIAL_WORD.test(around) && !attributionOf(c)) continue;
      }
      if (c.run?.needsProvider) {
        const a = attributionOf(c, ctx?.name);
        if (!a || a.provider.entry.id !== c.run.needsProvider) continue;
        chosen.push({ best: c, ctx, providerFromContext: a.provider });
        break;
      }
      chosen.push({ best: c, ctx: ctx && ctx !== c ? ctx : undefined });
      break;
    }
  }
  const queries = dedupeExact(cands.filter((c) => c.rule === 'query-string-auth'));

  const findings: Finding[] = [];
  for (const { best, ctx, providerFromContext } of chosen) {
    const f = keyFinding(best, ctx, providerFromContext);
    if (f) findings.push(f);
  }
  for (const q of queries) {
    const f = queryFinding(q);
    if (f) findings.push(f);
  }
  return findings.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));

  function severityOf(rule: 'hardcoded-key' | 'query-string-auth', formatDefault?: Severity): Severity | undefined {
    // The user's setting wins; otherwise a format's own default; otherwise warning.
    const s = input.severities[rule] ?? formatDefault ?? 'warning';
    return s === 'off' ? undefined : s;
  }

  function suppressed(rule: RuleId, c: Candidate): boolean {
    if (input.options.inlineSuppressions === false) return false;
    const l = lines.lineOf(c.start);
    return isSuppressed(rule, commentText(l), l > 0 ? commentText(l - 1) : undefined);
  }

  /**
   * The line's text when it mentions keyward-ignore, else '' (cached: a minified line holds many
   * candidates and the comment may be anywhere on it).
   */
  function commentText(l: number): string {
    let t = ignoreCache.get(l);
    if (t === undefined) {
      const line = text.slice(lines.starts[l], lines.lineEnd(l));
      t = line.includes('keyward-ignore') ? line : '';
      ignoreCache.set(l, t);
    }
    return t;
  }

  function keyFinding(c: Candidate, ctx: Candidate | undefined, providerFromContext: CompiledProvider | undefined): Finding | undefined {
    const format = c.run?.format;
    const severity = severityOf('hardcoded-key', format?.severity);
    if (!severity || suppressed('hardcoded-key', c)) return undefined;
    // The context the value stood in (for the fixes): the context candidate's when the literal holds the match.
    const where = ctx && (ctx.literalStart === undefined || (ctx.literalStart <= c.start && (ctx.literalEnd ?? 0) >= c.end)) ? ctx : c;
    const name = where.name ?? c.name;
    let provider: string | undefined;
    let providerName: string | undefined;
    let envVar: string | undefined;
    if (c.run?.provider) {
      const p = providerFromContext?.entry ?? c.run.provider;
      provider = p.id;
      providerName = p.name;
      envVar = p.envVars[0];
    } else if (format) {
      provider = format.provider;
      providerName = format.providerName;
      envVar = format.envVar;
    } else if (c.providerId && cfg.providers.some((p) => p.entry.id === c.providerId)) {
      const p = cfg.providers.find((x) => x.entry.id === c.providerId)!.entry;
      provider = p.id;
      providerName = p.name;
      envVar = p.envVars[0];
    } else if (c.kind !== 'private-key') {
      const a = attributionOf(c, name);
      if (a) {
        provider = a.provider.entry.id;
        providerName = a.provider.entry.name;
        envVar = a.provider.entry.envVars[0];
      }
    }
    if (!envVar) envVar = c.kind === 'private-key' ? 'PRIVATE_KEY' : envVarFromName(name);
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
      context: contextOf(where, name),
      preview: c.kind === 'private-key' ? `-----BEGIN… (${c.secret.length} chars)` : maskSecret(c.secret),
    };
    if (provider) finding.provider = provider;
    if (providerName) finding.providerName = providerName;
    if (format) finding.formatId = format.id;
    return finding;
  }

  function queryFinding(c: Candidate): Finding | undefined {
    const severity = severityOf('query-string-auth');
    if (!severity || suppressed('query-string-auth', c)) return undefined;
    const a = attributionOf(c);
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

  function contextOf(c: Candidate, name: string | undefined): Finding['context'] {
    const out: NonNullable<Finding['context']> = { kind: c.kind };
    if (name) out.name = name;
    if (c.quote) out.quote = c.quote;
    if (c.literalStart !== undefined && c.literalEnd !== undefined) {
      out.literalRange = { start: lines.position(c.literalStart), end: lines.position(c.literalEnd) };
      out.literalOffset = c.literalStart;
      out.literalLength = c.literalEnd - c.literalStart;
    }
    return out;
  }
}

function dedupeExact(cs: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${c.start}:${c.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** "AWS access key id (long-term AKIA, …)" -> "AWS access key id"; a bare provider name gets "API key". */
function formatLabel(description: string, providerName: string): string {
  const short = description.replace(/\s*\(.*$/, '').trim();
  return !short || short.toLowerCase() === providerName.toLowerCase() ? `${providerName} API key` : short;
}
