// Offset/position arithmetic and edit application over plain strings.
import type { Position, Range } from '../engine/types';
import type { TextEdit } from './types';

/** Offsets where each line starts; a line ends at \n (a preceding \r belongs to the line break). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - starts[lo] };
}

export function offsetAt(text: string, pos: Position, starts = lineStarts(text)): number {
  if (pos.line >= starts.length) return text.length;
  if (pos.line < 0) return 0;
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  return Math.min(starts[pos.line] + Math.max(0, pos.character), lineEnd);
}

export function rangeOf(text: string, start: number, end: number, starts = lineStarts(text)): Range {
  return { start: positionAt(text, start, starts), end: positionAt(text, end, starts) };
}

export function edit(text: string, start: number, end: number, newText: string, starts?: number[]): TextEdit {
  return { range: rangeOf(text, start, end, starts), newText };
}

/** The file's line break: CRLF when the file already uses it, else LF. */
export function eolOf(text: string | undefined): string {
  return text && /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Line index -> [start, end) without the line break. */
export function lineBounds(text: string, line: number, starts = lineStarts(text)): [number, number] {
  const s = starts[line] ?? text.length;
  let e = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  if (e > s && text[e - 1] === '\r') e--;
  return [s, Math.max(s, e)];
}

export function indentOf(lineText: string): string {
  return /^[ \t]*/.exec(lineText)![0];
}

/** Applies non-overlapping edits (as an LSP client would); inserts at the same spot keep array order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits.map((e, i) => ({ s: offsetAt(text, e.range.start, starts), e: offsetAt(text, e.range.end, starts), t: e.newText, i }));
  resolved.sort((a, b) => a.s - b.s || a.e - b.e || a.i - b.i);
  let out = '';
  let at = 0;
  for (const r of resolved) {
    if (r.s < at) throw new Error('overlapping edits');
    out += text.slice(at, r.s) + r.t;
    at = r.e;
  }
  return out + text.slice(at);
}

/** True when two edits would touch the same characters (equal-position inserts are fine). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const cmp = (p: Position, q: Position) => p.line - q.line || p.character - q.character;
  const aEmpty = cmp(a.range.start, a.range.end) === 0;
  const bEmpty = cmp(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return false;
  return cmp(a.range.start, b.range.end) < 0 && cmp(b.range.start, a.range.end) < 0;
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return (
    a.newText === b.newText &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}
