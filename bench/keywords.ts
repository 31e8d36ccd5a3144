// The words ripgrep searches for in the throughput bench: the same keywords the engine's
// prefilter looks for (format prefixes, credential words, the PEM marker).
import { KEY_FORMATS } from '../server/src/engine/formats';

export function prefilterKeywords(): string[] {
  const words = new Set<string>();
  for (const f of KEY_FORMATS) for (const k of f.keywords) words.add(k.toLowerCase());
  return [...words].sort();
}
