// VS Code's launch.json: `"envFile": "${workspaceFolder}/.env"` in each launch configuration of the
// file's debugger that has none, so F5 keeps working. JSONC edited in place (comments kept).
import { DEBUG_TYPES, LAUNCH_JSON } from './ecosystems';
import { launchConfigs } from './manifests';
import { setJson, spanEdit } from './textEdits';
import type { FileEdit, LoaderContext } from './types';

export const ENV_FILE_SETTING = '${workspaceFolder}/.env';

export function planLaunchEnvFile(ctx: LoaderContext): FileEdit | undefined {
  const text = ctx.files[LAUNCH_JSON];
  const types = DEBUG_TYPES[ctx.source.family];
  if (text === undefined || !types) return undefined;
  const targets = (launchConfigs(text) ?? []).filter((c) => c.type && types.includes(c.type) && (c.request ?? 'launch') === 'launch' && c.envFile === undefined);
  if (!targets.length) return undefined;
  const e = spanEdit(text, setJson(text, targets.map((c) => ({ path: ['configurations', c.index, 'envFile'], value: ENV_FILE_SETTING }))));
  return e && { path: LAUNCH_JSON, edits: [e] };
}
