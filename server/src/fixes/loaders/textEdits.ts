// Small text tools of the loader planners: one edit for a whole rewrite, JSON(C) edits that keep the
// file's own indentation, and appending a line.
import { applyEdits as applyJsonEdits, modify, type JSONPath } from 'jsonc-parser/lib/esm/main';
import { edit, eolOf } from '../text';
import type { TextEdit } from '../types';

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
export function spanEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let s = 0;
  while (s < before.length && s < after.length && before[s] === after[s]) s++;
  let e = 0;
  while (e < before.length - s && e < after.length - s && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
  return edit(before, s, before.length - e, after.slice(s, after.length - e));
}

/** The indentation a JSON file already uses (tabs, or the first indented line's spaces). */
function jsonFormatting(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const m = /\n([ \t]+)\S/.exec(text);
  const indent = m?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: eolOf(text) };
}

/** Sets each path to its value in JSON(C) text, comments and layout kept (jsonc-parser's modify). */
export function setJson(text: string, changes: readonly { path: JSONPath; value: unknown }[]): string {
  const formattingOptions = jsonFormatting(text);
  let out = text;
  for (const c of changes) out = applyJsonEdits(out, modify(out, c.path, c.value, { formattingOptions }));
  return out;
}

/** `line` appended as the file's last line (a missing final newline is added first). */
export function appendLine(text: string, line: string): string {
  const eol = eolOf(text);
  return `${text}${text.length && !text.endsWith('\n') ? eol : ''}${line}${eol}`;
}
