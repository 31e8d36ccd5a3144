// The `keyward.*` settings as the server uses them: normalised from whatever a client sends
// (VS Code's nested object, flat dotted keys from other editors, or nothing at all).
import { fileURLToPath } from 'node:url';
import type { RepoConfigForEditor } from '../config/editorConfig';
import { RULE_IDS, type RuleId, type SeveritySetting } from '../engine/types';
import { checkUserPattern, EXTRA_KEY_NAME_FLAGS, PROVIDER_PREFIX_FLAGS } from '../../../shared/userPatterns';

/** A user regex left out because it could stall the scan (or is invalid); reported once to the user. */
export interface RejectedPattern {
  setting: string;
  pattern: string;
  reason: string;
}

export interface KeywardSettings {
  enable: boolean;
  severities: Record<RuleId, SeveritySetting>;
  exclude: string[];
  maxFileSizeKB: number;
  debounceMs: number;
  extraKeyNames: string[];
  /** Raw entries; `mergeProviders` turns them into provider data and drops unusable ones. */
  customProviders: unknown[];
  scanWorkspaceOnStartup: boolean;
  /** Apply the folder's .keyward.json (trusted workspaces only). */
  useRepositoryConfig: boolean;
  /** Patterns from extraKeyNames / customProviders[].prefix that were not admitted (issue 14 item 5). */
  rejectedPatterns: RejectedPattern[];
}

export const DEFAULT_SEVERITIES: Record<RuleId, SeveritySetting> = {
  'hardcoded-key': 'warning',
  'query-string-auth': 'warning',
  'env-not-ignored': 'warning',
  'env-tracked': 'error',
};

export function defaultSettings(): KeywardSettings {
  return {
    enable: true,
    severities: { ...DEFAULT_SEVERITIES },
    exclude: [],
    maxFileSizeKB: 1024,
    debounceMs: 200,
    extraKeyNames: [],
    customProviders: [],
    scanWorkspaceOnStartup: true,
    useRepositoryConfig: true,
    rejectedPatterns: [],
  };
}

const SEVERITY_VALUES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads `path` ("rules.hardcoded-key.severity") from a nested object, flat dotted keys, or a mix. */
function pick(raw: Record<string, unknown>, path: string): unknown {
  if (path in raw) return raw[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const inner = raw[path.slice(0, dot)];
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? pick(inner as Record<string, unknown>, path.slice(dot + 1)) : undefined;
}

function stringArray(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.length > 0) : fallback;
}

function clampNumber(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

/**
 * Normalises the `keyward` section. Unknown or ill-typed values fall back to defaults one by one,
 * so a single typo in settings.json never disables the whole server.
 */
export function normalizeSettings(raw: unknown): KeywardSettings {
  const d = defaultSettings();
  if (!raw || typeof raw !== 'object') return d;
  const r = raw as Record<string, unknown>;
  const severities = { ...d.severities };
  for (const id of RULE_IDS) {
    const v = pick(r, `rules.${id}.severity`);
    if (typeof v === 'string' && SEVERITY_VALUES.has(v as SeveritySetting)) severities[id] = v as SeveritySetting;
  }
  const enable = pick(r, 'enable');
  const startup = pick(r, 'scanWorkspaceOnStartup');
  const useRepo = pick(r, 'useRepositoryConfig');
  // User regexes run on the server's main thread: one that can backtrack catastrophically is left
  // out here, with the reason, so a setting can never block the server.
  const rejectedPatterns: RejectedPattern[] = [];
  const extraKeyNames = stringArray(pick(r, 'extraKeyNames'), d.extraKeyNames).filter((p) => {
    const c = checkUserPattern(p, EXTRA_KEY_NAME_FLAGS);
    if (!c.ok) rejectedPatterns.push({ setting: 'keyward.extraKeyNames', pattern: p, reason: c.reason });
    return c.ok;
  });
  const rawProviders = pick(r, 'customProviders');
  const customProviders = Array.isArray(rawProviders) ? (rawProviders as unknown[]) : d.customProviders;
  customProviders.forEach((cp, i) => {
    const prefix = cp && typeof cp === 'object' ? (cp as { prefix?: unknown }).prefix : undefined;
    if (typeof prefix !== 'string' || !prefix) return;
    const c = checkUserPattern(prefix, PROVIDER_PREFIX_FLAGS);
    // mergeProviders applies the same check and drops the prefix; here it is only reported.
    if (!c.ok) rejectedPatterns.push({ setting: `keyward.customProviders[${i}].prefix`, pattern: prefix, reason: c.reason });
  });
  return {
    enable: typeof enable === 'boolean' ? enable : d.enable,
    severities,
    exclude: stringArray(pick(r, 'exclude'), d.exclude),
    maxFileSizeKB: clampNumber(pick(r, 'maxFileSizeKB'), d.maxFileSizeKB, 1, 1024 * 1024),
    debounceMs: clampNumber(pick(r, 'debounceMs'), d.debounceMs, 0, 5000),
    extraKeyNames,
    customProviders,
    scanWorkspaceOnStartup: typeof startup === 'boolean' ? startup : d.scanWorkspaceOnStartup,
    useRepositoryConfig: typeof useRepo === 'boolean' ? useRepo : d.useRepositoryConfig,
    rejectedPatterns,
  };
}

/** Where settings come from: a pull (`workspace/configuration`) or the last pushed value. */
export type ConfigurationFetcher = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * Per-folder settings with a cache. Clients without `workspace/configuration` (some Neovim,
 * Helix and Emacs set-ups) get the pushed `settings.keyward` or the defaults.
 */
export class SettingsStore {
  private cache = new Map<string, Promise<KeywardSettings>>();
  private pushed: unknown;

  /** `onRejected` hears about user patterns left out of a loaded settings object (issue 14 item 5). */
  constructor(
    private readonly fetcher: ConfigurationFetcher | undefined,
    /** Lays each folder's .keyward.json over its settings; without it, settings alone. */
    private readonly repoConfig?: RepoConfigForEditor,
    private readonly onRejected?: (rejected: readonly RejectedPattern[]) => void,
  ) {}

  /** Settings sent by the client itself (initializationOptions or didChangeConfiguration). */
  setPushed(raw: unknown): void {
    this.pushed = raw;
    this.cache.clear();
  }

  clear(): void {
    this.cache.clear();
  }

  get(scopeUri: string | undefined): Promise<KeywardSettings> {
    const key = scopeUri ?? '';
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.load(scopeUri);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async load(scopeUri: string | undefined): Promise<KeywardSettings> {
    const own = await this.loadOwn(scopeUri);
    if (own.rejectedPatterns.length) this.onRejected?.(own.rejectedPatterns);
    const folder = scopeUri?.startsWith('file:') ? fileURLToPath(scopeUri) : undefined;
    return this.repoConfig && folder ? this.repoConfig.apply(own, folder) : own;
  }

  private async loadOwn(scopeUri: string | undefined): Promise<KeywardSettings> {
    if (!this.fetcher) return normalizeSettings(this.pushed);
    try {
      const raw = await this.fetcher(scopeUri);
      return normalizeSettings(raw ?? this.pushed);
    } catch {
      // A client that fails the request still gets a working server.
      return normalizeSettings(this.pushed);
    }
  }
}
