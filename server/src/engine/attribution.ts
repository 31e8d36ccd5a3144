// Which provider a found key belongs to, from what stands around it: the provider's own key shape,
// its env var as the assigned name, its SDK constructor or host in the statement or nearby lines,
// a header only it uses, or its SDK imported in the file. Providers are data (../providers).
import type { ProviderEntry } from '../../../shared/providers/types';
import { nameWords } from './rules/names';

export interface CompiledProvider {
  entry: ProviderEntry;
  hosts: string[];
  envVars: Set<string>;
  /** `new Pinecall(` / `Pinecall(` in the statement. */
  constructorRe?: RegExp;
  /** import/require/from of one of its SDK packages. */
  importRe?: RegExp;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function compileProviders(providers: readonly ProviderEntry[]): CompiledProvider[] {
  return providers.map((entry) => {
    const ctors = entry.sdk?.constructors ?? [];
    const pkgs = entry.sdk?.packages ?? [];
    return {
      entry,
      hosts: entry.hosts.map((h) => h.toLowerCase()).filter(Boolean),
      envVars: new Set(entry.envVars.map((e) => e.toUpperCase())),
      // Not after a dot (Math.Pi(), obj.Pioneer()) and followed by a call.
      constructorRe: ctors.length ? new RegExp(`(?<![\\w$.])(?:new\\s+)?(?:${ctors.map(escapeRe).join('|')})\\s*(?:::new\\s*)?[({]`) : undefined,
      importRe: pkgs.length
        ? new RegExp(
            `(?:\\bfrom\\s+["']?|\\bimport\\s+["']?|\\brequire\\s*\\(\\s*["']|\\bimport\\s*\\(\\s*["']|\\buse\\s+|\\bgem\\s+["']|["'])(?:${pkgs.map(escapeRe).join('|')})(?=["'/\\s;.]|$)`,
            'm',
          )
        : undefined,
    };
  });
}

/** Providers whose SDK package the file imports: a file-level fact (see fileContextKey). */
export function importedProviders(text: string, providers: readonly CompiledProvider[]): CompiledProvider[] {
  return providers.filter((p) => {
    if (!p.importRe) return false;
    const pkgs = p.entry.sdk?.packages ?? [];
    // Cheap substring test before the regex: most files import none of them.
    return pkgs.some((k) => text.includes(k)) && p.importRe.test(text);
  });
}

export interface AttributionInput {
  /** The name the value stands at (variable, key, header), if any. */
  name?: string;
  /** The statement line, and the nearby lines (window) as one string. */
  line: string;
  window: string;
  imported: readonly CompiledProvider[];
}

export type AttributionSource = 'env-var' | 'constructor' | 'host' | 'header' | 'import';

/** The provider the context points at, strongest evidence first; undefined when nothing or several do. */
export function attribute(input: AttributionInput, providers: readonly CompiledProvider[]): { provider: CompiledProvider; source: AttributionSource } | undefined {
  const { name, line, window } = input;
  if (name) {
    const upper = nameWords(name).join('_').toUpperCase();
    for (const p of providers) {
      for (const ev of p.envVars) if (upper === ev || upper.endsWith(`_${ev}`)) return { provider: p, source: 'env-var' };
    }
  }
  const ctorOnLine = providers.filter((p) => p.constructorRe?.test(line));
  if (ctorOnLine.length === 1) return { provider: ctorOnLine[0], source: 'constructor' };
  const lowerLine = line.toLowerCase();
  const hostOnLine = pickByHost(providers, lowerLine);
  if (hostOnLine) return { provider: hostOnLine, source: 'host' };
  const ctorNear = providers.filter((p) => p.constructorRe?.test(window));
  if (ctorNear.length === 1) return { provider: ctorNear[0], source: 'constructor' };
  const hostNear = pickByHost(providers, window.toLowerCase());
  if (hostNear) return { provider: hostNear, source: 'host' };
  if (name) {
    // A header name only one provider uses (X-API-Key is shared by several, so it alone says nothing).
    const lower = name.toLowerCase();
    const byHeader = providers.filter((p) => p.entry.auth.header && p.entry.auth.header.toLowerCase() === lower);
    if (byHeader.length === 1) return { provider: byHeader[0], source: 'header' };
  }
  if (input.imported.length === 1) return { provider: input.imported[0], source: 'import' };
  return undefined;
}

/** The provider with the longest host mentioned in `lower` (api.getpg.ai beats getpg.ai); ties are ambiguous. */
function pickByHost(providers: readonly CompiledProvider[], lower: string): CompiledProvider | undefined {
  let best: CompiledProvider | undefined;
  let bestLen = 0;
  let tie = false;
  for (const p of providers) {
    for (const h of p.hosts) {
      if (h.length < bestLen) continue;
      const i = lower.indexOf(h);
      if (i < 0) continue;
      // Host boundary: not part of a longer hostname (xapi.pioneer.ai.evil.com still counts; prefix matters).
      const before = i === 0 ? '' : lower[i - 1];
      if (before && /[a-z0-9-]/.test(before)) continue;
      if (h.length > bestLen) {
        best = p;
        bestLen = h.length;
        tie = false;
      } else if (best !== p) tie = true;
    }
  }
  return tie ? undefined : best;
}
