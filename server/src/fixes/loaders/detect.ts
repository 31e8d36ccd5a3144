// Which of the table's loaders this project uses for the file being fixed: texts in, matches out.
import { COMPOSE_FILES, DEBUG_TYPES, LAUNCH_JSON, LOADER_ECOSYSTEMS, type LoaderEcosystem, type Signal } from './ecosystems';
import { composeLoadsEnv, launchConfigs, nearest, packageJson, type PackageJson } from './manifests';
import type { LoaderContext } from './types';

export interface DetectedLoader {
  ecosystem: LoaderEcosystem;
  /** The file that shows it (a manifest, a launch/Compose file, or the source itself). */
  where: string;
}

function signalWhere(ctx: LoaderContext, s: Signal, pkg: () => PackageJson | undefined): string | undefined {
  if ('npmDep' in s) {
    const p = pkg();
    return p?.deps.has(s.npmDep) ? p.path : undefined;
  }
  if ('npmScript' in s) {
    const p = pkg();
    return p && Object.values(p.scripts).some((v) => s.npmScript.test(v)) ? p.path : undefined;
  }
  if ('source' in s) return s.source.test(ctx.source.text) ? ctx.source.path : undefined;
  if ('manifest' in s) {
    const f = s.root ? s.manifest.map((p) => ({ path: p, text: ctx.files[p] })).find((x) => x.text !== undefined) : nearest(ctx, s.manifest);
    return f?.text !== undefined && s.text.test(f.text) ? f.path : undefined;
  }
  if (s.special === 'launch-env-file') {
    const text = ctx.files[LAUNCH_JSON];
    const types = DEBUG_TYPES[ctx.source.family] ?? [];
    return text !== undefined && launchConfigs(text)?.some((c) => c.type && types.includes(c.type) && typeof c.envFile === 'string' && /\.env$/.test(c.envFile)) ? LAUNCH_JSON : undefined;
  }
  return COMPOSE_FILES.find((p) => ctx.files[p] !== undefined && composeLoadsEnv(ctx.files[p]));
}

/** Every loader of the table this project shows for the source's family, in table order. */
export function detectLoaders(ctx: LoaderContext): DetectedLoader[] {
  let pkg: PackageJson | undefined | null = null;
  const pkgOnce = () => (pkg === null ? (pkg = packageJson(ctx)) : pkg);
  const out: DetectedLoader[] = [];
  for (const eco of LOADER_ECOSYSTEMS) {
    if (eco.families !== '*' && !eco.families.includes(ctx.source.family)) continue;
    for (const s of eco.signals) {
      const where = signalWhere(ctx, s, pkgOnce);
      if (where !== undefined) {
        out.push({ ecosystem: eco, where });
        break;
      }
    }
  }
  return out;
}

/**
 * What the move fix says about loading: "loaded by dotenv" for a proven loader, "found ...: check
 * it reads .env" for one keyward detects but has not proven. Undefined when nothing loads .env.
 */
export function loaderNote(found: readonly DetectedLoader[]): string | undefined {
  const claimed = found.filter((d) => d.ecosystem.claimed).map((d) => d.ecosystem.label);
  if (claimed.length) return `.env loaded by ${claimed.join(', ')}`;
  const seen = found.map((d) => d.ecosystem.label);
  return seen.length ? `${seen.join(', ')} found: check it reads .env` : undefined;
}

/** True when the program itself loads .env (not only runs started from F5 or Compose). */
export function programLoadsEnv(found: readonly DetectedLoader[]): boolean {
  return found.some((d) => d.ecosystem.scope === 'program');
}
