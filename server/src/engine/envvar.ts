// The env var a value should move to when no provider or format names one: derived from the name
// it stood at (stripeSecret -> STRIPE_SECRET, X-API-Key -> API_KEY, this.apiKey -> API_KEY).
import { nameWords } from './rules/names';

// Receivers and namespaces in dotted names that are not part of the secret's own name.
const NAMESPACE_WORDS = new Set(['this', 'self', 'config', 'cfg', 'conf', 'settings', 'options', 'opts', 'env', 'process', 'os', 'environ', 'props', 'properties', 'params', 'args', 'window', 'global', 'globals', 'module', 'exports', 'app', 'spring', 'credentials', 'secrets', 'data', 'x', 'http', 'headers', 'header']);

export function envVarFromName(name: string | undefined, fallback = 'API_KEY'): string {
  if (!name) return fallback;
  const words = nameWords(name.replace(/^[-$@:]+/, ''));
  while (words.length > 1 && NAMESPACE_WORDS.has(words[0])) words.shift();
  if (words.length === 0) return fallback;
  if (words.length === 1 && words[0] === 'authorization') return 'API_TOKEN';
  if (words.length === 1 && /^(?:key|auth)$/.test(words[0])) return fallback;
  return words.slice(-4).join('_').toUpperCase();
}
