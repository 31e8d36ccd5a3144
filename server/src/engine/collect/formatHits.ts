// Format hits: the keyword hits of one line, grouped by format, then each format's matcher run once
// on that line (or on bounded windows around its hits when the line is minified code).
import { matchFormat } from '../formats/match';
import type { RunFormat } from '../rules/formats';
import type { HitLine } from './hitLine';

export class FormatHits {
  /** Format index -> offsets of its keywords on the current line. */
  private byFormat = new Map<number, number[]>();
  /** Offsets of credential words on the current line: formats without keywords run where they are. */
  private context: number[] = [];
  private readonly halfWindow: number;

  constructor(
    private readonly line: HitLine,
    private readonly maxLineLength: number,
  ) {
    this.halfWindow = Math.max(256, Math.min(2048, maxLineLength >> 1));
  }

  add(off: number, formats: readonly number[]): void {
    const byFormat = this.byFormat;
    for (const fi of formats) {
      const arr = byFormat.get(fi);
      if (arr) arr.push(off);
      else byFormat.set(fi, [off]);
    }
  }

  addContext(off: number): void {
    this.context.push(off);
  }

  /** Runs the formats hit on the current line; call before the line moves and after the last hit. */
  flush(): void {
    const cfg = this.line.cfg;
    if (this.context.length) for (const fi of cfg.unkeyedFormats) this.byFormat.set(fi, this.context);
    if (this.byFormat.size) {
      for (const [fi, hits] of this.byFormat) this.run(cfg.formats[fi], hits);
      this.byFormat = new Map();
    }
    if (this.context.length) this.context = [];
  }

  private run(rf: RunFormat, hits: number[]): void {
    const line = this.line;
    if (!line.wantKeys) return;
    const text = line.text;
    for (const [a, b] of this.segments(hits)) {
      for (const m of matchFormat(rf.format, text.slice(a, b))) {
        const s = a + m.offset;
        const e = s + m.secret.length;
        line.out.push({ rule: 'hardcoded-key', start: s, end: e, secret: m.secret, kind: 'format', run: rf, priority: rf.provider ? 2 : 3, ...line.enclosingLiteral(s, e) });
      }
    }
  }

  /** The whole line, or merged windows around the hits when the line is too long (minified code). */
  private segments(hits: number[]): [number, number][] {
    const { ls, le } = this.line;
    if (le - ls <= this.maxLineLength) return [[ls, le]];
    const segs: [number, number][] = [];
    for (const h of hits) {
      const a = Math.max(ls, h - this.halfWindow);
      const b = Math.min(le, h + this.halfWindow);
      const last = segs[segs.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else segs.push([a, b]);
    }
    return segs;
  }
}
