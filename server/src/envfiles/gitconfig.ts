// Just enough of git's config format to answer core.excludesFile, core.ignoreCase and the object
// format, read from the same files git reads, in the same order (later wins).
import * as os from 'node:os';
import * as path from 'node:path';
import { readText } from './fsutil';

export interface ConfigEntry {
  /** `section.key` or `section.subsection.key`; section and key lower-cased as git compares them. */
  key: string;
  /** Undefined for a bare `key` line, which git reads as boolean true. */
  value: string | undefined;
}

/** Parses one config file. Malformed lines are skipped rather than failing the whole file. */
export function parseGitConfig(text: string): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  let section = '';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const header = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(.*)$/.exec(line);
    if (header) {
      const [, name, sub] = header;
      const dot = name.indexOf('.');
      // `[a.b]` is the legacy spelling of `[a "b"]` with a lower-cased subsection.
      section = sub !== undefined
        ? `${name.toLowerCase()}.${sub.replace(/\\(.)/g, '$1')}`
        : dot >= 0 ? `${name.slice(0, dot).toLowerCase()}.${name.slice(dot + 1).toLowerCase()}` : name.toLowerCase();
      line = header[3];
      if (!line.trim() || /^\s*[#;]/.test(line)) continue;
    }
    const kv = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(=?)(.*)$/.exec(line);
    if (!kv || !section) continue;
    const key = `${section}.${kv[1].toLowerCase()}`;
    if (!kv[2]) {
      if (/^\s*([#;].*)?$/.test(kv[3])) out.push({ key, value: undefined });
      continue;
    }
    let raw = kv[3];
    // A backslash at the end of the line continues the value on the next one.
    while (/(^|[^\\])(\\\\)*\\$/.test(raw) && i + 1 < lines.length) raw = raw.slice(0, -1) + lines[++i];
    out.push({ key, value: unquoteValue(raw) });
  }
  return out;
}

function unquoteValue(raw: string): string {
  let out = '';
  let quoted = false;
  let pendingSpace = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') { quoted = !quoted; out += pendingSpace; pendingSpace = ''; continue; }
    if (!quoted && (c === '#' || c === ';')) break;
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[++i];
      out += pendingSpace + (n === 'n' ? '\n' : n === 't' ? '\t' : n === 'b' ? '\b' : n);
      pendingSpace = '';
      continue;
    }
    if (!quoted && (c === ' ' || c === '\t')) {
      // Unquoted whitespace is kept inside a value but trimmed at both ends.
      if (out) pendingSpace += c;
      continue;
    }
    out += pendingSpace + c;
    pendingSpace = '';
  }
  return out;
}

export type Env = Record<string, string | undefined>;

function homeDir(env: Env): string {
  return env.HOME || os.homedir();
}

function xdgConfigHome(env: Env): string {
  return env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : path.join(homeDir(env), '.config');
}

/** `~/x` and bare `~` as git expands them in path-valued settings. */
export function expandUserPath(value: string, env: Env): string {
  if (value === '~') return homeDir(env);
  if (value.startsWith('~/')) return path.join(homeDir(env), value.slice(2));
  return value;
}

/** The system and global config files git would read, lowest precedence first. */
export function userConfigFiles(env: Env): string[] {
  const files: string[] = [];
  if (!isTrue(env.GIT_CONFIG_NOSYSTEM)) files.push(env.GIT_CONFIG_SYSTEM || '/etc/gitconfig');
  if (env.GIT_CONFIG_GLOBAL !== undefined) {
    if (env.GIT_CONFIG_GLOBAL && env.GIT_CONFIG_GLOBAL !== '/dev/null') files.push(env.GIT_CONFIG_GLOBAL);
  } else {
    files.push(path.join(xdgConfigHome(env), 'git', 'config'), path.join(homeDir(env), '.gitconfig'));
  }
  return files;
}

/** Default location of the per-user ignore file when core.excludesFile is not set. */
export function defaultExcludesFile(env: Env): string {
  return path.join(xdgConfigHome(env), 'git', 'ignore');
}

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

const MAX_INCLUDE_DEPTH = 10;

/**
 * Reads the files in order and returns the last value of every key. `[include] path` is followed
 * (relative to the including file); conditional `includeIf` sections are not evaluated.
 */
export async function readConfigChain(files: string[], env: Env): Promise<Map<string, string | undefined>> {
  const values = new Map<string, string | undefined>();
  const visit = async (file: string, depth: number): Promise<void> => {
    const text = await readText(file);
    if (text === undefined) return;
    for (const { key, value } of parseGitConfig(text)) {
      if (key === 'include.path' && value && depth < MAX_INCLUDE_DEPTH) {
        const target = expandUserPath(value, env);
        await visit(path.resolve(path.dirname(file), target), depth + 1);
        continue;
      }
      values.set(key, value);
    }
  };
  for (const f of files) await visit(f, 0);
  return values;
}
