// Tracks what an edit touched so a re-scan can cover only those lines. Findings outside the edit
// are shifted by the edit's line/offset delta; findings the edit touched are dropped and their
// lines join the dirty span. The scan then re-reads the dirty span plus a context margin.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { Finding, Range } from '../engine/types';
import { BUILTIN_PROVIDERS } from '../../../shared/providers';

/** Inclusive line span in the current document's coordinates. */
export interface LineSpan {
  start: number;
  end: number;
}

const PEM_ARMOUR = /-----/;

/** SDK package names: the only words whose appearance or removal changes the engine's file-level
 *  context (which providers the file imports). Edits far from them reuse the last context key. */
const CONTEXT_WORDS = [...new Set(BUILTIN_PROVIDERS.flatMap((p) => p.sdk?.packages ?? []).map((w) => w.toLowerCase()))];

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function shiftRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

export function shiftFinding(f: Finding, lines: number, offset: number): Finding {
  if (!lines && !offset) return f;
  const c = f.context;
  return {
    ...f,
    range: shiftRange(f.range, lines),
    offset: f.offset + offset,
    context: c && {
      ...c,
      literalRange: c.literalRange && shiftRange(c.literalRange, lines),
      literalOffset: c.literalOffset === undefined ? undefined : c.literalOffset + offset,
    },
  };
}

function union(a: LineSpan | undefined, b: LineSpan): LineSpan {
  return a ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : b;
}

export class EditTracker {
  /** Findings of the last scan, moved along with every edit since; undefined = full scan owed. */
  private findings: Finding[] | undefined;
  private dirty: LineSpan | undefined;
  /** File-level facts of the scanned text (the engine's fileContextKey): a change forces a full scan. */
  contextKey: string | undefined;
  /** Whether an edit since the last scan came near an SDK package name (the key must be recomputed). */
  contextTouched = true;

  /** Records a finished scan of the current text. */
  commit(findings: Finding[], contextKey: string): void {
    this.findings = findings;
    this.dirty = undefined;
    this.contextKey = contextKey;
    this.contextTouched = false;
  }

  /** Forget everything (settings changed, baseline changed, ...): the next scan is a full one. */
  invalidate(): void {
    this.findings = undefined;
    this.dirty = undefined;
    this.contextTouched = true;
  }

  /**
   * Applies one content change to the tracked state. `doc` is the document BEFORE this change
   * (changes of one didChange are applied one after another, each against the previous result).
   */
  apply(doc: TextDocument, change: TextDocumentContentChangeEvent): void {
    if (!this.findings) return;
    if (!('range' in change) || !change.range) {
      this.invalidate();
      return;
    }
    const { start, end } = change.range;
    const startOff = doc.offsetAt(start);
    const endOff = doc.offsetAt(end);
    // A PEM armour line added or removed changes which lines belong to a key block down to the
    // next END line, however far away: such rare edits get a full scan.
    if (PEM_ARMOUR.test(change.text) || PEM_ARMOUR.test(doc.getText().slice(Math.max(0, startOff - 40), endOff + 40))) {
      this.invalidate();
      return;
    }
    // The client's range may point past the end of a line; offsetAt clamps, so recompute lines.
    const sL = doc.positionAt(startOff).line;
    const eL = doc.positionAt(endOff).line;
    if (!this.contextTouched) {
      // The edited lines plus one on each side, before and after the edit (an import statement
      // may be split across a line break).
      const text = doc.getText();
      const from = doc.offsetAt({ line: Math.max(0, sL - 1), character: 0 });
      const to = doc.offsetAt({ line: eL + 2, character: 0 });
      const before = text.slice(from, to).toLowerCase();
      const after = (text.slice(from, startOff) + change.text + text.slice(endOff, to)).toLowerCase();
      this.contextTouched = CONTEXT_WORDS.some((w) => before.includes(w) || after.includes(w));
    }
    const newEnd = sL + countNewlines(change.text);
    const lineDelta = newEnd - eL;
    const offDelta = change.text.length - (endOff - startOff);

    const mapLine = (line: number, edge: 'start' | 'end'): number => {
      if (line < sL) return line;
      if (line > eL) return line + lineDelta;
      return edge === 'start' ? sL : newEnd;
    };
    let dirty: LineSpan = { start: sL, end: newEnd };
    if (this.dirty) dirty = union(dirty, { start: mapLine(this.dirty.start, 'start'), end: mapLine(this.dirty.end, 'end') });

    const kept: Finding[] = [];
    for (const f of this.findings) {
      if (f.range.end.line < sL) kept.push(f);
      else if (f.range.start.line > eL) kept.push(shiftFinding(f, lineDelta, offDelta));
      // Touched: drop it, and make sure its whole (possibly multi-line) extent is re-read.
      else dirty = union(dirty, { start: mapLine(f.range.start.line, 'start'), end: mapLine(f.range.end.line, 'end') });
    }
    this.findings = kept;
    this.dirty = dirty;
  }

  /**
   * Plans the next scan of a document with `lineCount` lines: `full` when no usable state is left
   * or the edited span covers most of the text anyway; otherwise the edited span (the engine
   * widens it by its own context radius) and the tracked findings.
   */
  plan(lineCount: number): { full: true } | { full: false; span?: LineSpan; findings: Finding[] } {
    if (!this.findings) return { full: true };
    if (!this.dirty) return { full: false, findings: this.findings };
    const span = { start: Math.max(0, this.dirty.start), end: Math.min(lineCount - 1, this.dirty.end) };
    if ((span.end - span.start + 1) * 2 > lineCount) return { full: true };
    return { full: false, span, findings: this.findings };
  }
}
