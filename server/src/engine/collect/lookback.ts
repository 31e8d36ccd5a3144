// Line starts above and line ends below a line, for readers whose verdict depends on nearby lines
// (a query builder opened a few lines up, a call opened on the previous line).
export const QUERY_LOOKBACK_LINES = 5;

export class LineLookback {
  /** Line start -> starts of that line and the QUERY_LOOKBACK_LINES above it (many hits share a line). */
  private readonly upCache = new Map<number, number[]>();

  constructor(private readonly text: string) {}

  /** Starts of this line and of the QUERY_LOOKBACK_LINES lines above it, nearest first (cached per line). */
  startsAbove(lineStart: number): number[] {
    let arr = this.upCache.get(lineStart);
    if (arr) return arr;
    const text = this.text;
    arr = [lineStart];
    let p = lineStart;
    for (let k = 0; k < QUERY_LOOKBACK_LINES && p > 0; k++) {
      p = p <= 1 ? 0 : text.lastIndexOf('\n', p - 2) + 1;
      arr.push(p);
    }
    this.upCache.set(lineStart, arr);
    return arr;
  }

  /** Start of the line `n` (<= QUERY_LOOKBACK_LINES) lines above the line starting at `lineStart`. */
  linesUp(lineStart: number, n: number): number {
    const arr = this.startsAbove(lineStart);
    return arr[Math.min(n, arr.length - 1)];
  }

  /** End (past the break) of the line `n` lines below the line ending at `lineEnd`. */
  linesDown(lineEnd: number, n: number): number {
    const text = this.text;
    let p = lineEnd;
    for (let k = 0; k < n && p < text.length; k++) {
      const nl = text.indexOf('\n', p + 1);
      p = nl < 0 ? text.length : nl;
    }
    return Math.min(text.length, p + 1);
  }
}
