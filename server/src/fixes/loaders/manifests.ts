// Reading the gathered texts: the nearest manifest of a kind, package.json fields, launch.json
// configurations. Tolerant parsers only (jsonc-parser), so a half-typed file gives nothing, not a throw.
import { parse, type ParseError } from 'jsonc-parser/lib/esm/main';
import type { LoaderContext } from './types';

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** The folders from the source file's own up to the workspace folder ('' last). */
export function ancestors(sourcePath: string): string[] {
  const out: string[] = [];
  let d = dirOf(sourcePath.replace(/\\/g, '/'));
  for (;;) {
    out.push(d);
    if (!d) return out;
    d = dirOf(d);
  }
}

/** The nearest file named one of `names` (the closest folder wins; in a folder, the first name). */
export function nearest(ctx: LoaderContext, names: readonly string[]): { path: string; text: string } | undefined {
  for (const d of ancestors(ctx.source.path)) {
    for (const n of names) {
      const p = join(d, n);
      const text = ctx.files[p];
      if (text !== undefined) return { path: p, text };
    }
  }
  return undefined;
}

/** The object a JSON(C) text holds, or undefined when it does not parse as one. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  const errors: ParseError[] = [];
  const v = parse(text, errors, { allowTrailingComma: true });
  return errors.length || !v || typeof v !== 'object' || Array.isArray(v) ? undefined : (v as Record<string, unknown>);
}

export interface PackageJson {
  path: string;
  text: string;
  deps: Set<string>;
  scripts: Record<string, string>;
  type?: string;
}

export function packageJson(ctx: LoaderContext): PackageJson | undefined {
  const f = nearest(ctx, ['package.json']);
  const obj = f && parseObject(f.text);
  if (!f || !obj) return undefined;
  const deps = new Set<string>();
  for (const k of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const d = obj[k];
    if (d && typeof d === 'object') for (const name of Object.keys(d)) deps.add(name);
  }
  const scripts: Record<string, string> = {};
  if (obj.scripts && typeof obj.scripts === 'object') {
    for (const [k, v] of Object.entries(obj.scripts)) if (typeof v === 'string') scripts[k] = v;
  }
  return { path: f.path, text: f.text, deps, scripts, type: typeof obj.type === 'string' ? obj.type : undefined };
}

export interface LaunchConfig {
  index: number;
  type?: string;
  request?: string;
  envFile?: unknown;
  program?: string;
}

/** The configurations of the folder's .vscode/launch.json (JSONC), in file order. */
export function launchConfigs(text: string): LaunchConfig[] | undefined {
  const obj = parseObject(text);
  const list = obj?.configurations;
  if (!Array.isArray(list)) return undefined;
  return list.map((c, index) => {
    const o = (c && typeof c === 'object' ? c : {}) as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    return { index, type: str('type'), request: str('request'), envFile: o.envFile, program: str('program') };
  });
}

/**
 * Does a Compose file give a service the folder's .env through `env_file` (short, list or long
 * `path:` syntax)? Line-based: the `env_file` key and the indented lines under it.
 */
export function composeLoadsEnv(text: string): boolean {
  const lines = text.split(/\r?\n/);
  const envPath = /(?:^|[\s'"[,:-])(?:\.\/)?\.env['"]?\s*(?:[\],#]|$)/;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)env_file\s*:(.*)$/.exec(lines[i]);
    if (!m) continue;
    if (envPath.test(m[2])) return true;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (!l.trim() || /^\s*#/.test(l)) continue;
      const indent = /^\s*/.exec(l)![0].length;
      // List items may sit at the key's own indent (YAML allows it); anything else at or left of it ends the value.
      if (indent < m[1].length || (indent === m[1].length && !/^\s*-/.test(l))) break;
      if (envPath.test(l.replace(/^\s*(?:-\s*)?(?:path\s*:)?/, ' '))) return true;
    }
  }
  return false;
}
