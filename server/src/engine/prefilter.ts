// One pass over the text that finds every keyword (formats' prefixes, credential words, the PEM
// marker), case-insensitively. It is an Aho-Corasick automaton compiled to a dense DFA over a small
// alphabet: one table lookup per character, whatever the number of keywords. (A regex alternation
// of ~200 literals ran at ~15 MB/s in V8; this runs at hundreds.)
// Keywords never contain a line break and "\n" always returns the automaton to its root, so a scan
// from any line start yields the same hits on the following lines as a scan of the whole text
// (scanLines relies on this).

export interface KeywordTag {
  /** Indexes of formats whose keyword this is. */
  formats: number[];
  /** A credential word: the name around it may hold a key. */
  context: boolean;
  /** The PEM BEGIN marker. */
  pem: boolean;
}

export interface KeywordEntry {
  keyword: string;
  format?: number;
  context?: boolean;
  pem?: boolean;
}

export interface Prefilter {
  /** UTF-16 code unit -> alphabet class; 0 is "not in any keyword". */
  classOf: Uint8Array;
  classes: number;
  /**
   * delta[base + class] -> next state's base (state * classes), negated minus one when keywords end
   * in that state: the hot loop then needs no multiply and one rarely-taken branch.
   */
  delta: Int32Array;
  /** For each state, the keywords (indexes into `keywords`) that end there, or undefined. */
  outputs: (number[] | undefined)[];
  keywords: string[];
  tags: KeywordTag[];
}

export function buildPrefilter(entries: readonly KeywordEntry[]): Prefilter {
  const byKeyword = new Map<string, KeywordTag>();
  for (const e of entries) {
    const k = e.keyword.toLowerCase();
    // Only printable ASCII without line breaks can be matched by the automaton.
    if (!k || /[^\x20-\x7e]/.test(k)) continue;
    let t = byKeyword.get(k);
    if (!t) byKeyword.set(k, (t = { formats: [], context: false, pem: false }));
    if (e.format !== undefined && !t.formats.includes(e.format)) t.formats.push(e.format);
    if (e.context) t.context = true;
    if (e.pem) t.pem = true;
  }
  const keywords = [...byKeyword.keys()];
  const tags = keywords.map((k) => byKeyword.get(k)!);

  // Alphabet: each character used by a keyword (letters case-folded) gets a class.
  const classOf = new Uint8Array(65536);
  let classes = 1;
  for (const k of keywords) {
    for (const ch of k) {
      const c = ch.charCodeAt(0);
      if (classOf[c] === 0) {
        classOf[c] = classes;
        if (c >= 97 && c <= 122) classOf[c - 32] = classes;
        classes++;
      }
    }
  }

  // Trie.
  const goto: Map<number, number>[] = [new Map()];
  const out: number[][] = [[]];
  keywords.forEach((k, ki) => {
    let s = 0;
    for (const ch of k) {
      const cl = classOf[ch.charCodeAt(0)];
      let nxt = goto[s].get(cl);
      if (nxt === undefined) {
        nxt = goto.length;
        goto.push(new Map());
        out.push([]);
        goto[s].set(cl, nxt);
      }
      s = nxt;
    }
    out[s].push(ki);
  });

  // Failure links (BFS), folded into a dense DFA.
  const n = goto.length;
  const delta = new Int32Array(n * classes);
  const fail = new Int32Array(n);
  const queue: number[] = [];
  for (let cl = 0; cl < classes; cl++) {
    const nxt = goto[0].get(cl);
    delta[cl] = nxt ?? 0;
    if (nxt !== undefined) queue.push(nxt);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi];
    const f = fail[s];
    if (out[f].length) out[s] = out[s].concat(out[f]);
    for (let cl = 0; cl < classes; cl++) {
      const nxt = goto[s].get(cl);
      if (nxt !== undefined) {
        fail[nxt] = delta[f * classes + cl];
        delta[s * classes + cl] = nxt;
        queue.push(nxt);
      } else {
        delta[s * classes + cl] = delta[f * classes + cl];
      }
    }
  }
  // Pre-multiply targets and mark accepting ones (see Prefilter.delta).
  for (let i = 0; i < delta.length; i++) {
    const t = delta[i];
    delta[i] = out[t].length ? -(t * classes) - 1 : t * classes;
  }
  return { classOf, classes, delta, outputs: out.map((o) => (o.length ? o : undefined)), keywords, tags };
}

/**
 * Calls `onHit(offset, length, tag)` for every keyword occurrence in [start, end), overlapping ones
 * included, in order of their end offset (so lines are visited in order).
 */
export function forEachHit(pf: Prefilter, text: string, start: number, end: number, onHit: (offset: number, length: number, tag: KeywordTag) => void): void {
  const { classOf, classes, delta, outputs, keywords, tags } = pf;
  const stop = Math.min(end, text.length);
  let base = 0;
  for (let i = start; i < stop; i++) {
    const next = delta[base + classOf[text.charCodeAt(i)]];
    if (next >= 0) {
      base = next;
      continue;
    }
    base = -next - 1;
    const o = outputs[base / classes]!;
    for (let j = 0; j < o.length; j++) {
      const len = keywords[o[j]].length;
      onHit(i - len + 1, len, tags[o[j]]);
    }
  }
}
