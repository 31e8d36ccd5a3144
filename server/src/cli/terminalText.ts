// Makes text from a repository safe to print: file names, messages and errors may hold control
// characters (an escape sequence that hides the report, a newline that fakes a line of it) or
// bidi overrides that reorder what the reader sees. Each becomes a visible escape.
/** C0 (tab included: it can fake alignment), DEL, C1, line/paragraph separators, bidi marks, overrides and isolates. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One line of printable text: ESC -> `\x1b`, newline -> `\n`, U+202E -> `\u{202e}`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
  });
}
