// Users' own providers from settings become the same data entries as the built-ins.
import { BUILTIN_PROVIDERS } from './builtin';
import type { ProviderEntry } from './types';
import { checkUserPattern, PROVIDER_PREFIX_FLAGS } from '../userPatterns';

export interface CustomProviderSetting {
  id: string;
  name: string;
  envVar?: string;
  hosts?: string[];
  headers?: string[];
  prefix?: string;
  baseUrl?: string;
  authStyle?: 'bearer' | 'header';
  authHeader?: string;
}

/** Turns one settings entry into a provider entry; returns undefined (not a throw) for unusable input. */
export function customProviderFromSetting(s: unknown): ProviderEntry | undefined {
  if (!s || typeof s !== 'object') return undefined;
  const c = s as Partial<CustomProviderSetting>;
  if (typeof c.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(c.id) || typeof c.name !== 'string') return undefined;
  let keyPatterns: string[] | undefined;
  // An invalid prefix, or one that could backtrack catastrophically, is left out (issue 14 item 5).
  if (typeof c.prefix === 'string' && c.prefix && checkUserPattern(c.prefix, PROVIDER_PREFIX_FLAGS).ok) keyPatterns = [c.prefix];
  const style = c.authStyle === 'bearer' ? 'bearer' : 'header';
  return {
    id: c.id,
    name: c.name,
    baseUrl: typeof c.baseUrl === 'string' ? c.baseUrl : undefined,
    auth: { style, header: style === 'header' ? c.authHeader || (c.headers && c.headers[0]) || 'X-API-Key' : undefined },
    envVars: [typeof c.envVar === 'string' && c.envVar ? c.envVar : `${c.id.toUpperCase().replace(/-/g, '_')}_API_KEY`],
    hosts: Array.isArray(c.hosts) ? c.hosts.filter((h) => typeof h === 'string') : [],
    keyPatterns,
    errorStyle: 'auto',
    custom: true,
  };
}

/**
 * THE provider merge (settings, engine, fixes and client all come here): built-ins plus extra
 * entries, where an entry with a built-in's id replaces it.
 */
export function mergeProviderEntries(extra: readonly ProviderEntry[]): ProviderEntry[] {
  const ids = new Set(extra.map((p) => p.id));
  return [...BUILTIN_PROVIDERS.filter((p) => !ids.has(p.id)), ...extra];
}

/** Built-ins plus the user's settings entries (unusable ones dropped). */
export function mergeProviders(custom: readonly unknown[] | undefined): ProviderEntry[] {
  return mergeProviderEntries((custom ?? []).map(customProviderFromSetting).filter((p): p is ProviderEntry => !!p));
}
