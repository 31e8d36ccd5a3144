// Everything the scan compiles from its options (providers, formats, the prefilter regex), built
// once per distinct option set and cached: a scan of a small file must not recompile regexes.
import { mergeProviderEntries } from '../../../shared/providers/custom';
import type { ProviderEntry } from '../../../shared/providers/types';
import { compileProviders, type CompiledProvider } from './attribution';
import { buildPrefilter, type KeywordEntry, type Prefilter } from './prefilter';
import { runFormats, type RunFormat } from './rules/formats';
import type { NameClass } from './rules/names';
import { QUERY_BUILDERS } from './rules/query';
import type { ScanOptions } from './types';
import { checkUserPattern, EXTRA_KEY_NAME_FLAGS } from '../../../shared/userPatterns';

/**
 * Credential words: a name containing one may hold a key (apiKey, AUTH_TOKEN, client_secret,
 * X-API-Key, Bearer, password, GITHUB_PAT, appid). Query parameter names are covered by these too.
 */
export const CONTEXT_KEYWORDS: readonly string[] = ['key', 'token', 'secret', 'auth', 'bearer', 'pass', 'pwd', 'credential', '_pat', 'appid'];
export const PEM_KEYWORD = '-----begin';

export interface EngineConfig {
  formats: RunFormat[];
  /** Formats with no literal keyword: run on lines that have a credential word. */
  unkeyedFormats: number[];
  providers: CompiledProvider[];
  prefilter: Prefilter;
  extraNames: RegExp[];
  queryBuilders: RegExp;
  /** classifyName results by name: the same few names (key, token, apiKey) recur thousands of times. */
  nameCache: Map<string, NameClass | null>;
  /** SDK constructor / package name -> provider id. */
  sdkNames: Map<string, string>;
}

/** Longest literal run (3+ chars) of a user's name regex, for the prefilter. */
function literalRun(src: string): string | undefined {
  const runs = src.replace(/\\[dDwWsSbB]/g, ' ').replace(/\\(.)/g, '$1').match(/[A-Za-z0-9_-]{3,}/g);
  if (!runs) return undefined;
  return runs.sort((a, b) => b.length - a.length)[0].toLowerCase();
}

/** A provider entry with every list the engine reads present (settings may hand us partial objects). */
function saneProvider(p: unknown): ProviderEntry | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const e = p as Partial<ProviderEntry>;
  if (typeof e.id !== 'string' || !e.id) return undefined;
  const strings = (a: unknown) => (Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string' && x.length > 0) : []);
  return {
    ...(e as ProviderEntry),
    name: typeof e.name === 'string' ? e.name : e.id,
    auth: e.auth && typeof e.auth === 'object' ? e.auth : { style: 'header' },
    envVars: strings(e.envVars),
    hosts: strings(e.hosts),
    sdk: e.sdk ? { packages: strings(e.sdk.packages), constructors: strings(e.sdk.constructors) } : undefined,
    keyPatterns: strings(e.keyPatterns),
    contextOnlyPatterns: strings(e.contextOnlyPatterns),
  };
}

function build(customRaw: readonly ProviderEntry[] | undefined, extraRaw: readonly string[] | undefined): EngineConfig {
  const custom = (Array.isArray(customRaw) ? customRaw : []).map(saneProvider).filter((p): p is ProviderEntry => !!p);
  const extra = (Array.isArray(extraRaw) ? extraRaw : []).filter((x): x is string => typeof x === 'string' && x.length > 0);
  const providerList = mergeProviderEntries(custom);
  const formats = runFormats(providerList);
  const entries: KeywordEntry[] = [];
  const unkeyedFormats: number[] = [];
  formats.forEach((f, i) => {
    if (f.keywords && f.keywords.length) for (const k of f.keywords) entries.push({ keyword: k, format: i });
    else unkeyedFormats.push(i);
  });
  for (const k of CONTEXT_KEYWORDS) entries.push({ keyword: k, context: true });
  // Provider headers and env vars that contain no credential word (X-Acme-Signature, ACME_CREDS).
  // SDK constructor and package names (Pioneer, Pinecall, PiClient): a key passed positionally.
  // Names under 4 characters ("Pi") would hit everywhere; those providers rely on their other data.
  const sdkNames = new Map<string, string>();
  for (const p of providerList) {
    if (p.auth.header) entries.push({ keyword: p.auth.header.toLowerCase(), context: true });
    for (const ev of p.envVars) entries.push({ keyword: ev.toLowerCase(), context: true });
    for (const n of [...(p.sdk?.constructors ?? []), ...(p.sdk?.packages ?? []).filter((k) => /^[a-z][a-z0-9_]*$/.test(k))]) {
      if (n.length < 4) continue;
      sdkNames.set(n, p.id);
      entries.push({ keyword: n.toLowerCase(), context: true });
    }
  }
  const extraNames: RegExp[] = [];
  for (const src of extra) {
    // Every caller (LSP, CLI, repository config) gets the same guard; the settings layer reports.
    if (!checkUserPattern(src, EXTRA_KEY_NAME_FLAGS).ok) continue;
    try {
      extraNames.push(new RegExp(src, 'i'));
      const run = literalRun(src);
      if (run) entries.push({ keyword: run, context: true });
    } catch {
      // An invalid user regex is skipped; the settings layer reports it.
    }
  }
  entries.push({ keyword: PEM_KEYWORD, pem: true });
  return {
    formats,
    unkeyedFormats,
    providers: compileProviders(providerList),
    prefilter: buildPrefilter(entries),
    extraNames,
    queryBuilders: new RegExp(QUERY_BUILDERS.map((s) => `(?:${s})`).join('|'), 'g'),
    nameCache: new Map(),
    sdkNames,
  };
}

const cache = new Map<string, EngineConfig>();

let defaultConfig: EngineConfig | undefined;

export function engineConfig(options: ScanOptions): EngineConfig {
  if (!Array.isArray(options.customProviders) || !options.customProviders.length) {
    if (!Array.isArray(options.extraKeyNames) || !options.extraKeyNames.length) return (defaultConfig ??= build(undefined, undefined));
  }
  const key = JSON.stringify([options.customProviders ?? null, options.extraKeyNames ?? null]);
  let cfg = cache.get(key);
  if (!cfg) {
    cfg = build(options.customProviders, options.extraKeyNames);
    if (cache.size > 16) cache.clear();
    cache.set(key, cfg);
  }
  return cfg;
}
