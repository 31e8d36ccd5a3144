// Picks the env var name a moved key gets: the provider's documented variable first.
import type { Finding } from '../engine/types';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';

const VALID = /^[A-Z_][A-Z0-9_]*$/;
/** Names that say "a credential" but not whose: they would collide across providers. */
const GENERIC = new Set(['KEY', 'TOKEN', 'SECRET', 'AUTHORIZATION', 'AUTH', 'BEARER', 'PASSWORD', 'X_API_KEY', 'APIKEY', 'API_KEY', 'VALUE', 'HEADERS', 'HEADER']);

/** apiKey -> API_KEY, openAIKey -> OPEN_AI_KEY, "x-api-key" -> X_API_KEY, self.api_key -> API_KEY. */
export function toUpperSnake(raw: string): string {
  const last = raw.replace(/['"`\]\s]/g, '').split(/\.|->|::|\[|\$/).filter(Boolean).pop() ?? '';
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * Env var for a finding. `taken` holds names already used for OTHER values (e.g. by earlier fixes in
 * the same batch); a taken name gets _2, _3... appended.
 */
export function envNameFor(finding: Finding, taken: Iterable<string> = [], providers: readonly ProviderEntry[] = BUILTIN_PROVIDERS): string {
  const provider = finding.provider ? providers.find((p) => p.id === finding.provider) : undefined;
  let base = provider?.envVars[0] ?? finding.envVar ?? '';
  if (!VALID.test(base)) base = '';
  if (!base && finding.context?.name) {
    const snake = toUpperSnake(finding.context.name);
    const generic = GENERIC.has(snake) || (finding.context.kind === 'header' && /^(X_)?(API_)?(KEY|TOKEN|AUTH)$/.test(snake));
    if (snake && !generic) base = /^\d/.test(snake) ? `_${snake}` : snake;
  }
  if (!VALID.test(base)) base = 'API_KEY';
  const used = new Set(taken);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  return name;
}
