// The files the LSP must read for a source file's loaders: derived from the table, nearest-first.
import type { Family } from '../../../../shared/languages';
import { COMPOSE_FILES, DEBUG_TYPES, LAUNCH_JSON, LOADER_ECOSYSTEMS, PACKAGE_JSON, PYTHON_MANIFESTS } from './ecosystems';
import { ancestors } from './manifests';

/** Relative paths ('/'-separated) of every manifest a loader of `family` may look at, for a file at `sourcePath`. */
export function manifestsToRead(family: Family, sourcePath: string): string[] {
  const nearestNames = new Set<string>();
  const rootNames = new Set<string>(COMPOSE_FILES);
  if (DEBUG_TYPES[family]) rootNames.add(LAUNCH_JSON);
  if (family === 'python') for (const n of PYTHON_MANIFESTS) nearestNames.add(n);
  for (const eco of LOADER_ECOSYSTEMS) {
    if (eco.families === '*' || !eco.families.includes(family)) continue;
    for (const s of eco.signals) {
      if ('npmDep' in s || 'npmScript' in s) nearestNames.add(PACKAGE_JSON);
      else if ('manifest' in s) for (const m of s.manifest) (s.root ? rootNames : nearestNames).add(m);
    }
  }
  const out = new Set<string>(rootNames);
  for (const d of ancestors(sourcePath)) for (const n of nearestNames) out.add(d ? `${d}/${n}` : n);
  return [...out];
}
