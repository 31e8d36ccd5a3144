// What the move fix says about loading .env, and the separate "move and load .env" actions: the
// detection, then the ecosystem's loader plus launch.json, as plain edits the LSP assembles.
import type { Family } from '../../../../shared/languages';
import { detectLoaders, loaderNote, programLoadsEnv, type DetectedLoader } from './detect';
import { planGoLoader } from './go';
import { planLaunchEnvFile } from './launchJson';
import { planNodeLoaders } from './node';
import { planPythonLoader } from './python';
import { planShellLoader } from './shell';
import type { LoaderContext, LoaderPlan } from './types';

/** The loader planners of the claimed program ecosystems, by source family. */
const PLANNERS: Partial<Record<Family, (ctx: LoaderContext) => LoaderPlan[]>> = {
  js: planNodeLoaders,
  python: (ctx) => [planPythonLoader(ctx)].filter((p): p is LoaderPlan => !!p),
  go: (ctx) => [planGoLoader(ctx)].filter((p): p is LoaderPlan => !!p),
  shell: (ctx) => [planShellLoader(ctx)].filter((p): p is LoaderPlan => !!p),
};

export interface LoaderAdvice {
  detected: DetectedLoader[];
  /** For the move fix's title: "(.env loaded by dotenv)"; undefined when nothing was found. */
  note?: string;
  /** The "move and load .env" variants; empty when the program already loads .env. */
  plans: LoaderPlan[];
}

/** Detection plus, when the program itself does not load .env, the loaders that would (launch.json added to each). */
export function adviseLoader(ctx: LoaderContext): LoaderAdvice {
  const detected = detectLoaders(ctx);
  const note = loaderNote(detected);
  if (programLoadsEnv(detected)) return { detected, note, plans: [] };
  const launch = planLaunchEnvFile(ctx);
  const plans = (PLANNERS[ctx.source.family]?.(ctx) ?? []).map((p) => (launch ? { ...p, files: [...p.files, launch] } : p));
  if (!plans.length && launch) plans.push({ label: 'launch.json envFile', sourceEdits: [], files: [launch] });
  return { detected, note, plans };
}

/** "load .env with dotenv (run npm install)" — the tail of a loader action's title. */
export function loaderTitle(plan: LoaderPlan): string {
  const launch = plan.files.some((f) => f.path.endsWith('launch.json')) && plan.label !== 'launch.json envFile' ? ' and launch.json envFile' : '';
  return `load .env with ${plan.label}${launch}${plan.install ? ` (then run ${plan.install})` : ''}`;
}
