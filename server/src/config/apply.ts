// Lays a loaded repository config over a host's own options (the editor's settings, or the CLI's
// defaults before its flags). Both hosts call this, so the editor and CI see the same rules.
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { CustomProviderSetting } from '../../../shared/providers/custom';
import type { RuleId, SeveritySetting } from '../engine/types';
import type { CustomKeyFormat, RepoConfig } from './validate';

/** The options a repository config can touch, in the shape both hosts keep them. */
export interface ConfigurableOptions {
  severities: Partial<Record<RuleId, SeveritySetting>>;
  exclude: string[];
  extraKeyNames: string[];
  /** Raw provider settings (`keyward.customProviders` shape). */
  customProviders: unknown[];
}

/**
 * The config's rules win over `base` for the rules it names; lists are joined. A key format whose
 * id the user already defines is dropped: the user's entry (with its base URL) stays the user's.
 */
export function applyRepoConfig<T extends ConfigurableOptions>(base: T, config: RepoConfig, configDir: string, scanDir: string): T {
  const userIds = new Set(base.customProviders.map((p) => (p && typeof p === 'object' ? (p as { id?: unknown }).id : undefined)));
  return {
    ...base,
    severities: { ...base.severities, ...config.rules },
    exclude: [...base.exclude, ...rebaseGlobs(config.exclude, configDir, scanDir)],
    extraKeyNames: [...new Set([...base.extraKeyNames, ...config.extraKeyNames])],
    customProviders: [...base.customProviders, ...config.customKeyFormats.filter((f) => !userIds.has(f.id)).map(keyFormatSetting)],
  };
}

/** A key format as a provider setting: detection fields only, so no base URL can come along. */
export function keyFormatSetting(f: CustomKeyFormat): CustomProviderSetting {
  return { id: f.id, name: f.name, prefix: f.pattern, envVar: f.envVar, hosts: f.hosts, headers: f.headers };
}

/**
 * Exclude globs are written relative to the config file's folder; scans report paths relative to
 * `scanDir` (that folder or one below it). Rewrites each glob for `scanDir`, dropping globs that
 * can only match outside it.
 */
export function rebaseGlobs(globs: readonly string[], configDir: string, scanDir: string): string[] {
  const rel = path.relative(configDir, scanDir).split(path.sep).join('/');
  if (!rel) return [...globs];
  const outside = rel.startsWith('..') || path.isAbsolute(rel);
  const relSegs = rel.split('/');
  const out: string[] = [];
  for (const raw of globs) {
    const g = raw.trim().replace(/\\/g, '/').replace(/^\.?\//, '').replace(/\/+$/, '');
    // A glob without a slash matches a name at any depth (see workspace/exclude.ts), and `**/…`
    // matches below any folder: both mean the same wherever the scan starts.
    if (!g.includes('/') || g.startsWith('**/')) {
      out.push(g);
      continue;
    }
    if (outside) continue;
    const segs = g.split('/');
    let i = 0;
    let kept: string | undefined;
    for (const seg of relSegs) {
      if (segs[i] === '**') {
        kept = segs.slice(i).join('/');
        break;
      }
      if (i >= segs.length || !minimatch(seg, segs[i], { dot: true })) break;
      i++;
    }
    if (kept === undefined && i === relSegs.length) kept = i === segs.length ? '**' : segs.slice(i).join('/');
    if (kept !== undefined) out.push(kept);
  }
  return out;
}
