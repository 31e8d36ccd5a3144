// Admits a user's regular expression (keyward.extraKeyNames, a custom provider's prefix) only when
// it cannot backtrack catastrophically: a conservative, deterministic structural check, because a
// JavaScript regex cannot be stopped once it runs and the scan runs on the server's main thread.

export type PatternCheck = { ok: true } | { ok: false; reason: string };

/** Longest pattern accepted, and the largest repetition count ({n,m}). */
export const MAX_PATTERN_LENGTH = 300;
const MAX_COUNT = 1000;

type Node =
  | { t: 'char'; raw: string }
  | { t: 'group'; alts: Node[][]; look: boolean; raw: string }
  | { t: 'quant'; min: number; max: number; body: Node; raw: string }
  | { t: 'assert' };

class Reject extends Error {}

/** Parses a pattern that `new RegExp` already accepted (so the parser may be lenient). */
function parse(src: string): Node[][] {
  let i = 0;
  const alternatives = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < src.length && src[i] !== ')') {
      if (src[i] === '|') {
        i += 1;
        alts.push([]);
        continue;
      }
      const start = i;
      const a = atom();
      if (i === start) throw new Reject('the pattern could not be read'); // never loop on input the parser does not know
      const q = /^(?:\*|\+|\?|\{(\d+)(?:(,)(\d*))?\})\??/.exec(src.slice(i));
      if (q && a.t !== 'assert') {
        i += q[0].length;
        const c = q[0][0];
        const min = c === '*' || c === '?' ? 0 : c === '+' ? 1 : Number(q[1]);
        const max = c === '*' || c === '+' ? Infinity : c === '?' ? 1 : q[2] ? (q[3] ? Number(q[3]) : Infinity) : min;
        if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) throw new Reject(`repetition counts above ${MAX_COUNT} are not allowed`);
        alts[alts.length - 1].push({ t: 'quant', min, max, body: a, raw: src.slice(start, i) });
      } else alts[alts.length - 1].push(a);
    }
    return alts;
  };
  const atom = (): Node => {
    const start = i;
    const c = src[i];
    if (c === '(') {
      const head = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(src.slice(i))![0];
      i += head.length;
      const alts = alternatives();
      i += 1; // ')'
      return { t: 'group', alts, look: /^\(\?(?:=|!|<=|<!)$/.test(head), raw: src.slice(start, i) };
    }
    if (c === '[') {
      i += 1;
      if (src[i] === '^') i += 1;
      // In JavaScript a ']' right after '[' or '[^' closes an empty class.
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i += 1;
      return { t: 'char', raw: src.slice(start, i) };
    }
    if (c === '^' || c === '$') {
      i += 1;
      return { t: 'assert' };
    }
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      if (/[1-9]/.test(e) || (e === 'k' && src[i + 2] === '<')) throw new Reject('back-references are not allowed');
      if (e === 'b' || e === 'B') {
        i += 2;
        return { t: 'assert' };
      }
      const m = /^\\(?:u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|0|[\s\S])/.exec(src.slice(i))!;
      i += m[0].length;
      return { t: 'char', raw: m[0] };
    }
    i += 1;
    return { t: 'char', raw: c };
  };
  const alts = alternatives();
  if (i < src.length) throw new Reject('unbalanced parenthesis');
  return alts;
}

const walkAll = (alts: Node[][], fn: (n: Node) => void) => alts.forEach((seq) => seq.forEach((n) => walkNode(n, fn)));
function walkNode(n: Node, fn: (n: Node) => void): void {
  fn(n);
  if (n.t === 'group') walkAll(n.alts, fn);
  else if (n.t === 'quant') walkNode(n.body, fn);
}

/**
 * Characters that stand for every class a pattern can name: ASCII, a few non-ASCII letters, digits,
 * spaces and symbols, plus every character written in the pattern itself (so two ranges overlap
 * here exactly when they overlap, since each range's ends are in the sample).
 */
function alphabet(src: string): string[] {
  const set = new Set<string>();
  for (let c = 0; c < 128; c++) set.add(String.fromCharCode(c));
  for (const c of 'éßΩωЖж中ك٣\u00a0\u2028\u3000€🙂') set.add(c);
  for (const c of src) set.add(c);
  for (const m of src.matchAll(/\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]+)\})/g)) {
    const cp = parseInt(m[1] ?? m[2] ?? m[3], 16);
    if (cp <= 0x10ffff) set.add(String.fromCodePoint(cp));
  }
  return [...set];
}

type CharSet = Set<number>;

function checker(src: string, flags: string) {
  const sample = alphabet(src);
  const cache = new Map<string, CharSet>();
  const charSet = (raw: string): CharSet => {
    let s = cache.get(raw);
    if (!s) {
      const re = new RegExp(`^(?:${raw})$`, flags.replace(/[gy]/g, ''));
      s = new Set(sample.flatMap((c, k) => (re.test(c) ? [k] : [])));
      cache.set(raw, s);
    }
    return s;
  };
  /** Every character a node can consume (lookarounds consume none). */
  const consumes = (n: Node): CharSet => {
    const out: CharSet = new Set();
    const add = (x: Node): void => {
      if (x.t === 'char') for (const k of charSet(x.raw)) out.add(k);
      else if (x.t === 'quant') add(x.body);
      else if (x.t === 'group' && !x.look) x.alts.forEach((seq) => seq.forEach(add));
    };
    add(n);
    return out;
  };
  const overlaps = (a: CharSet, b: CharSet) => [...a].some((k) => b.has(k));
  const variable = (n: Node) => n.t === 'quant' && n.min < n.max;

  /**
   * `live`: characters that a variable quantifier since the last separator may still take. A second
   * variable quantifier that can take one of them makes the split between the two ambiguous, which
   * is what turns a failed match polynomial (or worse); a mandatory character outside `live` ends it.
   */
  const seq = (nodes: Node[], live: CharSet): CharSet => nodes.reduce((l, n) => node(n, l), live);
  const alts = (as: Node[][], live: CharSet): CharSet => {
    const out: CharSet = new Set();
    for (const s of as) for (const k of seq(s, live)) out.add(k);
    return out;
  };
  const node = (n: Node, live: CharSet): CharSet => {
    switch (n.t) {
      case 'assert':
        return live;
      case 'char': {
        const s = charSet(n.raw);
        return overlaps(s, live) ? live : new Set();
      }
      case 'group':
        if (n.look) {
          alts(n.alts, new Set());
          return live;
        }
        return alts(n.alts, live);
      case 'quant': {
        if (n.max === 0) return live;
        if (n.max > 1) {
          walkNode(n.body, (x) => {
            if (x !== n.body && variable(x)) throw new Reject(`"${n.raw}" repeats a group that holds a quantifier (nested quantifiers can take exponential time)`);
            if (x.t === 'group' && !x.look && x.alts.length > 1) throw new Reject(`"${n.raw}" repeats an alternation; use a character class such as [ab]+ instead`);
          });
          if (n.body.t === 'group') alts(n.body.alts, new Set()); // its own inside, checked alone
        }
        if (n.min === n.max) return node(n.body, live);
        const s = consumes(n.body);
        if (overlaps(s, live)) throw new Reject(`"${n.raw}" can match the same text as a quantifier before it (adjacent overlapping quantifiers make a failed match slow); separate them with a character neither can match`);
        if (n.max === 1) {
          // Optional: what follows sees the body's characters as still pending.
          const after = node(n.body, live);
          return new Set([...live, ...after, ...s]);
        }
        return n.min >= 1 ? new Set(s) : new Set([...live, ...s]);
      }
    }
  };
  return { run: (tree: Node[][]) => alts(tree, new Set()) };
}

/**
 * Accepts `source` (compiled with `flags`) when it is valid, short, and free of the shapes that make
 * a backtracking engine slow: back-references, nested quantifiers, repeated alternations, and two
 * variable quantifiers that can take the same characters with nothing mandatory between them.
 * Deterministic: the verdict depends on the pattern's structure only, never on timing.
 */
export function checkUserPattern(source: string, flags = ''): PatternCheck {
  if (typeof source !== 'string' || !source) return { ok: false, reason: 'the pattern is empty' };
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  try {
    new RegExp(source, flags);
  } catch (e) {
    return { ok: false, reason: `not a valid regular expression (${e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e)})` };
  }
  try {
    checker(source, flags).run(parse(source));
    return { ok: true };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, reason: e.message };
    throw e;
  }
}

/** The flags each setting's patterns are compiled with (the engine's own choice). */
export const EXTRA_KEY_NAME_FLAGS = 'i';
export const PROVIDER_PREFIX_FLAGS = '';
