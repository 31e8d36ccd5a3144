// Findings become LSP diagnostics. `data` travels over the wire and into client logs, so it holds
// where the secret is (offsets) and what the fixes need, never the secret itself.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { ContextKind, Finding, RuleId, Severity } from '../engine/types';

export const SOURCE = 'keyward';
export const RULE_DOCS_BASE = 'https://github.com/keyward/keyward#rule-';

/** Code of the information diagnostic on an open file that is too large to scan. */
export const FILE_TOO_LARGE = 'file-too-large';

export interface DiagnosticData {
  ruleId: RuleId;
  fingerprint: string;
  /** Document version the offsets belong to (undefined for files read from disk). */
  version?: number;
  offset: number;
  length: number;
  provider?: string;
  envVar?: string;
  formatId?: string;
  param?: string;
  valueIsLiteral?: boolean;
  /** env rules: absolute path of the .env file the diagnostic is about (a path, not contents). */
  envFile?: string;
  context?: {
    kind: ContextKind;
    name?: string;
    quote?: string;
    literalOffset?: number;
    literalLength?: number;
  };
}

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
  const data = d.data as Partial<DiagnosticData> | undefined;
  return d.source === SOURCE && !!data && typeof data.fingerprint === 'string' && typeof data.offset === 'number';
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
