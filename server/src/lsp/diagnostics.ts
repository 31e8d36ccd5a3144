// Findings become LSP diagnostics. `data` travels over the wire and into client logs, so it holds
// where the secret is (offsets) and what the fixes need, never the secret itself.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { RULE_IDS as ENGINE_RULE_IDS, type Finding, type RuleId as EngineRuleId, type Severity } from '../engine/types';
import { FILE_TOO_LARGE, keywardData, RULE_IDS, SOURCE, type DiagnosticData, type RuleId } from '../../../shared/protocol';

export { FILE_TOO_LARGE, SOURCE, type DiagnosticData };
export const RULE_DOCS_BASE = 'https://github.com/keyward/keyward#rule-';

// The engine's rule ids and the wire's are one list: either growing alone fails to compile here.
const _wireHasEngine: readonly RuleId[] = ENGINE_RULE_IDS;
const _engineHasWire: readonly EngineRuleId[] = RULE_IDS;
void _wireHasEngine;
void _engineHasWire;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function ruleDocsUrl(ruleId: string): string {
  return RULE_DOCS_BASE + ruleId;
}

export function toDiagnosticData(f: Finding, version: number | undefined): DiagnosticData {
  const c = f.context;
  return {
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    version,
    offset: f.offset,
    length: f.length,
    provider: f.provider,
    envVar: f.envVar,
    formatId: f.formatId,
    param: f.param,
    valueIsLiteral: f.valueIsLiteral,
    context: c && { kind: c.kind, name: c.name, quote: c.quote, literalOffset: c.literalOffset, literalLength: c.literalLength },
  };
}

export function toDiagnostic(f: Finding, version: number | undefined): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    message: f.message,
    data: toDiagnosticData(f, version),
  };
}

export function isKeywardDiagnostic(d: Diagnostic): d is Diagnostic & { data: DiagnosticData } {
  return !!keywardData(d);
}

/** One information diagnostic on line 0 instead of a scan that could stall the server. */
export function tooLargeDiagnostic(sizeBytes: number, capKB: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: FILE_TOO_LARGE,
    message: `keyward did not check this file: ${Math.round(sizeBytes / 1024)} KB is over keyward.maxFileSizeKB (${capKB} KB).`,
  };
}
