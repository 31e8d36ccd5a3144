// The line a keyword hit lies on, shared by every reader of that hit: the file's text and settings,
// the line's bounds, facts about the line computed once, and the candidates found so far.
import type { LanguageEntry } from '../../../../shared/languages';
import type { Candidate, LiteralBounds } from '../candidate';
import type { EngineConfig } from '../config';
import { LineLookback } from './lookback';

export interface CollectInput {
  text: string;
  /** The file's row of the language table (literal, prose and interpolation syntax). */
  lang: LanguageEntry;
  cfg: EngineConfig;
  maxLineLength: number;
  wantKeys: boolean;
  wantQuery: boolean;
}

const NO_LITERAL: LiteralBounds = Object.freeze({});

export class HitLine {
  readonly text: string;
  readonly lang: LanguageEntry;
  readonly cfg: EngineConfig;
  readonly wantKeys: boolean;
  readonly wantQuery: boolean;
  /** Lines longer than this are minified code: look-backs stay within one window. */
  readonly maxLineLength: number;
  readonly lookback: LineLookback;
  readonly out: Candidate[] = [];
  /** Bounds of the current line, its break excluded (valid once `started`). */
  ls = 0;
  le = 0;
  private started = false;
  private spaceLine = -1;
  private spaceSep = false;

  constructor(input: CollectInput) {
    this.text = input.text;
    this.lang = input.lang;
    this.cfg = input.cfg;
    this.wantKeys = input.wantKeys;
    this.wantQuery = input.wantQuery;
    this.maxLineLength = input.maxLineLength;
    this.lookback = new LineLookback(input.text);
  }

  /** Whether `off` lies on the current line (hits arrive in increasing order). */
  holds(off: number): boolean {
    return this.started && off < this.le;
  }

  /** Moves to the line holding `off`. Local bounds: the full line index is built only if a finding needs positions. */
  moveTo(off: number): void {
    const text = this.text;
    this.started = true;
    const ls = text.lastIndexOf('\n', off - 1) + 1;
    const nl = text.indexOf('\n', off);
    this.ls = ls;
    this.le = nl < 0 ? text.length : nl > ls && text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  /** Dockerfile `ENV NAME value`, C `#define NAME "value"`: whitespace separates name and value (once per line). */
  spaceSeparated(): boolean {
    if (this.spaceLine !== this.ls) {
      this.spaceLine = this.ls;
      const head = this.text.slice(this.ls, Math.min(this.le, this.ls + 16));
      this.spaceSep = (this.lang.base === 'dockerfile' && /^[ \t]*(?:ENV|ARG)[ \t]/i.test(head)) || (head.includes('define') && /^[ \t]*#[ \t]*define[ \t]/.test(head));
    }
    return this.spaceSep;
  }

  /** Whether position `s` follows a comment marker on its line (`//`, `#`, `/*`, ` * `, `--`, `;`, `<!--`). */
  inComment(s: number): boolean {
    const { ls, le, maxLineLength } = this;
    // On a line over the cap (minified code) look back one window, as the formats do: a slice from
    // the line start per hit made 20k hits on one line quadratic.
    const from = le - ls > maxLineLength ? Math.max(ls, s - Math.max(256, Math.min(2048, maxLineLength >> 1))) : ls;
    if (from > ls) return /\s(?:\/\/|#(?!!)|--|<!--)\s/.test(this.text.slice(from, s));
    return /(?:^[ \t]*(?:\/?\*|;)|(?:^|\s)(?:\/\/|#(?!!)|--|<!--)\s)/.test(this.text.slice(ls, s));
  }

  /** The quoted literal around [a, b) on this line, if any (a URL, "Bearer …"). */
  enclosingLiteral(a: number, b: number): LiteralBounds {
    const { text, ls, le } = this;
    for (let i = a - 1; i >= Math.max(ls, a - 2048); i--) {
      const c = text[i];
      if (c === '"' || c === "'" || c === '`') {
        for (let k = b; k < Math.min(le, b + 2048); k++) {
          if (text[k] === c) return { quote: c, literalStart: i, literalEnd: k + 1 };
          if (text[k] === '"' || text[k] === "'" || text[k] === '`') break;
        }
        return NO_LITERAL;
      }
    }
    return NO_LITERAL;
  }
}
