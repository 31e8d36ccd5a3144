// initializationOptions the server understands. Every field is optional: a plain LSP client
// (Neovim, Helix, Emacs) sends nothing and gets a trusted, incremental server with defaults.
export interface InitOptions {
  /** false in an untrusted workspace: git is never run (gitignore rules are read in-process). */
  trusted: boolean;
  /** Send `$/keyward/timing` after each open-document scan (benchmarks). */
  timing: boolean;
  /** false re-reads the whole text on every edit (benchmarks compare both). */
  incremental: boolean;
  /** The `keyward` section, for clients that cannot answer workspace/configuration. */
  settings?: unknown;
}

export function parseInitOptions(raw: unknown): InitOptions {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const settings = o.settings && typeof o.settings === 'object' ? ((o.settings as Record<string, unknown>).keyward ?? o.settings) : undefined;
  return {
    trusted: o.trusted !== false,
    timing: o.timing === true,
    incremental: o.incremental !== false,
    settings,
  };
}
