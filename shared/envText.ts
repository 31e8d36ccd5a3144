// The one .env text module (pure): parse like dotenv, quote a value so every common reader reads it back exactly and runs nothing, plan NAME=value entries, rewrite a value for rotation.
//
// Readers this writer is held to (test/unit/shared/envReaders.test.ts runs each for real):
// sh/bash `set -a; . ./.env`, Node dotenv, python-dotenv, Compose env_file, godotenv.
// Their one common safe form is: a plain value bare, anything else in single quotes with no
// quote, backslash, line break or `${…}` inside. Whatever needs more is refused, never half-written.
// Compose v2 (compose-go) is not packaged here; its documented env_file rules (single quotes are
// literal, `\'` is the only escape in them, comments only after the closing quote) accept the same form.
//
// A leading UTF-8 BOM is not part of the text: parsing skips it, offsets count it (so they index
// the text as given), LSP-shaped ranges leave it out (editors hide it and keep it on save), and a
// planner never writes one.

export const BOM = '\uFEFF';

/** A value that needs no quotes for any reader: no shell, glob, comment, quote or expansion character. */
export const PLAIN_VALUE = /^[A-Za-z0-9_./:@%+=-]*$/;
/** A name every reader accepts (shells refuse `.` and `-`, which dotenv allows). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A change as offsets into the text it was planned on, [start, end). */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

/** An LSP-shaped edit (0-based lines, UTF-16 characters) on the text as an editor shows it (no BOM). */
export interface EnvTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface EnvAssignment {
  name: string;
  /** The value as dotenv reads it (quotes removed, `\n` expanded in double quotes). */
  value: string;
  /** Where `export ` or the name begins. */
  start: number;
  nameStart: number;
  /** The value as written, quotes included. */
  rawStart: number;
  rawEnd: number;
  quote?: "'" | '"' | '`';
}

/** Why `value` cannot be written safely for every reader, or undefined when it can. */
export function envValueProblem(value: string): string | undefined {
  if (PLAIN_VALUE.test(value)) return undefined;
  if (/[\r\n]/.test(value)) return 'it spans several lines';
  if (value.includes("'")) return 'it holds a single quote (\')';
  if (value.includes('\\')) return 'it holds a backslash (\\), which python-dotenv and Compose read differently from the shell';
  // python-dotenv (and Compose v1, which uses it) expand ${NAME} even inside single quotes, with no escape.
  if (/\$\{[^}]*\}/.test(value)) return 'it holds ${…}, which python-dotenv and Compose v1 expand even inside single quotes';
  // Control characters (NUL, ESC, ...) are read differently or dropped by the shells.
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return 'it holds a control character';
  return undefined;
}

export class EnvValueError extends Error {
  constructor(readonly problem: string) {
    super(
      `keyward will not write this value to .env: ${problem}, so no .env quoting is safe for every reader ` +
        '(sh/bash `source`, dotenv, python-dotenv, Compose env_file, godotenv). Store it in your secret manager, ' +
        'or add it to .env by hand in the quoting your loader expects.',
    );
  }
}

/** `value` as written after `NAME=`: bare when plain, else in single quotes. Throws EnvValueError when no form is safe. */
export function formatEnvValue(value: string): string {
  const problem = envValueProblem(value);
  if (problem) throw new EnvValueError(problem);
  return PLAIN_VALUE.test(value) ? value : `'${value}'`;
}

/** The assignment line `NAME=value` (no line break); throws for a name or value no reader takes alike. */
export function formatEnvLine(name: string, value: string): string {
  if (!ENV_NAME.test(name)) throw new Error(`keyward will not write ${JSON.stringify(name)} to .env: a shell cannot read that name (use letters, digits and _).`);
  return `${name}=${formatEnvValue(value)}`;
}

/** The BOM's length (0 or 1) and the text after it. */
export function splitBom(text: string): { bom: number; body: string } {
  return text.startsWith(BOM) ? { bom: 1, body: text.slice(1) } : { bom: 0, body: text };
}

// npm dotenv 16's line grammar, with the separator captured so offsets can be recovered.
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** Every assignment, in order, as dotenv reads it; offsets index `text` as given (BOM and CRLF included). */
export function parseEnvAssignments(text: string): EnvAssignment[] {
  const { bom, body } = splitBom(text);
  // dotenv reads CRLF as LF; keep where each dropped \r was to map offsets back.
  const dropped: number[] = [];
  let src = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\r' && body[i + 1] === '\n') {
      dropped.push(src.length);
      continue;
    }
    src += c === '\r' ? '\n' : c;
  }
  const back = (o: number): number => {
    let lo = 0;
    while (lo < dropped.length && dropped[lo] < o) lo++;
    return o + lo + bom;
  };
  const out: EnvAssignment[] = [];
  const re = new RegExp(LINE.source, 'gmd');
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const idx = m.indices!;
    const nameStart = idx[1][0];
    const lead = /^\s*/.exec(m[0])![0].length;
    const sepEnd = idx[2][1];
    const raw = m[3] ?? '';
    const trimmedLead = raw.length - raw.trimStart().length;
    const rawStart = m[3] !== undefined ? idx[3][0] + trimmedLead : sepEnd;
    const trimmed = raw.trim();
    const rawEnd = rawStart + trimmed.length;
    const q = trimmed[0];
    let value = trimmed;
    let quote: EnvAssignment['quote'];
    if ((q === "'" || q === '"' || q === '`') && trimmed.length >= 2 && trimmed.endsWith(q)) {
      value = trimmed.slice(1, -1);
      quote = q;
    }
    // dotenv expands \n and \r whenever the value starts with ", even with no closing quote.
    if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    out.push({ name: m[1], value, start: back(m.index + lead), nameStart: back(nameStart), rawStart: back(rawStart), rawEnd: back(rawEnd), ...(quote ? { quote } : {}) });
  }
  return out;
}

/** NAME → value, the last duplicate winning (dotenv's rule). */
export function parseEnv(text: string): Map<string, string> {
  return new Map(parseEnvAssignments(text).map((a) => [a.name, a.value]));
}

export function containsValue(text: string, value: string): boolean {
  return !!value && parseEnvAssignments(text).some((a) => a.value === value);
}

/** The file's line break: CRLF when it already uses it, else LF. */
export function eolOf(text: string | undefined): string {
  return text?.includes('\r\n') ? '\r\n' : '\n';
}

/** The whole `NAME=value` of an assignment rewritten by the one formatter (`export ` and a trailing comment stay). */
function rewrite(a: EnvAssignment, value: string): TextChange {
  return { start: a.nameStart, end: a.rawEnd, newText: formatEnvLine(a.name, value) };
}

/**
 * Rotation: every assignment whose value is exactly `oldValue` gets `newValue`, each rewritten as
 * a whole so the new key never lands inside quotes it could break out of. Throws (before any
 * change) when `newValue` cannot be written safely.
 */
export function replaceValue(text: string, oldValue: string, newValue: string): TextChange[] {
  if (!oldValue) return [];
  const hits = parseEnvAssignments(text).filter((a) => a.value === oldValue);
  if (hits.length) formatEnvValue(newValue);
  return hits.map((a) => rewrite(a, newValue));
}

function appendChange(text: string, lines: string[]): TextChange {
  const eol = eolOf(text);
  const lead = splitBom(text).body.length && !text.endsWith('\n') ? eol : '';
  return { start: text.length, end: text.length, newText: lead + lines.map((l) => l + eol).join('') };
}

/** The first of NAME, NAME_2, NAME_3... that is free or already holds `value`. */
function freeName(parsed: Map<string, string>, name: string, value: string): string {
  let candidate = name;
  for (let n = 2; parsed.has(candidate) && parsed.get(candidate) !== value; n++) candidate = `${name}_${n}`;
  return candidate;
}

/** One entry for a prompt-driven writer (Insert API Key into .env): a different value under NAME is never overwritten without a choice. */
export type EnvEntryPlan =
  | { kind: 'present'; name: string }
  | { kind: 'append'; name: string; change: TextChange }
  | {
      kind: 'conflict';
      name: string;
      /** NAME's last assignment rewritten to the new value. */
      replace: TextChange;
      /** The NAME_n that is free or already holds the value (then `change` is absent). */
      alternative: { name: string; change?: TextChange };
    };

/** Plans `name=value` in a .env's text ('' for a new file). Throws for a name or value no quoting can hold. */
export function planEnvEntry(text: string, name: string, value: string): EnvEntryPlan {
  const line = formatEnvLine(name, value);
  const all = parseEnvAssignments(text);
  const parsed = new Map(all.map((a) => [a.name, a.value]));
  if (parsed.get(name) === value) return { kind: 'present', name };
  if (!parsed.has(name)) return { kind: 'append', name, change: appendChange(text, [line]) };
  const alt = freeName(parsed, name, value);
  const last = all.filter((a) => a.name === name).pop()!;
  return {
    kind: 'conflict',
    name,
    replace: rewrite(last, value),
    alternative: parsed.has(alt) ? { name: alt } : { name: alt, change: appendChange(text, [formatEnvLine(alt, value)]) },
  };
}

/** What Insert into .env writes once the user has answered, decided on the text read after the prompt. */
export type EnvEntryOutcome =
  | { kind: 'present'; name: string }
  | { kind: 'write'; name: string; change: TextChange; replaced: boolean }
  /** The text moved on while the user was asked, so the answer may no longer fit: write nothing. */
  | { kind: 'changed' };

/**
 * Re-plans `asked` (shown to the user) on `textNow`, read right before applying: the answer
 * (`replace` NAME or `rename` to NAME_n, for a conflict) applies only to the same decision.
 */
export function settleEnvEntry(asked: EnvEntryPlan, textNow: string, value: string, choice?: 'replace' | 'rename'): EnvEntryOutcome {
  const plan = planEnvEntry(textNow, asked.name, value);
  if (plan.kind === 'present') return { kind: 'present', name: plan.name };
  if (plan.kind !== asked.kind) return { kind: 'changed' };
  if (plan.kind === 'append') return { kind: 'write', name: plan.name, change: plan.change, replaced: false };
  if (asked.kind !== 'conflict' || asked.alternative.name !== plan.alternative.name || !choice) return { kind: 'changed' };
  if (choice === 'replace') return { kind: 'write', name: plan.name, change: plan.replace, replaced: true };
  const alt = plan.alternative;
  return alt.change ? { kind: 'write', name: alt.name, change: alt.change, replaced: false } : { kind: 'present', name: alt.name };
}

/** Several entries in one append (the quick fixes): names stay unique, a different value is never overwritten. */
export interface EnvEntriesPlan {
  entries: { requested: string; name: string; alreadyPresent: boolean; error?: string }[];
  /** The append as an LSP edit on the editor's view of the text (no BOM). */
  edit?: EnvTextEdit;
  /** Full content for a new file when there was none. */
  create?: string;
}

export function planEnvEntries(text: string | undefined, wanted: readonly { name: string; value: string }[]): EnvEntriesPlan {
  const parsed = parseEnv(text ?? '');
  const lines: string[] = [];
  const entries: EnvEntriesPlan['entries'] = [];
  for (const w of wanted) {
    const name = freeName(parsed, w.name, w.value);
    if (parsed.get(name) === w.value) {
      entries.push({ requested: w.name, name, alreadyPresent: true });
      continue;
    }
    let line: string;
    try {
      line = formatEnvLine(name, w.value);
    } catch (e) {
      entries.push({ requested: w.name, name, alreadyPresent: false, error: (e as Error).message });
      continue;
    }
    lines.push(line);
    parsed.set(name, w.value);
    entries.push({ requested: w.name, name, alreadyPresent: false });
  }
  return { entries, ...appendPlan(text, lines) };
}

/** Adds `NAME=` to .env.example once, so teammates learn the variable exists (never the value). */
export function planEnvExampleEntry(text: string | undefined, name: string): { edit?: EnvTextEdit; create?: string; alreadyPresent: boolean } {
  if (text !== undefined && parseEnv(text).has(name)) return { alreadyPresent: true };
  return { alreadyPresent: false, ...appendPlan(text, [`${name}=`]) };
}

function appendPlan(text: string | undefined, lines: string[]): { edit?: EnvTextEdit; create?: string } {
  if (!lines.length) return {};
  if (text === undefined) return { create: lines.map((l) => l + '\n').join('') };
  const c = appendChange(text, lines);
  return { edit: toEditorEdit(text, c) };
}

/** An offset change as an LSP edit on the editor's view of `text` (a leading BOM left out). */
export function toEditorEdit(text: string, c: TextChange): EnvTextEdit {
  const { bom, body } = splitBom(text);
  return { range: { start: positionIn(body, c.start - bom), end: positionIn(body, c.end - bom) }, newText: c.newText };
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < o; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: o - lineStart };
}
