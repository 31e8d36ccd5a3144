// The formats the engine runs: the catalogue (../formats) plus each provider's own key shapes
// (providers/*.keyPatterns, contextOnlyPatterns, a user provider's prefix), turned into the same data.
import type { ProviderEntry } from '../../../../shared/providers/types';
import { KEY_FORMATS } from '../formats';
import type { KeyFormat } from '../types';
import { isPlaceholderValue, shannonEntropy } from '../value';

export interface RunFormat {
  format: KeyFormat;
  /** Lower-case keywords for the prefilter; undefined: the format runs on every line with a credential word. */
  keywords?: string[];
  /** The provider entry the shape belongs to (provider keyPatterns). */
  provider?: ProviderEntry;
  /** Only report when the context (not the shape) attributes the key to this provider (Pinecall pk_). */
  needsProvider?: string;
}

/**
 * Literal prefixes a regex source must start with (`\b(?:pio_sk|fast_sk)_` -> pio_sk_, fast_sk_),
 * or undefined when it has none of 3+ characters (the prefilter then cannot narrow it).
 */
export function literalKeywords(src: string): string[] | undefined {
  let i = 0;
  // Skip anchors, lookbehinds and group openers at the start.
  for (;;) {
    if (src.startsWith('^', i)) i += 1;
    else if (src.startsWith('\\b', i)) i += 2;
    else if (src.startsWith('(?<!', i) || src.startsWith('(?<=', i)) {
      const close = src.indexOf(')', i);
      if (close < 0) return undefined;
      i = close + 1;
    } else if (/^\(\?<[A-Za-z]\w*>/.test(src.slice(i))) i = src.indexOf('>', i) + 1;
    else break;
  }
  let alts = [''];
  while (i < src.length) {
    if (src.startsWith('(?:', i)) {
      const close = src.indexOf(')', i);
      const inner = close < 0 ? '' : src.slice(i + 3, close);
      if (!inner || /[^A-Za-z0-9_|-]/.test(inner) || /[?*+{]/.test(src[close + 1] ?? '')) break;
      const parts = inner.split('|');
      alts = alts.flatMap((a) => parts.map((p) => a + p));
      i = close + 1;
      continue;
    }
    let ch: string | undefined;
    let width = 1;
    if (/[A-Za-z0-9_:=@#%!~,-]/.test(src[i])) ch = src[i];
    else if (src[i] === '\\' && /[.\-_/@#:=~]/.test(src[i + 1] ?? '')) {
      ch = src[i + 1];
      width = 2;
    }
    if (ch === undefined) break;
    // A quantified character is not a fixed prefix.
    if (/[?*+{]/.test(src[i + width] ?? '')) break;
    alts = alts.map((a) => a + ch);
    i += width;
  }
  const kws = [...new Set(alts.map((a) => a.toLowerCase()))];
  return kws.every((k) => k.length >= 3) ? kws : undefined;
}

function providerFormat(p: ProviderEntry, pattern: string, idx: number, contextOnly: boolean, taken: Set<string>): RunFormat | undefined {
  try {
    new RegExp(pattern);
  } catch {
    return undefined; // a user's broken prefix regex: ignore it rather than break scanning
  }
  let id = `${p.id}-${contextOnly ? 'context-key' : 'api-key'}`;
  if (taken.has(id)) id = `${id}-${idx + 1}`;
  while (taken.has(id)) id += '-x';
  taken.add(id);
  const format: KeyFormat = {
    id,
    provider: p.id,
    providerName: p.name,
    envVar: p.envVars[0] ?? `${p.id.toUpperCase().replace(/-/g, '_')}_API_KEY`,
    description: `${p.name} API key`,
    keywords: literalKeywords(pattern) ?? [],
    pattern: `(?<secret>${pattern})`,
    minEntropy: 3,
    validate: (s) => s.length >= 12 && !isPlaceholderValue(s) && shannonEntropy(s) >= 3,
    examples: { positive: [], negative: [] },
  };
  return { format, keywords: literalKeywords(pattern), provider: p, needsProvider: contextOnly ? p.id : undefined };
}

/** Catalogue formats first (they carry the precise shapes), then provider shapes. */
export function runFormats(providers: readonly ProviderEntry[]): RunFormat[] {
  const out: RunFormat[] = KEY_FORMATS.map((f) => ({
    format: f,
    keywords: f.keywords.length ? f.keywords.map((k) => k.toLowerCase()) : undefined,
  }));
  const taken = new Set(KEY_FORMATS.map((f) => f.id));
  const catalogued = new Set(KEY_FORMATS.map((f) => f.provider));
  for (const p of providers) {
    // A built-in provider the catalogue already covers keeps the catalogue's precise shapes (its entry's
    // patterns are coarser: `fast_sk_…` would also take `fast_sk_learn_…`); a user's entry always runs.
    if (!p.custom && catalogued.has(p.id)) continue;
    (p.keyPatterns ?? []).forEach((src, i) => {
      const rf = providerFormat(p, src, i, false, taken);
      if (rf) out.push(rf);
    });
    (p.contextOnlyPatterns ?? []).forEach((src, i) => {
      const rf = providerFormat(p, src, i, true, taken);
      if (rf) out.push(rf);
    });
  }
  return out;
}
