// Offsets <-> zero-based line/character (UTF-16 code units, as LSP counts them).
import type { Position } from './types';

export class LineIndex {
  private lazyStarts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Offset of the first character of each line; built on first use (clean files never need it). */
  get starts(): number[] {
    if (!this.lazyStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lazyStarts = starts;
    }
    return this.lazyStarts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Line containing `offset` (binary search). */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset just past the line's last character, before its "\r\n" / "\n". */
  lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > this.starts[line] && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** Offset just past the line including its line break (start of the next line). */
  lineEndWithBreak(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line] };
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
}
