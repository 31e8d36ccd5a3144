// .env text edits as pure functions: find where a key value stands (rotation replaces it) and plan
// a NAME=value entry (Insert into .env). The caller applies the result as one undoable WorkspaceEdit.
import { formatEnvValue as serverFormatEnvValue } from '../../../server/src/fixes/envFile';

export interface TextChange {
  /** Offsets into the original text, [start, end). */
  start: number;
  end: number;
  newText: string;
}

export interface EnvAssignment {
  name: string;
  /** Value as written, without surrounding quotes. */
  value: string;
  valueStart: number;
  valueEnd: number;
  /** Value range including its quotes, if any. */
  rawStart: number;
  rawEnd: number;
  lineStart: number;
  lineEnd: number;
}

// NAME=value, optionally after `export `, with an optional quoted value and a trailing comment.
const LINE = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*[=:][ \t]*)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s#'"][^\s#]*)?)/;

export function parseEnv(text: string): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const m = LINE.exec(line);
    if (m) {
      const quoted = m[4] !== undefined || m[5] !== undefined;
      const value = m[4] ?? m[5] ?? m[6] ?? '';
      const valueStart = pos + m[1].length + m[2].length + m[3].length + (quoted ? 1 : 0);
      const q = quoted ? 1 : 0;
      out.push({
        name: m[2],
        value,
        valueStart,
        valueEnd: valueStart + value.length,
        rawStart: valueStart - q,
        rawEnd: valueStart + value.length + q,
        lineStart: pos,
        lineEnd: pos + line.length,
      });
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return out;
}

/** Replacements of every assignment whose value is exactly `oldValue` (rotation). */
export function replaceValue(text: string, oldValue: string, newValue: string): TextChange[] {
  if (!oldValue) return [];
  return parseEnv(text)
    .filter((a) => a.value === oldValue)
    // Inside existing quotes the value goes in as is; bare values get quotes only if they need them.
    .map((a) => ({ start: a.valueStart, end: a.valueEnd, newText: a.rawStart === a.valueStart ? formatEnvValue(newValue) : newValue }));
}

export function containsValue(text: string, value: string): boolean {
  return !!value && parseEnv(text).some((a) => a.value === value);
}

/** The language server's quoting (dotenv-compatible); refuses values no .env quoting can hold. */
export function formatEnvValue(value: string): string {
  const formatted = serverFormatEnvValue(value);
  if (formatted === undefined) throw new Error('The value mixes quotes and line breaks that no .env quoting can hold.');
  return formatted;
}

export type EnvEntryPlan =
  | { kind: 'present'; name: string }
  | { kind: 'append'; name: string; change: TextChange }
  | { kind: 'conflict'; name: string; replace: TextChange; alternative: { name: string; change: TextChange } };

function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function appendChange(text: string, name: string, value: string): TextChange {
  const eol = detectEol(text);
  const lead = text.length && !text.endsWith('\n') ? eol : '';
  return { start: text.length, end: text.length, newText: `${lead}${name}=${formatEnvValue(value)}${eol}` };
}

/**
 * Plans `name=value` in a .env file's text ('' for a new file). An existing entry with another
 * value is never overwritten silently: the plan offers replacing it or a free NAME_2-style name.
 */
export function planEnvEntry(text: string, name: string, value: string): EnvEntryPlan {
  const entries = parseEnv(text);
  const existing = entries.filter((e) => e.name === name);
  if (existing.some((e) => e.value === value)) return { kind: 'present', name };
  if (!existing.length) return { kind: 'append', name, change: appendChange(text, name, value) };
  const taken = new Set(entries.map((e) => e.name));
  let n = 2;
  while (taken.has(`${name}_${n}`)) n++;
  const alt = `${name}_${n}`;
  const last = existing[existing.length - 1];
  return {
    kind: 'conflict',
    name,
    replace: { start: last.rawStart, end: last.rawEnd, newText: formatEnvValue(value) },
    alternative: { name: alt, change: appendChange(text, alt, value) },
  };
}
