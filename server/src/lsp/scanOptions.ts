// Settings -> engine options. Provider data is merged once per settings object, not per keystroke.
import type { ScanOptions } from '../engine/types';
import { mergeProviders, type ProviderEntry } from '../../../shared/providers';
import type { KeywardSettings } from './settings';

/** Longest line the engine reads at once; longer (minified) lines are read in windows. */
export const MAX_LINE_LENGTH = 4000;

const providersCache = new WeakMap<KeywardSettings, ProviderEntry[]>();

export function scanOptionsFor(settings: KeywardSettings, relativePath: string, languageId?: string): ScanOptions {
  let customProviders = providersCache.get(settings);
  if (!customProviders) {
    customProviders = mergeProviders(settings.customProviders).filter((p) => p.custom);
    providersCache.set(settings, customProviders);
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
