// Settings -> engine options. Provider data is merged once per settings object, not per keystroke.
import type { ScanOptions } from '../engine/types';
import { mergeProviders, type ProviderEntry } from '../../../shared/providers';
import type { KeywardSettings } from './settings';

/** Longest line the engine reads at once; longer (minified) lines are read in windows. */
export const MAX_LINE_LENGTH = 4000;

const providersCache = new WeakMap<KeywardSettings, ProviderEntry[]>();
const customCache = new WeakMap<KeywardSettings, ProviderEntry[]>();

/** Built-ins plus the settings' custom providers, merged once per settings object (a settings
 *  change makes a new object, so the cache follows it). */
export function providersFor(settings: KeywardSettings): ProviderEntry[] {
  let merged = providersCache.get(settings);
  if (!merged) {
    merged = mergeProviders(settings.customProviders);
    providersCache.set(settings, merged);
  }
  return merged;
}

export function scanOptionsFor(settings: KeywardSettings, relativePath: string, languageId?: string): ScanOptions {
  let customProviders = customCache.get(settings);
  if (!customProviders) {
    customProviders = providersFor(settings).filter((p) => p.custom);
    customCache.set(settings, customProviders);
  }
  return {
    relativePath,
    languageId,
    severities: settings.severities,
    extraKeyNames: settings.extraKeyNames,
    customProviders,
    maxLineLength: MAX_LINE_LENGTH,
  };
}
