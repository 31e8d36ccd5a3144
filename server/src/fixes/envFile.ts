// .env and .env.example plans: append, never overwrite, keep the file's line breaks, and write
// values in a quoting that dotenv-style parsers read back byte for byte.
import type { TextEdit } from './types';
import { edit, eolOf } from './text';

/** Parses .env text the way the dotenv package does (last duplicate wins, `export ` allowed). */
export function parseEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const src = text.replace(/\r\n?/g, '\n');
  const re = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*/gm;
  let m: RegExpExecArray | null;
  let resumeAt = 0;
  while ((m = re.exec(src))) {
    if (m.index < resumeAt) continue;
    const rest = src.slice(m.index + m[0].length);
    const q = rest[0];
    let value: string | undefined;
    let consumed = 0;
    if (q === "'" || q === '"' || q === '`') {
      // Quoted values may span lines; an unclosed quote falls back to the plain form.
      let i = 1;
      while (i < rest.length && rest[i] !== q) i += rest[i] === '\\' && rest[i + 1] === q ? 2 : 1;
      if (i < rest.length) {
        value = rest.slice(1, i);
        if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
        consumed = i + 1;
      }
    }
    if (value === undefined) {
      const line = rest.split('\n', 1)[0];
      value = line.split('#', 1)[0].trim();
      consumed = line.length;
    }
    out.set(m[1], value);
    resumeAt = m.index + m[0].length + consumed;
    re.lastIndex = resumeAt;
  }
  return out;
}

/** `value` written so dotenv, python-dotenv and Compose read it back unchanged; undefined if no quoting can. */
export function formatEnvValue(value: string): string | undefined {
  if (value !== '' && !/[\s#"'`$]/.test(value)) return value;
  // dotenv's quoted forms allow an escaped closing quote, so a trailing backslash cannot be quoted.
  if (/[\r\n]/.test(value) || value.endsWith('\\')) return undefined;
  // Single quotes are literal everywhere (no escapes, no ${} expansion).
  if (!value.includes("'")) return `'${value}'`;
  if (!/["$]/.test(value) && !/\\[nr]/.test(value)) return `"${value}"`;
  if (!value.includes('`')) return `\`${value}\``;
  return undefined;
}

export interface EnvEntryPlan {
  /** Name actually used: the requested one, or NAME_2, NAME_3... when NAME holds another value. */
  name: string;
  edit?: TextEdit;
  /** Full content for a new file when there was none. */
  create?: string;
  alreadyPresent: boolean;
  /** Set when the value cannot be written in any quoting (the plan then has no edit). */
  error?: string;
}

function freeName(parsed: Map<string, string>, name: string, value: string): string {
  let candidate = name;
  for (let n = 2; parsed.has(candidate) && parsed.get(candidate) !== value; n++) candidate = `${name}_${n}`;
  return candidate;
}

function appendLines(text: string | undefined, lines: string[]): { edit?: TextEdit; create?: string } {
  if (!lines.length) return {};
  if (text === undefined) return { create: lines.map((l) => l + '\n').join('') };
  const eol = eolOf(text);
  const lead = text.length && !text.endsWith('\n') ? eol : '';
  return { edit: edit(text, text.length, text.length, lead + lines.map((l) => l + eol).join('')) };
}

/** Adds NAME=value to a .env (or plans a new file). Never overwrites an existing different value. */
export function planEnvEntry(envText: string | undefined, name: string, value: string): EnvEntryPlan {
  const r = planEnvEntries(envText, [{ name, value }]);
  const e = r.entries[0];
  return { name: e.name, alreadyPresent: e.alreadyPresent, ...(r.edit ? { edit: r.edit } : {}), ...(r.create !== undefined ? { create: r.create } : {}), ...(e.error ? { error: e.error } : {}) };
}

export interface EnvEntriesPlan {
  entries: { requested: string; name: string; alreadyPresent: boolean; error?: string }[];
  edit?: TextEdit;
  create?: string;
}

/** Several entries in one edit (fix-all); names stay unique across the batch. */
export function planEnvEntries(envText: string | undefined, wanted: readonly { name: string; value: string }[]): EnvEntriesPlan {
  const parsed = parseEnv(envText ?? '');
  const lines: string[] = [];
  const entries: EnvEntriesPlan['entries'] = [];
  for (const w of wanted) {
    const name = freeName(parsed, w.name, w.value);
    if (parsed.get(name) === w.value) {
      entries.push({ requested: w.name, name, alreadyPresent: true });
      continue;
    }
    const formatted = formatEnvValue(w.value);
    if (formatted === undefined) {
      entries.push({ requested: w.name, name, alreadyPresent: false, error: 'The value mixes quotes and line breaks that no .env quoting can hold.' });
      continue;
    }
    lines.push(`${name}=${formatted}`);
    parsed.set(name, w.value);
    entries.push({ requested: w.name, name, alreadyPresent: false });
  }
  return { entries, ...appendLines(envText, lines) };
}

/** Adds `NAME=` to .env.example once, so teammates learn the variable exists (never the value). */
export function planEnvExampleEntry(exampleText: string | undefined, name: string): { edit?: TextEdit; create?: string; alreadyPresent: boolean } {
  if (exampleText !== undefined && parseEnv(exampleText).has(name)) return { alreadyPresent: true };
  return { alreadyPresent: false, ...appendLines(exampleText, [`${name}=`]) };
}
