// The language server's side of the repository config: per workspace folder, applied only in a
// trusted workspace, and every problem or refusal said once (not on every settings reload).
import * as path from 'node:path';
import { discoverRepoConfig, describeProblems, CONFIG_FILE_NAMES } from './repoConfig';
import { applyRepoConfig, type ConfigurableOptions } from './apply';

/** `log` goes to the output channel only; the others are also shown to the user. */
export type NoticeLevel = 'error' | 'warning' | 'info' | 'log';

export interface EditorConfigHost {
  /** false in an untrusted workspace: the repository config is found and reported, never applied. */
  trusted: boolean;
  notify(level: NoticeLevel, message: string): void;
}

export class RepoConfigForEditor {
  private said = new Set<string>();

  constructor(private readonly host: EditorConfigHost) {}

  /** `settings` with the config of `folderPath` laid over it (or unchanged, and why said once). */
  async apply<T extends ConfigurableOptions & { useRepositoryConfig?: boolean }>(settings: T, folderPath: string): Promise<T> {
    if (settings.useRepositoryConfig === false) return settings;
    const result = await discoverRepoConfig(folderPath);
    if (result.kind === 'none') return settings;
    if (!this.host.trusted) {
      this.once('info', `keyward: ${result.file} is not applied because this workspace is not trusted, so nothing in the repository can hide a finding. Trust the workspace to apply it.`);
      return settings;
    }
    const { errors, warnings } = describeProblems(result);
    for (const w of warnings) this.once('warning', `keyward: ${w}`);
    if (result.kind === 'invalid') {
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s), listed in the keyward output)` : '';
      for (const e of errors) this.once('log', `keyward: ${e}`);
      this.once('error', `keyward: the repository configuration is not applied: ${errors[0]}${more}`);
      return settings;
    }
    return applyRepoConfig(settings, result.config, path.dirname(result.file), folderPath);
  }

  /** A config file changed: its problems may be said again. */
  reset(): void {
    this.said.clear();
  }

  private once(level: NoticeLevel, message: string): void {
    const key = `${level}\0${message}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    this.host.notify(level, message);
  }
}

/** Whether a changed file's URI or path is a repository config (re-read settings when it is). */
export function isRepoConfigPath(uriOrPath: string): boolean {
  const name = uriOrPath.slice(uriOrPath.lastIndexOf('/') + 1);
  return (CONFIG_FILE_NAMES as readonly string[]).includes(decodeURIComponent(name));
}
