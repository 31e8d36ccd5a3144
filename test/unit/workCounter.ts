// A deterministic work counter for the "stays linear on hostile input" tests: while `fn` runs it
// counts the characters handed to regular expressions and to string searches and copies, so a
// quadratic loop fails a test by count, on any machine, without a clock (speed is the bench's job).
//
// It wraps RegExp.prototype.exec (every test/match/matchAll/replace/split/search goes through it
// once the prototype is changed) and String.prototype indexOf/lastIndexOf/includes/slice, and
// restores them before returning. Backtracking inside one regex run is not visible here: the
// formats' regexes are checked for that by their own hostile-input test (work per character).

export interface Work {
  /** Regex executions. */
  regexRuns: number;
  /** Characters regex executions examined at least: from the start position to the match end (or the input end). */
  regexChars: number;
  /** Characters indexOf/lastIndexOf/includes walked over. */
  searchChars: number;
  /** Characters copied by slice/substring. */
  copyChars: number;
}

export function totalWork(w: Work): number {
  return w.regexChars + w.searchChars + w.copyChars;
}

type Fn = (...args: any[]) => any;

export function countWork<T>(fn: () => T): [T, Work] {
  const w: Work = { regexRuns: 0, regexChars: 0, searchChars: 0, copyChars: 0 };
  const R = RegExp.prototype;
  const S = String.prototype;
  const saved = { exec: R.exec, indexOf: S.indexOf, lastIndexOf: S.lastIndexOf, includes: S.includes, slice: S.slice, substring: S.substring };
  const exec = saved.exec;
  R.exec = function (this: RegExp, input: string) {
    const s = String(input);
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, s);
    w.regexRuns++;
    w.regexChars += m ? Math.max(1, m.index + m[0].length - from) : this.sticky ? 1 : Math.max(1, s.length - from);
    return m;
  };
  const search = (orig: Fn, backwards: boolean): Fn =>
    function (this: string, needle: string, pos?: number) {
      const at = orig.call(this, needle, pos) as number;
      const len = this.length;
      const p = pos === undefined || Number.isNaN(Number(pos)) ? (backwards ? len : 0) : Math.max(0, Math.min(len, Math.trunc(Number(pos))));
      // A hit examined the characters between the start and the hit's end; a miss, all of them.
      w.searchChars += at >= 0 ? Math.abs(at - p) + String(needle).length : backwards ? p : len - p;
      return at;
    };
  const indexOf = search(saved.indexOf, false);
  const copy = (orig: Fn): Fn =>
    function (this: string, a?: number, b?: number) {
      const out = orig.call(this, a, b) as string;
      w.copyChars += out.length;
      return out;
    };
  S.indexOf = indexOf;
  S.lastIndexOf = search(saved.lastIndexOf, true);
  S.includes = function (this: string, needle: string, pos?: number) {
    return indexOf.call(this, needle, pos) >= 0;
  };
  S.slice = copy(saved.slice);
  S.substring = copy(saved.substring);
  try {
    return [fn(), w];
  } finally {
    Object.assign(R, { exec: saved.exec });
    Object.assign(S, { indexOf: saved.indexOf, lastIndexOf: saved.lastIndexOf, includes: saved.includes, slice: saved.slice, substring: saved.substring });
  }
}
