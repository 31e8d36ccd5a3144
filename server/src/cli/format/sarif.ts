// `--format sarif`: SARIF 2.1.0 for code-scanning UIs (GitHub, Azure DevOps, VS Code SARIF viewer).
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine/types';
import { HOMEPAGE, RULE_DOCS, ruleHelpUri } from '../rules';
import { isFailure, type ScanReport, type SkippedReason } from '../report';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** partialFingerprints key: our own fingerprint, versioned in case its recipe ever changes. */
const FINGERPRINT_KEY = 'keywardFingerprint/v1';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const SKIP_TEXT: Record<SkippedReason, string> = {
  'too-large': 'Skipped: larger than the size limit (raise --max-file-size to scan it).',
  binary: 'Skipped: binary file.',
  'not-a-file': 'Skipped: not a regular file.',
  unreadable: 'Not scanned: could not be read.',
  'scan-error': 'Not scanned: the scanner failed on this file.',
};

/** A relative posix path as a URI reference: each segment percent-encoded ("my file.ts" -> "my%20file.ts"). */
export function relativeUri(posixPath: string): string {
  return posixPath.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(report: ScanReport, toolVersion: string): string {
  const ruleIndex = new Map(RULE_DOCS.map((r, i) => [r.id, i] as const));
  const location = (path: string, region?: object) => ({
    physicalLocation: {
      artifactLocation: { uri: relativeUri(path), uriBaseId: SRCROOT },
      ...(region ? { region } : {}),
    },
  });
  let baseUri = pathToFileURL(report.base).href;
  if (!baseUri.endsWith('/')) baseUri += '/';

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyward',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: HOMEPAGE,
            rules: RULE_DOCS.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: { text: r.help, markdown: r.helpMarkdown },
              helpUri: ruleHelpUri(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['security', 'secrets'] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map(({ path, finding: f }) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            location(path, {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            }),
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
          ...(f.provider || f.envVar || f.formatId
            ? { properties: { provider: f.provider, envVar: f.envVar, format: f.formatId } }
            : {}),
        })),
        invocations: [
          {
            // A file that could not be read or scanned makes the run incomplete.
            executionSuccessful: !report.skipped.some(isFailure),
            toolExecutionNotifications: report.skipped.map((s) => ({
              level: isFailure(s) ? 'error' : 'note',
              message: { text: SKIP_TEXT[s.reason] + (s.error ? ` (${s.error})` : '') },
              locations: [location(s.path)],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
