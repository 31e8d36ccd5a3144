// Command line -> ScanCommand, or a CliError saying what was wrong. No I/O here.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { RULE_IDS, type RuleId, type SeveritySetting } from '../engine/types';
import { CliError } from './errors';

export type OutputFormat = 'text' | 'json' | 'sarif';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const LEVELS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
/** Same default as the keyward.maxFileSizeKB setting. */
export const DEFAULT_MAX_FILE_SIZE_KB = 1024;
/** 1 GB: a file is read whole into memory, so a typo like 1e12 must not be accepted. */
const MAX_FILE_SIZE_LIMIT_KB = 1024 * 1024;
/** One worker per core, up to a point: past it the walk and reads on the main thread are the limit. */
const DEFAULT_JOBS = Math.max(1, Math.min(availableParallelism(), 8));

export interface ScanCommand {
  kind: 'scan';
  paths: string[];
  format: OutputFormat;
  output?: string;
  baseline?: string;
  writeBaseline?: string;
  exclude: string[];
  maxFileSizeKB: number;
  gitignore: boolean;
  severities: Partial<Record<RuleId, SeveritySetting>>;
  /** Worker threads scanning files; 1 scans on the main thread. */
  jobs: number;
  /** `--config FILE`: the repository config to use instead of the one found at the scan root. */
  config?: string;
  /** `--no-config`: ignore any repository config. */
  noConfig: boolean;
}
export type Command = ScanCommand | { kind: 'help' } | { kind: 'version' };

/** A parsed option's raw value: a string, a flag, a repeatable option's strings, or absent. */
type Raw = string | boolean | (string | boolean)[] | undefined;

/** One command-line option: how parseArgs reads it, how the help shows it, what it sets. */
interface OptionSpec {
  name: string;
  short?: string;
  /** The value's placeholder in the help; an option without one is a flag. */
  value?: string;
  multiple?: true;
  /** Help text, one entry per line. */
  help: string[];
  /** Sets the option's part of the scan command from its raw value (undefined when absent);
   *  throws a CliError saying what is wrong with it. */
  apply?: (cmd: ScanCommand, raw: Raw) => void;
}

/** Every option, in the help's order: the parser, the help and the checks all read this table. */
const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: '<text|json|sarif>', help: ['output format (default: text)'], apply: (c, raw) => (c.format = readFormat(raw as string | undefined)) },
  { name: 'output', short: 'o', value: '<file>', help: ['write the report to a file instead of stdout'], apply: (c, raw) => (c.output = raw as string | undefined) },
  { name: 'baseline', value: '<file>', help: ['do not report findings listed in this baseline'], apply: (c, raw) => (c.baseline = raw as string | undefined) },
  { name: 'write-baseline', value: '<file>', help: ['write every current finding to a baseline file, exit 0'], apply: (c, raw) => (c.writeBaseline = raw as string | undefined) },
  { name: 'exclude', value: '<glob>', multiple: true, help: ['skip matching files or folders (repeatable, minimatch)'], apply: (c, raw) => (c.exclude = (raw as string[] | undefined) ?? []) },
  { name: 'max-file-size', value: '<KB>', help: [`skip larger files (default: ${DEFAULT_MAX_FILE_SIZE_KB})`], apply: (c, raw) => (c.maxFileSizeKB = readMaxFileSize(raw as string | undefined)) },
  { name: 'no-gitignore', help: ['also scan files that .gitignore excludes'], apply: (c, raw) => (c.gitignore = !raw) },
  {
    name: 'severity',
    value: '<rule>=<level>',
    multiple: true,
    help: [`${LEVELS.join('|')} (repeatable), rules:`, RULE_IDS.join(', ')],
    apply: (c, raw) => (c.severities = readSeverities((raw as string[] | undefined) ?? [])),
  },
  { name: 'config', value: '<file>', help: ['repository config to use (default: .keyward.json or', '.keyward.jsonc at the scan root, else at the git root)'], apply: (c, raw) => (c.config = raw as string | undefined) },
  { name: 'no-config', help: ['ignore the repository config'], apply: (c, raw) => (c.noConfig = !!raw) },
  { name: 'jobs', short: 'j', value: '<n>', help: [`files scanned in parallel (default: one per core, ${DEFAULT_JOBS} here)`], apply: (c, raw) => (c.jobs = readJobs(raw as string | undefined)) },
  { name: 'help', short: 'h', help: ['show this help'] },
  { name: 'version', short: 'v', help: ['show the version'] },
];

/** Options whose value may not be empty: each names a file. */
const FILE_OPTIONS = ['output', 'baseline', 'write-baseline', 'config'];

/** The help's left column, then its text. */
const HELP_COLUMN = 34;

function optionHelp(o: OptionSpec): string {
  const left = `  ${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
  return o.help.map((line, i) => `${(i === 0 ? left : '').padEnd(HELP_COLUMN)}${line}\n`).join('');
}

export const USAGE = `Usage: keyward scan [paths...] [options]

Finds hardcoded API keys, credentials in URL query strings, and .env files that git
does not ignore or already tracks. Paths default to the current folder.

Options:
${OPTIONS.map(optionHelp).join('')}
Exit status: 0 no findings, 1 findings, 2 usage or I/O error.
`;

/** Options that take a value, long and short names. */
const VALUE_OPTIONS = new Set(OPTIONS.filter((o) => o.value).flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]));

/** parseArgs' view of the table. */
const PARSE_OPTIONS = Object.fromEntries(
  OPTIONS.map((o) => [o.name, { type: o.value ? 'string' : 'boolean', ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }) }] as const),
);

/**
 * `--max-file-size -5` as `--max-file-size=-5`: parseArgs would call a dash-led value ambiguous;
 * a negative number is a value, and the option's own check then says what is wrong with it.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return out.concat(argv.slice(i));
    if (VALUE_OPTIONS.has(argv[i]) && i + 1 < argv.length && /^-\d/.test(argv[i + 1])) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

function parseRaw(argv: string[]): { values: Record<string, Raw>; positionals: string[] } {
  try {
    return parseArgs({ args: joinNegativeValues(argv), allowPositionals: true, strict: true, options: PARSE_OPTIONS });
  } catch (err) {
    // parseArgs says e.g. "Unknown option '--foo'": pass that on with a pointer to the help.
    const e = err as Error & { code?: string };
    const ambiguous = /^Option '(-[^ ',]+)(?:, (-[^ ',]+))?/.exec(e.message);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && ambiguous) {
      // "--output -x": a missing value, or a value that starts with a dash.
      const flag = ambiguous[2] ?? ambiguous[1];
      throw new CliError(`${flag} needs a value`, `to pass a value that starts with a dash, write ${flag}=VALUE`);
    }
    throw new CliError(e.message.split('. ')[0], 'run `keyward scan --help` for the options');
  }
}

export function parseCommand(argv: string[]): Command {
  const { values: v, positionals } = parseRaw(argv);
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === 'help') return { kind: 'help' };
  if (command === undefined) throw new CliError('no command given', 'run `keyward scan [paths...]`, or `keyward --help`');
  if (command !== 'scan') {
    throw new CliError(`unknown command '${command}'`, `the command is \`scan\`: \`keyward scan ${command}\``);
  }
  const cmd: ScanCommand = { kind: 'scan', paths: paths.length ? paths : ['.'], format: 'text', exclude: [], maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB, gitignore: true, severities: {}, jobs: DEFAULT_JOBS, noConfig: false };
  for (const o of OPTIONS) o.apply?.(cmd, v[o.name]);
  if (v.config !== undefined && v['no-config']) throw new CliError('--config and --no-config contradict each other', 'use one of them');
  for (const name of FILE_OPTIONS) {
    const value = v[name];
    if (typeof value === 'string' && value.trim() === '') throw new CliError(`--${name} needs a file name`);
  }
  return cmd;
}

function readFormat(raw: string | undefined): OutputFormat {
  const format = (raw ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new CliError(`unknown format '${raw}'`, `use --format ${FORMATS.join(', --format ')}`);
  return format;
}

function readMaxFileSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_FILE_SIZE_KB;
  const trimmed = raw.trim();
  const kb = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(kb > 0) || kb > MAX_FILE_SIZE_LIMIT_KB) {
    throw new CliError(
      `--max-file-size must be a positive number of KB (at most ${MAX_FILE_SIZE_LIMIT_KB}), got '${raw}'`,
      `e.g. --max-file-size 4096 (4 MB); the default is ${DEFAULT_MAX_FILE_SIZE_KB}`,
    );
  }
  return kb;
}

function readJobs(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_JOBS;
  const jobs = Number(raw);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new CliError(`--jobs must be a whole number from 1 to 64, got '${raw}'`, `e.g. --jobs ${DEFAULT_JOBS} (the default here: one per core)`);
  return jobs;
}

function readSeverities(items: string[]): Partial<Record<RuleId, SeveritySetting>> {
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const item of items) {
    const m = /^([a-z-]+)=([a-z]+)$/.exec(item.trim());
    const rule = m?.[1] as RuleId | undefined;
    const level = m?.[2] as SeveritySetting | undefined;
    if (!rule || !level || !RULE_IDS.includes(rule) || !LEVELS.includes(level)) {
      throw new CliError(`bad --severity '${item}'`, `use <rule>=<level> with rule one of ${RULE_IDS.join(', ')} and level one of ${LEVELS.join(', ')}`);
    }
    severities[rule] = level;
  }
  return severities;
}
