// Whether a candidate is reported, and at what level: the user's setting, a format's own default,
// and keyward-ignore comments on the candidate's line or the line above.
import type { Candidate } from '../candidate';
import { isSuppressed } from '../suppress';
import type { RuleId, Severity } from '../types';
import type { FinalizeInput, ReportedRule } from './input';

export class SeverityGate {
  /** Line -> its text when it mentions keyward-ignore, else '' (a minified line holds many candidates). */
  private readonly ignoreCache = new Map<number, string>();

  constructor(private readonly input: FinalizeInput) {}

  /** The level to report `c` at, or undefined when it is off or suppressed. */
  severity(rule: ReportedRule, c: Candidate, formatDefault?: Severity): Severity | undefined {
    // The user's setting wins; otherwise a format's own default; otherwise warning.
    const s = this.input.severities[rule] ?? formatDefault ?? 'warning';
    if (s === 'off' || this.suppressed(rule, c)) return undefined;
    return s;
  }

  private suppressed(rule: RuleId, c: Candidate): boolean {
    if (this.input.options.inlineSuppressions === false) return false;
    const l = this.input.lines.lineOf(c.start);
    return isSuppressed(rule, this.commentText(l), l > 0 ? this.commentText(l - 1) : undefined);
  }

  /** The line's text when it mentions keyward-ignore, else '' (cached: the comment may be anywhere on a long line). */
  private commentText(l: number): string {
    let t = this.ignoreCache.get(l);
    if (t === undefined) {
      const { text, lines } = this.input;
      const line = text.slice(lines.starts[l], lines.lineEnd(l));
      t = line.includes('keyward-ignore') ? line : '';
      this.ignoreCache.set(l, t);
    }
    return t;
  }
}
