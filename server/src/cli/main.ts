// `keyward scan`: parse, walk + scan, .env checks, baseline, report, exit code.
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { version as TOOL_VERSION } from '../../../package.json';
import { cliConfig } from '../config/cliConfig';
import { mergeProviders, type ProviderEntry } from '../../../shared/providers';
import { parseCommand, USAGE, type ScanCommand } from './args';
import { newFingerprintSalt } from '../engine';
import { loadBaseline, outgoingFingerprints, peekBaseline, saveBaseline } from './baseline';
import { envChecks } from './envChecks';
import { CliError, describeIoError, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from './errors';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { Progress, type ProgressSink } from './progress';
import { isFailure, sortFindings, type ScanReport, type SkippedFile } from './report';
import { terminalSafe } from './terminalText';
import { resolveRoots } from './roots';
import { scanFiles, type FileScanResult } from './scanFiles';

export { TOOL_VERSION };

/** The baseline the editor keeps in each folder; its salt keys the CLI's fingerprints too. */
const BASELINE_FILE = '.keyward-baseline.json';

/** Failed files named on stderr; the report lists them all. */
const MAX_FAILED_NAMED = 20;

export interface CliIO {
  stdout: { write(chunk: string): boolean };
  stderr: ProgressSink;
  cwd: string;
  signal?: AbortSignal;
  /** The scan pool's worker script (dist/scanWorker.js); without it everything runs on one thread. */
  workerEntry?: string;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    if (cmd.kind === 'help') {
      io.stdout.write(USAGE);
      return EXIT_CLEAN;
    }
    if (cmd.kind === 'version') {
      io.stdout.write(`${TOOL_VERSION}\n`);
      return EXIT_CLEAN;
    }
    return await runScan(cmd, io);
  } catch (err) {
    // Messages quote paths and names from the command line and the repository: terminal-safe.
    if (err instanceof CliError) {
      io.stderr.write(`keyward: ${terminalSafe(err.message)}\n${err.hint ? `  ${terminalSafe(err.hint)}\n` : ''}`);
      return EXIT_ERROR;
    }
    if (io.signal?.aborted) return EXIT_ERROR;
    // Unexpected: still one clear line, and where to report it.
    const stack = String((err as Error)?.stack ?? err).split('\n').map(terminalSafe).join('\n');
    io.stderr.write(`keyward: internal error: ${stack}\n  please report it with the command you ran\n`);
    return EXIT_ERROR;
  }
}

async function runScan(cmd: ScanCommand, io: CliIO): Promise<number> {
  const started = performance.now();
  const { roots, base } = await resolveRoots(cmd.paths, io.cwd);
  const repo = await repoSettings(cmd, io, base);
  cmd = repo.cmd;
  // Read the baseline before the scan: a broken one should fail fast, not after minutes.
  const baseline = cmd.baseline ? await loadBaseline(path.resolve(io.cwd, cmd.baseline)) : undefined;
  const writeTarget = cmd.writeBaseline ? path.resolve(io.cwd, cmd.writeBaseline) : undefined;
  const salt = await fingerprintSalt(baseline?.parsed.salt, writeTarget, base);

  const files = await scanTree(cmd, io, roots, base, repo);
  const envFound = await envChecks(roots, base, { exclude: cmd.exclude, severities: cmd.severities, signal: io.signal });

  const all = sortFindings([...files.findings, ...envFound]);
  const kept = baseline ? baseline.filter(all) : all;
  // Fingerprints only leave in JSON and SARIF: the text report never pays for the slow KDF.
  const shown = cmd.format === 'text' ? kept : await outgoingFingerprints(kept, salt);
  const report: ScanReport = {
    base,
    findings: shown,
    skipped: files.skipped,
    files: files.files,
    bytes: files.bytes,
    suppressed: all.length - shown.length,
    durationMs: performance.now() - started,
    maxFileSizeBytes: cmd.maxFileSizeKB * 1024,
  };

  // Everything current, baselined or not, so a rewrite never drops accepted findings.
  if (writeTarget) await saveBaseline(writeTarget, all, salt as string);
  await writeReport(cmd, io, report);
  if (cmd.writeBaseline) io.stderr.write(`keyward: wrote ${all.length} finding(s) to the baseline ${terminalSafe(cmd.writeBaseline)}\n`);
  if (tellFailures(files.skipped, io)) return EXIT_ERROR;
  if (cmd.writeBaseline) return EXIT_CLEAN;
  return shown.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

interface RepoSettings {
  /** The command with the repository config under its flags (flags > .keyward.json > defaults). */
  cmd: ScanCommand;
  extraKeyNames: string[];
  customProviders: ProviderEntry[];
}

async function repoSettings(cmd: ScanCommand, io: CliIO, base: string): Promise<RepoSettings> {
  const repo = await cliConfig({ file: cmd.config, none: cmd.noConfig, cwd: io.cwd, base, display: (abs) => displayPath(abs, io.cwd) });
  for (const w of repo.warnings) io.stderr.write(`keyward: warning: ${w}\n`);
  if (repo.errors) throw new CliError(`invalid repository configuration ${repo.file}:\n  ${repo.errors.join('\n  ')}`, 'fix it, or run with --no-config');
  if (repo.file) io.stderr.write(`keyward: using the repository configuration ${repo.file}\n`);
  return {
    cmd: { ...cmd, severities: { ...repo.options.severities, ...cmd.severities }, exclude: [...repo.options.exclude, ...cmd.exclude] },
    extraKeyNames: repo.options.extraKeyNames,
    customProviders: mergeProviders(repo.options.customProviders).filter((p) => p.custom),
  };
}

/** The salt that keys outgoing fingerprints: the first baseline that has one (the one in use, the
 *  one being rewritten, the editor's in the scanned folder); a new baseline gets a new one. */
async function fingerprintSalt(inUse: string | undefined, writeTarget: string | undefined, base: string): Promise<string | undefined> {
  const salt = inUse ?? (writeTarget ? (await peekBaseline(writeTarget))?.salt : undefined) ?? (await peekBaseline(path.join(base, BASELINE_FILE)))?.salt;
  return !salt && writeTarget ? newFingerprintSalt() : salt;
}

async function scanTree(cmd: ScanCommand, io: CliIO, roots: { abs: string }[], base: string, repo: RepoSettings): Promise<FileScanResult> {
  const progress = new Progress(io.stderr);
  try {
    return await scanFiles({
      roots: roots.map((r) => r.abs),
      base,
      exclude: cmd.exclude,
      // A report or baseline left in the tree by an earlier run is ours, not the user's code.
      ownFiles: [cmd.output, cmd.baseline, cmd.writeBaseline].filter((f): f is string => !!f).map((f) => path.resolve(io.cwd, f)),
      maxFileSizeBytes: cmd.maxFileSizeKB * 1024,
      respectGitignore: cmd.gitignore,
      severities: cmd.severities,
      extraKeyNames: repo.extraKeyNames,
      customProviders: repo.customProviders,
      signal: io.signal,
      onFiles: (n, bytes) => progress.add(n, bytes),
      workerEntry: io.workerEntry,
      jobs: cmd.jobs,
      onWarning: (m) => io.stderr.write(`keyward: warning: ${terminalSafe(m)}\n`),
    });
  } finally {
    progress.end();
  }
}

async function writeReport(cmd: ScanCommand, io: CliIO, report: ScanReport): Promise<void> {
  const body =
    cmd.format === 'json'
      ? formatJson(report, TOOL_VERSION)
      : cmd.format === 'sarif'
        ? formatSarif(report, TOOL_VERSION)
        : formatText(report, (abs) => displayPath(abs, io.cwd));
  if (!cmd.output) {
    io.stdout.write(body);
    return;
  }
  try {
    await writeFile(path.resolve(io.cwd, cmd.output), body);
  } catch (err) {
    throw new CliError(`cannot write the report to '${cmd.output}': ${describeIoError(err)}`, 'check that its folder exists and is writable');
  }
}

/** Fail closed: a file the scan could not read or scan may hold a key, so the run is an error
 *  whatever else it found, and stderr names the files whatever the format (a CI log shows it). */
function tellFailures(skipped: SkippedFile[], io: CliIO): boolean {
  const failed = skipped.filter(isFailure);
  if (failed.length === 0) return false;
  const shownNames = failed.slice(0, MAX_FAILED_NAMED).map((s) => `  ${terminalSafe(displayPath(s.abs, io.cwd))}: ${s.reason === 'scan-error' ? 'scanner error' : 'could not be read'}${s.error ? ` (${terminalSafe(s.error)})` : ''}\n`);
  const more = failed.length > MAX_FAILED_NAMED ? `  … and ${failed.length - MAX_FAILED_NAMED} more (see the report)\n` : '';
  io.stderr.write(`keyward: error: ${failed.length} file(s) could not be scanned, so the scan is incomplete:\n${shownNames.join('')}${more}`);
  return true;
}

/** Relative to the current folder when below it (clickable in terminals), absolute otherwise. */
function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}
