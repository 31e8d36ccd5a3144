// One pass over the text with a single case-insensitive regex of every keyword (formats' prefixes,
// credential words, the PEM marker). Only the lines around a hit reach the rules, so clean text costs
// one regex scan. Keywords never contain a line break, so scanning from any line start yields the
// same hits on the following lines as a scan of the whole text (scanLines relies on this).

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
  re: RegExp;
  tags: Map<string, KeywordTag>;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export function buildPrefilter(entries: readonly KeywordEntry[]): Prefilter {
  const tags = new Map<string, KeywordTag>();
  for (const e of entries) {
    const k = e.keyword.toLowerCase();
    if (!k) continue;
    let t = tags.get(k);
    if (!t) tags.set(k, (t = { formats: [], context: false, pem: false }));
    if (e.format !== undefined && !t.formats.includes(e.format)) t.formats.push(e.format);
    if (e.context) t.context = true;
    if (e.pem) t.pem = true;
  }
  // Longest first, so a long keyword wins over a short one starting at the same place.
  const alternatives = [...tags.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRe);
  const re = new RegExp(alternatives.length ? alternatives.join('|') : '(?!)', 'gi');
  return { re, tags };
}

/**
 * Calls `onHit(offset, tag)` for every keyword occurrence in [start, end), in order.
 * The regex is global; its lastIndex is reset on every call.
 */
export function forEachHit(pf: Prefilter, text: string, start: number, end: number, onHit: (offset: number, length: number, tag: KeywordTag) => void): void {
  const re = pf.re;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const tag = pf.tags.get(m[0].toLowerCase());
    if (tag) onHit(m.index, m[0].length, tag);
  }
}
