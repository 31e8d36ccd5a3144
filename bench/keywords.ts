// The words ripgrep searches for in the throughput bench: the engine's prefilter keywords
// (format prefixes, credential words, provider headers and env var names, the PEM marker),
// gathered from the same data the engine builds its prefilter from.
import { BUILTIN_PROVIDERS } from '../shared/providers/builtin';
import { CONTEXT_KEYWORDS, PEM_KEYWORD } from '../server/src/engine/config';
import { runFormats } from '../server/src/engine/rules/formats';

export function prefilterKeywords(): string[] {
  const words = new Set<string>([...CONTEXT_KEYWORDS, PEM_KEYWORD]);
  for (const f of runFormats(BUILTIN_PROVIDERS)) for (const k of f.keywords ?? []) words.add(k.toLowerCase());
  for (const p of BUILTIN_PROVIDERS) {
    if (p.auth.header) words.add(p.auth.header.toLowerCase());
    for (const ev of p.envVars) words.add(ev.toLowerCase());
  }
  return [...words].filter((w) => /^[\x20-\x7e]+$/.test(w)).sort();
}
