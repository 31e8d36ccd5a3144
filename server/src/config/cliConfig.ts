// The CLI's side of the repository config: `--config FILE`, `--no-config`, or the file found at
// the scan root / git root. Flags are laid over the result by the caller (flags > config > defaults).
import * as path from 'node:path';
import { applyRepoConfig, type ConfigurableOptions } from './apply';
import { discoverRepoConfig, formatProblem, loadRepoConfig, type ConfigProblem, type RepoConfigResult } from './repoConfig';

export interface CliConfigRequest {
  /** `--config FILE` (resolved from cwd). */
  file?: string;
  /** `--no-config`. */
  none: boolean;
  cwd: string;
  /** The folder reported paths are relative to (excludes are rebased onto it). */
  base: string;
  /** How a path is shown in messages (relative to the current folder where possible). */
  display: (abs: string) => string;
}

export type CliConfig =
  | { options: ConfigurableOptions; file?: string; warnings: string[]; errors?: undefined }
  | { errors: string[]; warnings: string[]; file: string };

const EMPTY: ConfigurableOptions = { severities: {}, exclude: [], extraKeyNames: [], customProviders: [] };

export async function cliConfig(req: CliConfigRequest): Promise<CliConfig> {
  if (req.none) return { options: EMPTY, warnings: [] };
  const result: RepoConfigResult = req.file ? await loadRepoConfig(path.resolve(req.cwd, req.file)) : await discoverRepoConfig(req.base);
  if (result.kind === 'none') return { options: EMPTY, warnings: [] };
  const show = (p: ConfigProblem) => formatProblem({ ...p, file: req.display(p.file) });
  const warnings = result.warnings.map(show);
  if (result.kind === 'invalid') return { errors: result.errors.map(show), warnings, file: req.display(result.file) };
  // Globs are relative to the file's folder; those of a file named with --config (often kept in a
  // ci/ folder) to the current folder, as ESLint reads a config given with -c.
  const globBase = req.file ? req.cwd : path.dirname(result.file);
  return { options: applyRepoConfig(EMPTY, result.config, globBase, req.base), file: req.display(result.file), warnings };
}
