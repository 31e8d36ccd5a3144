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

export const USAGE = `Usage: keyward scan [paths...] [options]

Finds hardcoded API keys, credentials in URL query strings, and .env files that git
does not ignore or already tracks. Paths default to the current folder.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -o, --output <file>             write the report to a file instead of stdout
      --baseline <file>           do not report findings listed in this baseline
      --write-baseline <file>     write every current finding to a baseline file, exit 0
      --exclude <glob>            skip matching files or folders (repeatable, minimatch)
      --max-file-size <KB>        skip larger files (default: ${DEFAULT_MAX_FILE_SIZE_KB})
      --no-gitignore              also scan files that .gitignore excludes
      --severity <rule>=<level>   error|warning|information|hint|off (repeatable), rules:
                                  ${RULE_IDS.join(', ')}
      --config <file>             repository config to use (default: .keyward.json or
                                  .keyward.jsonc at the scan root, else at the git root)
      --no-config                 ignore the repository config
  -j, --jobs <n>                  files scanned in parallel (default: one per core, ${DEFAULT_JOBS} here)
  -h, --help                      show this help
  -v, --version                   show the version

Exit status: 0 no findings, 1 findings, 2 usage or I/O error.
`;

/** Options that take a value, long and short names. */
const VALUE_OPTIONS = new Set(['--format', '-f', '--output', '-o', '--baseline', '--write-baseline', '--exclude', '--max-file-size', '--severity', '--jobs', '-j']);

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

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        'max-file-size': { type: 'string' },
        'no-gitignore': { type: 'boolean' },
        severity: { type: 'string', multiple: true },
        jobs: { type: 'string', short: 'j' },
        config: { type: 'string' },
        'no-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
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
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === 'help') return { kind: 'help' };
  if (command === undefined) throw new CliError('no command given', 'run `keyward scan [paths...]`, or `keyward --help`');
  if (command !== 'scan') {
    throw new CliError(`unknown command '${command}'`, `the command is \`scan\`: \`keyward scan ${command}\``);
  }

  const format = (v.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new CliError(`unknown format '${v.format}'`, `use --format ${FORMATS.join(', --format ')}`);

  let maxFileSizeKB = DEFAULT_MAX_FILE_SIZE_KB;
  if (v['max-file-size'] !== undefined) {
    const raw = v['max-file-size'].trim();
    maxFileSizeKB = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(maxFileSizeKB > 0) || maxFileSizeKB > MAX_FILE_SIZE_LIMIT_KB) {
      throw new CliError(
        `--max-file-size must be a positive number of KB (at most ${MAX_FILE_SIZE_LIMIT_KB}), got '${v['max-file-size']}'`,
        `e.g. --max-file-size 4096 (4 MB); the default is ${DEFAULT_MAX_FILE_SIZE_KB}`,
      );
    }
  }

  let jobs = DEFAULT_JOBS;
  if (v.jobs !== undefined) {
    jobs = Number(v.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new CliError(`--jobs must be a whole number from 1 to 64, got '${v.jobs}'`, `e.g. --jobs ${DEFAULT_JOBS} (the default here: one per core)`);
  }

  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const item of v.severity ?? []) {
    const m = /^([a-z-]+)=([a-z]+)$/.exec(item.trim());
    const rule = m?.[1] as RuleId | undefined;
    const level = m?.[2] as SeveritySetting | undefined;
    if (!rule || !level || !RULE_IDS.includes(rule) || !LEVELS.includes(level)) {
      throw new CliError(`bad --severity '${item}'`, `use <rule>=<level> with rule one of ${RULE_IDS.join(', ')} and level one of ${LEVELS.join(', ')}`);
    }
    severities[rule] = level;
  }

  if (v.config !== undefined && v['no-config']) throw new CliError('--config and --no-config contradict each other', 'use one of them');
  for (const [flag, value] of [['--output', v.output], ['--baseline', v.baseline], ['--write-baseline', v['write-baseline']], ['--config', v.config]] as const) {
    if (value !== undefined && value.trim() === '') throw new CliError(`${flag} needs a file name`);
  }

  return {
    kind: 'scan',
    paths: paths.length ? paths : ['.'],
    format,
    output: v.output,
    baseline: v.baseline,
    writeBaseline: v['write-baseline'],
    exclude: v.exclude ?? [],
    maxFileSizeKB,
    gitignore: !v['no-gitignore'],
    severities,
    jobs,
    config: v.config,
    noConfig: !!v['no-config'],
  };
}
